"""axe-core (the engine of most accessibility checkers) on the main pages, in real chromium.

The rules of WCAG 2.1 levels A and AA that a machine can check: names of fields, buttons
and links, contrast, headings and landmarks, language, ARIA use. A machine finds perhaps
a third of the problems; the keyboard-only browser tests cover more. axe-core comes from
the axe-playwright-python wheel (MPL-2.0), so nothing is downloaded at test time.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from typing import Any

import axe_playwright_python
import pytest
from tests.browser.test_languages_and_roles import log_in, switch_language
from tests.conftest import World, build_world

from ratusha.appeals.actions import (
    AppealInput,
    check_mark_delivered_otherwise,
    check_register_appeal,
    check_reply,
    check_transition,
)
from ratusha.appeals.choices import Channel
from ratusha.appeals.models import UndeliveredNotice
from ratusha.appeals.tasks import process_appeal
from ratusha.ledger.models import Log

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def violations(page: Any) -> list[dict[str, Any]]:
    """Give axe-core's violations on the page as it stands: rule, impact, the elements."""
    page.add_script_tag(path=AXE)
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
        RULES,
    )
    return list(found)


def _report(pages: dict[str, list[dict[str, Any]]]) -> str:
    return json.dumps({url: v for url, v in pages.items() if v}, ensure_ascii=False, indent=1)


def _appeal(world: World) -> Any:
    return _registration(world).appeal


def _registration(world: World) -> Any:
    registration = check_register_appeal(
        AppealInput(
            body=world.bodies["A"],
            channel=Channel.WEB,
            text="Не гарыць вулічны ліхтар на вуліцы Леніна, вечарам цёмна.",
            applicant_name="Ганна Жук",
            applicant_email="hanna@example.org",
            category=world.categories["A1"],  # routed to A1: its officer can ask
        )
    )
    process_appeal.call(registration.appeal.pk)
    return registration


def test_public_pages_have_no_violations(live_server: Any, page: Any) -> None:
    world = build_world()
    code = world.bodies["A"].code
    found = {}
    for url in [
        "/",
        "/accounts/login/",
        "/accounts/register/",
        "/analytics/public/",
        "/decisions/",
        f"/decisions/{code}/",
        "/opendata/",
        "/ledger/",
        f"/appeals/new/{code}/",
    ]:
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, url
        assert page.url == live_server.url + url, url  # not sent to the login page
        found[url] = violations(page)
    assert not any(found.values()), _report(found)


