"""axe-core on what htmx swaps in after the page loads, and on states reached by the keyboard.

test_accessibility.py checks pages as they load; here the same check runs once each swap has
settled (htmx's ``htmx:afterSettle``), on every swapping part of the staff pages and on the
confirmations and messages reached by keyboard. Each state is also checked for ids a swap
left twice, live regions a swap replaced (their news is not read out), and where the UI
keeps or moves the focus on purpose, that it did not fall back to <body>.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from tests.browser.test_accessibility import _report, violations
from tests.browser.test_languages_and_roles import log_in
from tests.conftest import World, build_world
from tests.triage.fake_chat import RECORDED, assigned_appeal, serve

from ratusha.appeals.actions import AppealInput, check_register_appeal
from ratusha.appeals.choices import Channel, State
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.triage.models import TriageResult

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Counts the swaps htmx has settled in this document (installed before any page script).
COUNT_SWAPS = (
    "document.addEventListener('htmx:afterSettle', () => {"
    " window.ratushaSettled = (window.ratushaSettled || 0) + 1; });"
)
DUPLICATE_IDS = """() => {
  const seen = {};
  for (const node of document.querySelectorAll('[id]')) seen[node.id] = (seen[node.id] || 0) + 1;
  return Object.keys(seen).filter(id => seen[id] > 1);
}"""
LIGHT = "Не гарыць вулічны ліхтар на вуліцы Леніна, вечарам цёмна."


@pytest.fixture(autouse=True)
def _no_ner(settings: Any) -> None:
    settings.RATUSHA_TRIAGE_NER = False


@pytest.fixture
def llm(settings: Any) -> Iterator[Any]:
    """A local fake of the language model replaying recorded answers (no network)."""
    fake = serve(settings)
    yield fake
    fake.stop()


def watched(page: Any) -> Any:
    page.add_init_script(COUNT_SWAPS)
    return page


def swap(page: Any, action: Any) -> None:
    """Do the action, then wait until htmx has settled the answer in the page."""
    before = page.evaluate("() => window.ratushaSettled || 0")
    action()
    page.wait_for_function(
        f"() => (window.ratushaSettled || 0) > {before} && !document.querySelector('.htmx-request')"
    )


def mark(page: Any, selector: str) -> None:
    page.locator(selector).evaluate("node => { node.ratushaKept = true; }")


def kept(page: Any, selector: str) -> bool:
    """Tell whether the marked node is still there: a live region replaced is not read out."""
    return bool(page.locator(selector).evaluate("node => node.ratushaKept === true"))


def check(page: Any, found: dict[str, list[dict[str, Any]]], state: str) -> None:
    """Record axe-core's violations of the state, and any id a swap left twice."""
    found[state] = list(violations(page))
    twice = page.evaluate(DUPLICATE_IDS)
    if twice:
        found[state].append({"id": "duplicate-id-after-swap", "nodes": twice})


def focused(locator: Any) -> bool:
    return bool(locator.evaluate("node => node === document.activeElement"))


def press_enter(page: Any, locator: Any) -> None:
    """Focus an element and press Enter, waiting for the page it leads to."""
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def enter_on(page: Any, locator: Any) -> None:
    locator.focus()
    page.keyboard.press("Enter")


def register(
    world: World, text: str = LIGHT, email: str = "hanna@example.org", **extra: Any
) -> Appeal:
    """Register an appeal of body A and triage it (no model: no suggestion yet)."""
    values = {"applicant_name": "Ганна Жук", "applicant_email": email, **extra}
    registration = check_register_appeal(
        AppealInput(body=world.bodies["A"], channel=Channel.WEB, text=text, **values)
    )
    process_appeal.call(registration.appeal.pk)
    return Appeal.objects.get(pk=registration.appeal.pk)


