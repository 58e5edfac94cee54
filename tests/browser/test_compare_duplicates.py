"""In real chromium: a clerk asks why two appeals were linked, from the appeal page, and
takes one out of the cluster and back.

Two reports of one broken street light are registered and triaged (the second links to
the first); the clerk opens the second, types the first's number into the similar-appeals
panel (loaded by htmx) with the keyboard only, and reads the steps of the score. A wrong
number gets an error in the clerk's language and keeps what was typed.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.test_languages_and_roles import log_in, translated
from tests.conftest import build_world

from ratusha.appeals.actions import AppealInput, check_register_appeal
from ratusha.appeals.choices import Channel
from ratusha.appeals.tasks import process_appeal
from ratusha.triage.models import NotDuplicate, TriageResult

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAMP = "Каля дома 12 па вуліцы Савецкай не гарыць ліхтар ужо тыдзень, вечарам цёмна."
AGAIN = "Не гарыць ліхтар каля дома 12 па вуліцы Савецкай, вечарам зусім цёмна, ужо тыдзень."


def _linked_pair() -> tuple[Any, Any]:
    """Register and triage the two reports; the second's triage links it to the first."""
    world = build_world()
    first, second = (
        check_register_appeal(
            AppealInput(
                body=world.bodies["A"],
                channel=Channel.WEB,
                text=text,
                address="вул. Савецкая, 12",
                applicant_name="Ганна Жук",
                applicant_email=email,
            )
        ).appeal
        for text, email in ((LAMP, "hanna@example.org"), (AGAIN, "ivan@example.org"))
    )
    process_appeal.call(first.pk)
    process_appeal.call(second.pk)
    assert first.pk in dict(TriageResult.objects.get(appeal=second).duplicates)
    return first, second


def test_a_clerk_reads_why_two_appeals_are_linked(
    live_server: Any, page: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_NER = False
    first, second = _linked_pair()

    log_in(page, live_server.url, "clerk@example.org")
    page.goto(f"{live_server.url}/appeals/staff/appeals/{second.pk}/")
    field = page.get_by_label(translated("be", "Registration number or id of the other appeal"))
    field.wait_for()  # the panel arrives by htmx
    field.focus()
    page.keyboard.type(first.number)
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "be"
    assert first.number in page.locator("#compare-outcome").inner_text()
    caption = translated("be", "How the score is reached, step by step")
    table = page.get_by_role("table", name=caption)
    assert table.locator("tbody tr").count() >= 5
    assert translated("be", "No triage run linked the two.") not in page.content()
    assert page.locator(".compare-verdict").count() >= 1

    typed = "A-1999-000001"
    page.locator("#compare-other").fill(typed)
    page.locator("#compare-other").press("Enter")
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert typed in alert.inner_text() and "No appeal" not in alert.inner_text()
    assert page.locator("#compare-other").input_value() == typed
    assert page.locator("#compare-other").get_attribute("aria-invalid") == "true"


def test_a_clerk_takes_an_appeal_out_of_its_cluster_and_withdraws_the_mark(
    live_server: Any, page: Any, settings: Any
) -> None:
    """With the keyboard only: "Take out" on the cluster page, then "Withdraw" below it."""
    settings.RATUSHA_TRIAGE_NER = False
    first, second = _linked_pair()
    log_in(page, live_server.url, "clerk@example.org")
    page.goto(f"{live_server.url}/triage/appeals/{second.pk}/cluster/")
    take_out = translated("be", "Take %(number)s out") % {"number": first.number}
    page.get_by_role("button", name=take_out).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(f"/triage/appeals/{second.pk}/cluster/")
    assert page.get_by_role("table").count() == 0  # no cluster any more
    marked = page.get_by_role("region", name=translated("be", "Marked as not duplicates"))
    assert first.number in marked.inner_text() and second.number in marked.inner_text()
    assert NotDuplicate.objects.filter(withdrawn_at__isnull=True).count() == 1

    withdraw = translated("be", "Withdraw the mark on %(first)s and %(second)s") % {
        "first": first.number,
        "second": second.number,
    }
    page.get_by_role("button", name=withdraw).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("table").locator("tbody tr").count() == 2  # together again
    assert (
        page.get_by_role("region", name=translated("be", "Marked as not duplicates")).count() == 0
    )
    assert NotDuplicate.objects.get().withdrawn_at is not None
