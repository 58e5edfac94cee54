"""A bad inbox filter typed with the keyboard: its error shows by the field, the focus stays."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from tests.browser.test_accessibility_swaps import focused, register, swap, watched
from tests.browser.test_languages_and_roles import log_in
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def settled(page: Any) -> None:
    """Wait until no htmx request is under way (and the last swap has settled)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


@pytest.fixture(autouse=True)
def _no_ner(settings: Any) -> None:
    settings.RATUSHA_TRIAGE_NER = False


def open_inbox(live_server: Any, page: Any) -> int:
    """Open body A's inbox, with one appeal, as its administrator; give its rows."""
    world = build_world()
    register(world)
    log_in(watched(page), live_server.url, "admin@example.org")
    page.goto(f"{live_server.url}/appeals/staff/bodies/{world.bodies['A'].pk}/inbox/")
    return int(page.locator("#inbox-results tbody tr").count())


def test_a_bad_date_typed_in_a_filter_is_reported_by_the_field(live_server: Any, page: Any) -> None:
    rows = open_inbox(live_server, page)
    assert rows == 1
    due_after = page.locator("#id_due_after")
    due_after.focus()
    # The page is in Belarusian (day.month.year): a five-digit year is no date Django reads.
    page.keyboard.type("0101")  # day and month: no date yet, nothing sent
    page.keyboard.type("1234")  # each digit of the year sends the form (a change)
    settled(page)
    swap(page, lambda: page.keyboard.type("5"))
    error = page.locator("#id_due_after_error")
    assert error.is_visible()
    with translation.override("be"):
        assert error.inner_text() == translation.gettext("Enter a valid date.")
    assert due_after.get_attribute("aria-invalid") == "true"
    assert "id_due_after_error" in (due_after.get_attribute("aria-describedby") or "")
    assert page.locator("#inbox-filter-errors .error-summary a[href='#id_due_after']").count() == 1
    assert focused(due_after), "the focus left the field being typed in"
    assert page.locator("#inbox-results tbody tr").count() == rows  # the bad filter is ignored

    # Typing the year again (a valid filter) clears the error and the marks.
    page.keyboard.press("Backspace")
    page.keyboard.type("2025")
    settled(page)
    assert due_after.input_value() == "2025-01-01"
    assert page.locator("#id_due_after_error").count() == 0
    assert page.locator("#inbox-filter-errors").inner_text().strip() == ""
    assert due_after.get_attribute("aria-invalid") is None
    assert focused(due_after)


def test_a_date_typed_only_in_part_says_why_the_filter_waits(live_server: Any, page: Any) -> None:
    rows = open_inbox(live_server, page)
    due_before = page.locator("#id_due_before")
    due_before.focus()
    page.keyboard.type("01012099")
    settled(page)
    assert due_before.input_value() == "2099-01-01"
    # The year taken back: the date is incomplete, so the browser finds the form invalid
    # and htmx does not send it (Enter would show the browser's own bubble instead).
    page.keyboard.press("Backspace")
    error = page.locator("#id_due_before_error")
    error.wait_for()
    with translation.override("be"):
        expected = translation.gettext(
            "Finish the date or clear the field: until then the filter is not applied."
        )
        title = translation.gettext("Please correct the following")
    assert error.inner_text() == expected
    assert due_before.get_attribute("aria-invalid") == "true"
    assert "id_due_before_error" in (due_before.get_attribute("aria-describedby") or "")
    summary = page.locator("#inbox-filter-errors")
    assert summary.locator("h2").inner_text() == title
    assert summary.locator("a[href='#id_due_before']").inner_text().endswith(expected)
    assert focused(due_before)
    assert page.locator("#inbox-results tbody tr").count() == rows
    # The year typed: the form is sent, and the server's answer clears the marks.
    page.keyboard.type("2099")
    settled(page)
    assert due_before.input_value() == "2099-01-01"
    assert page.locator("#id_due_before_error").count() == 0
    assert summary.inner_text().strip() == ""
    assert due_before.get_attribute("aria-invalid") is None