def test_the_inbox_after_a_search_a_filter_and_on_its_next_page(
    live_server: Any, page: Any
) -> None:
    world = build_world()
    first = register(world)
    # More appeals than one page holds (50), as copies of the first.
    values = {f.attname: getattr(first, f.attname) for f in Appeal._meta.concrete_fields}
    values.pop("id")
    stem = first.number.rsplit("-", 1)[0]
    Appeal.objects.bulk_create(
        Appeal(**{**values, "sequence": 900_000 + n, "number": f"{stem}-{900_000 + n:06d}"})
        for n in range(55)
    )
    log_in(watched(page), live_server.url, "admin@example.org")
    page.goto(f"{live_server.url}/appeals/staff/bodies/{world.bodies['A'].pk}/inbox/")
    found: dict[str, list[dict[str, Any]]] = {}

    search = page.locator("#id_q")
    search.focus()
    mark(page, "#inbox-count")
    # By number, typed. The search waits for input events, not key presses, so a text
    # pasted with the mouse or typed off the US layout (Playwright sends no key events
    # for those letters) searches too.
    swap(page, lambda: page.keyboard.type(stem))
    assert page.locator("#inbox-results .pagination").count() == 1
    assert page.locator("#inbox-count").count() == 1  # swapped out of band, not added
    assert kept(page, "#inbox-count"), "the count's live region was replaced, not updated"
    # The search field stays outside the swapped part, so typing goes on where it was.
    assert focused(search)
    check(page, found, "inbox after a search (typed)")

    # Leaving the search field sends the form again (a change event): let it settle first.
    swap(page, page.locator("#id_channel").focus)
    swap(page, lambda: page.keyboard.press("End"))  # the last channel: none match
    assert focused(page.locator("#id_channel"))
    assert page.locator("#inbox-results table").count() == 0
    check(page, found, "inbox after a filter that matches nothing")

    swap(page, lambda: page.keyboard.press("Home"))  # any channel again
    press_enter(page, page.locator("#inbox-results a[rel=next]"))
    assert "page=2" in page.url and "q=" in page.url
    check(page, found, "inbox, next page of the search")
    assert not any(found.values()), _report(found)


def _cluster(world: World) -> Appeal:
    """Give an appeal with filled-in suggestions, a likely repeat and a twin in its cluster."""
    earlier = register(world, "Ліхтар на вуліцы Леніна не гарыць другі тыдзень.")
    Appeal.objects.filter(pk=earlier.pk).update(state=State.ANSWERED, answered_at=timezone.now())
    appeal = register(world)
    twin = register(world, "Ліхтар не гарыць на Леніна, 7, цёмна.", email="p2@example.org")
    TriageResult.objects.filter(appeal=appeal).update(
        departments=[[world.departments["A2"].pk, 0.72], [world.departments["A1"].pk, 0.2]],
        categories=[[world.categories["A2"].pk, 0.7]],
        similar=[[earlier.pk, 0.61]],
        duplicates=[[twin.pk, 0.9]],
        repeat_of=earlier,
        repeat_score=0.8,
    )
    return appeal


def test_the_appeal_page_panels_the_cluster_summary_and_the_merge_confirmation(
    live_server: Any, page: Any, llm: Any
) -> None:
    world = build_world()
    appeal = _cluster(world)
    llm.reply = (RECORDED / "cluster_summary_en.json").read_bytes()
    log_in(watched(page), live_server.url, "admin@example.org")
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto(f"{live_server.url}/appeals/staff/appeals/{appeal.pk}/")
    page.wait_for_selector("#triage-slot section")
    page.wait_for_selector("#cluster-slot section")
    page.wait_for_function("() => (window.ratushaSettled || 0) >= 2")
    assert page.locator("#triage-slot .triage-similar").count() == 1
    assert page.locator("#cluster-slot .notice").count() == 1  # the likely repeat
    check(page, found, "appeal page with its suggestions and repeats panels")

    page.goto(f"{live_server.url}/triage/appeals/{appeal.pk}/cluster/")
    check(page, found, "cluster page")
    button = page.locator("form[hx-post] button")
    button.focus()
    swap(page, lambda: page.keyboard.press("Enter"))
    assert page.locator(".assistant-summary").count() == 1
    assert focused(button)
    check(page, found, "cluster page with the assistant's summary")

    press_enter(page, page.locator("main form button.primary").first)
    assert page.locator(".merge-list").count() == 1
    check(page, found, "cluster merge confirmation")
    assert not any(found.values()), _report(found)


