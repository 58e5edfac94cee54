"""In real chromium: an officer picks one of the body's common questions, which fills the
question box for editing, and asks the applicant; the applicant's added information then
shows on the staff page."""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.test_accessibility import _registration
from tests.browser.test_languages_and_roles import log_in
from tests.conftest import build_world

from ratusha.appeals.actions import check_add_information
from ratusha.appeals.models import AnswerTemplate, AppealEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHOTO = "Дашліце, калі ласка, фота праблемы."


def test_a_common_question_fills_the_box_and_is_asked_as_edited(
    live_server: Any, browser: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_NER = False
    world = build_world()
    body = world.bodies["A"]
    AnswerTemplate.objects.create(body=body, kind="question", title="Фота", text=PHOTO)
    appeal = _registration(world).appeal
    check_add_information(appeal, "Ліхтар мігае і гасне зусім.")
    page = browser.new_context(locale="be-BY").new_page()
    log_in(page, live_server.url, "officer@example.org")
    page.goto(f"{live_server.url}/appeals/staff/appeals/{appeal.pk}/")
    assert "Ліхтар мігае і гасне зусім." in page.locator("#exchange + ol").inner_text()
    form = page.locator("form[action$='/ask_applicant/']")
    form.locator("xpath=..").locator("summary").click()  # open the action's details
    form.locator("select[name='ask_applicant-common_question']").select_option(label="Фота")
    box = form.locator("textarea[name='ask_applicant-question']")
    assert box.input_value() == PHOTO  # filled at once, to be edited
    box.fill(PHOTO + " Дом 12.")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.context.close()  # no request of the page outlives the test
    asked = AppealEvent.objects.get(appeal=appeal, action="ask_applicant")
    assert asked.said == PHOTO + " Дом 12."


def test_an_answer_template_fills_the_draft_without_losing_what_was_typed(
    live_server: Any, browser: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_NER = False
    world = build_world()
    AnswerTemplate.objects.create(
        body=world.bodies["A"], kind="answer", title="Ліхтары", text="Зварот {number}: адрамантуем."
    )
    appeal = _registration(world).appeal
    page = browser.new_context(locale="be-BY").new_page()
    log_in(page, live_server.url, "officer@example.org")
    url = f"{live_server.url}/appeals/staff/appeals/{appeal.pk}/"
    page.goto(url)
    draft = page.locator("#id_text")
    draft.fill("Мой пачатак адказу.")
    use = page.locator("form[data-fill-into] button[type=submit]")
    page.once("dialog", lambda dialog: dialog.dismiss())
    use.click()
    assert draft.input_value() == "Мой пачатак адказу."  # kept: the officer said no
    page.once("dialog", lambda dialog: dialog.accept())
    use.click()
    assert draft.input_value() == f"Зварот {appeal.number}: адрамантуем."
    assert page.url == url  # filled in place, no reload
    page.context.close()