def test_a_citizen_s_pages_have_no_violations_in_russian(
    live_server: Any, page: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_NER = False
    world = build_world()
    registration = _registration(world)
    number, token = registration.appeal.number, registration.token
    question = {"question": "Які пад'езд: першы ці другі?"}  # the page shows the reply form
    check_transition(registration.appeal.pk, "ask_applicant", world.users["officer"], question)
    page.goto(live_server.url + "/")
    switch_language(page, "ru")
    found = {}
    for url in [
        f"/appeals/receipt/{number}/{token}/",
        f"/appeals/track/{number}/{token}/",
        f"/appeals/track/{number}/{token}/withdraw/",
        f"/appeals/track/{number}/{token}/complain/",
        # The body's public ledger in plain words, with the registration in it.
        f"/ledger/{Log.objects.get(body=world.bodies['A']).name}/read/",
    ]:
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, url
        assert page.locator("html").get_attribute("lang") == "ru"
        found[url] = violations(page)
    # A form sent empty: the error summary and the fields marked invalid.
    page.goto(f"{live_server.url}/appeals/new/{world.bodies['A'].code}/")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").count() == 1
    found["the new appeal form with errors"] = violations(page)
    page.goto(f"{live_server.url}/appeals/track/{number}/{token}/")
    page.locator("#reply button[type=submit]").click()  # the reply sent empty
    page.wait_for_load_state()
    assert page.locator("#id_reply_error").count() == 1
    found["the reply form with its error"] = violations(page)
    check_reply(registration.appeal, "Другі.")  # the page now offers to add information
    page.goto(f"{live_server.url}/appeals/track/{number}/{token}/")
    page.locator("#add-information summary").click()
    page.locator("#add-information button[type=submit]").click()  # sent empty
    page.wait_for_load_state()
    assert page.locator("#id_information_error").count() == 1
    found["the add-information form with its error"] = violations(page)
    assert not any(found.values()), _report(found)


def _paper_appeal_with_a_letter(world: World) -> Any:
    """A paper appeal whose term was extended: its letter waits to be posted."""
    paper = check_register_appeal(
        AppealInput(
            body=world.bodies["A"],
            channel=Channel.POST,
            text="Прашу адрамантаваць дах дома на вуліцы Леніна, 5.",
            applicant_name="Алесь Жук",
            applicant_address="вул. Леніна, 5, кв. 2, Мінск",
            category=world.categories["A1"],
            registered_by=world.users["clerk"],
        )
    ).appeal
    process_appeal.call(paper.pk)
    paper.refresh_from_db()
    data = {"new_due_date": paper.due_date + timedelta(days=10), "reason": "Патрэбна экспертыза."}
    check_transition(paper.pk, "extend_deadline", world.users["head"], data)
    assert UndeliveredNotice.objects.filter(appeal=paper, channel="post").exists()
    question = {"question": "Калі можна агледзець дах?"}  # the page lists the request
    check_transition(paper.pk, "ask_applicant", world.users["officer"], question)
    return paper


def test_staff_pages_have_no_violations(live_server: Any, page: Any, settings: Any) -> None:
    settings.RATUSHA_TRIAGE_NER = False
    world = build_world()
    body = world.bodies["A"].pk
    settings.EMAIL_BACKEND = "tests.appeals_staff.test_undelivered_notices.FailingEmailBackend"
    appeal = _appeal(world)  # its receipt fails: the undelivered queue has a row
    assert UndeliveredNotice.objects.filter(appeal=appeal).exists()
    dealt = UndeliveredNotice.objects.get(appeal=_appeal(world))  # and one dealt with
    check_mark_delivered_otherwise(world.users["clerk"], dealt)  # below, with "Take back"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    paper = _paper_appeal_with_a_letter(world)
    log_in(page, live_server.url, "admin@example.org")
    found = {}
    for url in [
        "/staff/",
        f"/staff/bodies/{body}/",
        f"/appeals/staff/bodies/{body}/inbox/",
        f"/appeals/staff/bodies/{body}/triage/",
        f"/appeals/staff/bodies/{body}/pending/",
        f"/appeals/staff/bodies/{body}/undelivered/",
        f"/appeals/staff/bodies/{body}/undelivered/letters/",
        f"/appeals/staff/bodies/{body}/undelivered/posted-register/",
        f"/appeals/staff/bodies/{body}/templates/",
        f"/appeals/staff/bodies/{body}/templates/new/?kind=question",
        f"/appeals/staff/appeals/{appeal.pk}/",
        f"/appeals/staff/appeals/{paper.pk}/",
        f"/triage/bodies/{body}/models/",
        f"/triage/bodies/{body}/category-routing/",
        f"/triage/bodies/{body}/accuracy/",
        f"/triage/bodies/{body}/clusters/",
        "/triage/settings/",
        "/analytics/",
        "/analytics/map/",
        f"/predictions/bodies/{body}/",
        "/reports/",
        "/reports/new/",
        "/decisions/staff/",
        f"/decisions/staff/new/{world.bodies['A'].code}/",
        "/accounts/profile/",
    ]:
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, url
        found[url] = violations(page)
    assert not any(found.values()), _report(found)


def test_the_check_finds_what_it_should(live_server: Any, page: Any) -> None:
    """A page made worse on purpose: an unnamed field, a low-contrast line, no alt text."""
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend',
          '<input type="text" id="unnamed"><p style="color:#bbb;background:#fff">faint</p>' +
          '<img src="/static/none.png">');
    }"""
    )
    rules = {v["id"] for v in violations(page)}
    assert {"label", "color-contrast", "image-alt"} <= rules, rules