def test_the_assistant_draft(live_server: Any, page: Any, llm: Any) -> None:
    world = build_world()

    def untriaged(text: str, **values: Any) -> Appeal:
        appeal = register(world, text, **values)
        TriageResult.objects.filter(appeal=appeal).delete()  # assigned_appeal gives its own
        return appeal

    appeal = assigned_appeal(world, untriaged)
    log_in(page, live_server.url, "officer@example.org")
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto(f"{live_server.url}/appeals/staff/appeals/{appeal.pk}/")
    page.locator("#id_text").fill("Лямпу заменяць.")
    press_enter(page, page.locator(".assistant-offer button"))
    assert page.locator(".assistant-preview").count() == 1
    check(page, found, "draft from the assistant")
    llm.status = 500
    press_enter(page, page.locator("button[formaction*='assistant']"))
    assert page.locator("#page-error").count() == 1
    check(page, found, "draft from the assistant, failed")
    assert not any(found.values()), _report(found)


def test_the_triage_queue_after_assigning_a_card_and_accepting_many(
    live_server: Any, page: Any
) -> None:
    world = build_world()
    waiting = [register(world, f"Прашу разабрацца з сітуацыяй {n}.", f"v{n}@x.org") for n in "123"]
    for appeal in waiting:
        TriageResult.objects.filter(appeal=appeal).update(
            departments=[[world.departments["A1"].pk, 0.72]]
        )
    log_in(page, live_server.url, "clerk@example.org")
    page.goto(f"{live_server.url}/appeals/staff/bodies/{world.bodies['A'].pk}/triage/")
    found: dict[str, list[dict[str, Any]]] = {}

    assignee = page.locator(f"#a{waiting[0].pk}_assignee")
    assignee.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(f"#pick-{waiting[0].pk}").count() == 0  # the card is gone
    # base.html gives the message the focus after the redirect, so it is read out.
    assert focused(page.locator("#messages"))
    check(page, found, "triage queue after assigning a card")

    for appeal in waiting[1:]:
        page.locator(f"#pick-{appeal.pk}").focus()
        page.keyboard.press("Space")
    press_enter(page, page.locator("#accept-many button"))
    assert page.locator("main table tbody tr").count() == 2
    check(page, found, "accept-many confirmation")
    assert not any(found.values()), _report(found)


def test_the_models_page_while_a_job_waits(live_server: Any, page: Any, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # no worker
    world = build_world()
    body = world.bodies["A"].pk
    log_in(watched(page), live_server.url, "admin@example.org")
    page.clock.install()
    page.goto(f"{live_server.url}/triage/bodies/{body}/models/")
    found: dict[str, list[dict[str, Any]]] = {}
    press_enter(page, page.locator("form[action$='/models/department/retrain/'] button"))
    assert focused(page.locator("#messages"))
    assert page.locator("#history-vectors-state[hx-trigger]").count() == 1
    swap(page, lambda: page.clock.fast_forward(11_000))  # htmx polls every 10 s
    assert page.locator("#history-vectors-state").count() == 1
    assert page.locator("#history-vectors .jobs li").count() == 1
    check(page, found, "models page, its jobs polled")
    assert not any(found.values()), _report(found)


def test_the_publication_review_queue(live_server: Any, page: Any) -> None:
    world = build_world()
    for n in range(2):
        register(
            world, f"Мяне завуць Ганна Жук, тэл. +375 29 123-45-6{n}.", consent_to_publish=True
        )
    log_in(watched(page), live_server.url, "clerk@example.org")
    page.goto(f"{live_server.url}/publication/review/")
    found: dict[str, list[dict[str, Any]]] = {}
    first = page.locator(".publication-item").first
    item_id = first.get_attribute("id")
    first.locator("textarea").fill("")
    swap(page, lambda: enter_on(page, first.get_by_role("button").first))
    # The swap replaces the pressed button; the new one has its id, so the focus stays on it.
    item = page.locator(f"#{item_id}")
    assert focused(item.locator("button.primary")), "the focus fell out of the item"
    assert item.locator("[role=alert]").count() == 1  # shown again with its error
    assert item.locator("textarea[aria-invalid=true]").count() == 1
    check(page, found, "publication item shown again with its error")

    mark(page, "#review-outcome")
    page.once("dialog", lambda dialog: dialog.accept())
    swap(page, lambda: enter_on(page, item.locator("button.danger")))
    assert page.locator(f"#{item_id}").count() == 0
    assert page.locator("#review-outcome").inner_text()
    assert kept(page, "#review-outcome"), "the outcome's live region was replaced, not updated"
    assert focused(page.locator("main p.notice").first), "the focus fell to the page's start"
    check(page, found, "publication queue after a rejection")
    assert not any(found.values()), _report(found)
