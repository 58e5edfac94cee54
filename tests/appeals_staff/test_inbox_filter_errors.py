"""An invalid inbox filter sent by htmx shows its errors next to the fields (out of band)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "accept-language": "en"}


def _oob(html: str, slot: str) -> str:
    """Give the inner HTML of the out-of-band element with this id (empty if absent)."""
    found = re.search(rf'<div id="{slot}"[^>]*hx-swap-oob="innerHTML">(.*?)</div>', html, re.S)
    assert found, f"no out-of-band {slot} in the answer"
    return found.group(1)


@pytest.fixture
def inbox(world: Any, as_user: Any, make_appeal: Any) -> Any:
    make_appeal(text="Appeal: the street light on Lenin street is broken again.")
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    client = as_user("officer")
    return lambda query, **headers: client.get(url, query, headers=headers).content.decode()


def test_a_malformed_date_sent_by_htmx_brings_its_error_out_of_band(inbox: Any) -> None:
    html = inbox({"due_after": "2025-13-45", "q": "light"}, **HTMX)
    field = _oob(html, "id_due_after_errors")
    assert 'id="id_due_after_error"' in field and "Enter a valid date." in field
    summary = _oob(html, "inbox-filter-errors")
    assert "Please correct the following" in summary
    assert 'href="#id_due_after"' in summary
    assert _oob(html, "id_due_before_errors").strip() == ""  # the other fields stay clear
    # The results still come, the invalid filter ignored (as before).
    assert "<table" in html


def test_a_valid_filter_sent_by_htmx_clears_the_errors(inbox: Any) -> None:
    html = inbox({"due_after": "2025-01-01", "q": "light"}, **HTMX)
    assert _oob(html, "inbox-filter-errors").strip() == ""
    for name in ("q", "status", "category", "executor", "channel", "due_after", "due_before"):
        assert _oob(html, f"id_{name}_errors").strip() == ""
    assert 'class="error' not in html


def test_an_unknown_status_and_a_reversed_range_are_reported(inbox: Any) -> None:
    html = inbox({"status": "nonsense"}, **HTMX)
    assert "Select a valid choice." in _oob(html, "id_status_errors")
    reversed_range = {"due_after": "2025-02-01", "due_before": "2025-01-01"}
    summary = _oob(inbox(reversed_range, **HTMX), "inbox-filter-errors")
    assert "is later than the" in summary


def test_the_errors_come_in_the_users_language(inbox: Any) -> None:
    html = inbox({"due_after": "2025-13-45"}, **{**HTMX, "accept-language": "ru"})
    assert "Enter a valid date." not in _oob(html, "id_due_after_errors")
    assert _oob(html, "id_due_after_errors").strip() != ""


def test_a_full_page_shows_the_errors_by_the_field_and_keeps_what_was_typed(inbox: Any) -> None:
    html = inbox({"due_after": "2025-13-45", "q": "light"}, **{"accept-language": "en"})
    assert "hx-swap-oob" not in html.split('id="inbox-results"')[0]
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_due_after"', html) or re.search(
        r'<input[^>]*id="id_due_after"[^>]*aria-invalid="true"', html
    )
    assert 'value="2025-13-45"' in html and 'value="light"' in html
    assert 'id="id_due_after_error"' in html and "Please correct the following" in html
