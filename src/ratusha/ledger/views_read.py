"""The readable page of a log: its entries in plain words, newest first, for anyone.

``/ledger/<log>/read/?event=<type>&event=<type>&subject=<code>&before=<index>`` (or
``after=<index>`` for the newer page). ``until=<YYYY-MM-DD>`` goes to a date instead: the
page before the first entry after that day (``ledger.dates``), with the same filters.
Wrong parameters give the page with a message in the reader's language and status 400,
never an error page.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ratusha.ledger import access, dates
from ratusha.ledger.browse import PAGE_SIZE, Filters, Page, Row, proof_query, read_page
from ratusha.ledger.event_labels import describe, event_choices, event_label


class ReadFilters(forms.Form):
    """The filters of the page (a GET form that keeps its values)."""

    event = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=gettext_lazy(
            "Choose one or several (Ctrl or ⌘ and click); none shows every event."
        ),
        error_messages={"invalid_choice": gettext_lazy("There is no event type “%(value)s”.")},
    )
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("An appeal's or a decision's number, or a body's code: exactly."),
    )
    until = forms.DateField(
        label=gettext_lazy("Entries up to"),
        required=False,
        input_formats=["%Y-%m-%d"],  # one form in links, whatever the reader's language
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("A day: the page shows the entries of that day and before."),
        error_messages={"invalid": gettext_lazy("Enter a date as year-month-day: 2026-03-31.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = event_choices()


def _bound(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    if not raw.isdigit() or len(raw) > 19:
        raise ValueError(
            _("This page link is broken: “%(name)s” must be an entry number.") % {"name": name}
        )
    return int(raw)


def _time(leaf: dict[str, Any], row: Row) -> datetime:
    """Give the leaf's own time (what a verifier sees); the stored column if it has none."""
    try:
        return datetime.fromisoformat(leaf["time"])
    except (KeyError, TypeError, ValueError):
        return row.time


def shown(row: Row, proofs: str, page: Page) -> dict[str, Any]:
    """Give what the page shows of one row: its labels, fields, hashes and proof link."""
    leaf = json.loads(row.leaf_input)
    query = proof_query(row, page.checkpoint)
    return {
        "row": row,
        "time": _time(leaf, row),
        "label": event_label(str(leaf.get("type", row.event_type))),
        "lines": describe(leaf),
        "leaf_hash": row.leaf_hash.hex(),
        "proof_url": proofs + query if query else None,
    }


@require_GET
def read(request: HttpRequest, log: str) -> HttpResponse:
    """A page of the log's entries, newest first, with filters and links to their proofs."""
    found = access.log_named(log)
    form = ReadFilters(request.GET)
    problems: list[str] = []
    try:
        before, after = _bound(request, "before"), _bound(request, "after")
        if before is not None and after is not None:
            raise ValueError(_("This page link is broken: give “before” or “after”, not both."))
        if (before is not None or after is not None) and request.GET.get("until"):
            raise ValueError(_("This page link is broken: give a date or an entry, not both."))
    except ValueError as error:
        problems.append(str(error))
    if not form.is_valid():
        problems.extend(str(e) for errors in form.errors.values() for e in errors)
    context: dict[str, Any] = {"log": found, "form": form, "problems": problems}
    if problems:
        return render(request, "ledger/read.html", context, status=400)
    filters = Filters(tuple(form.cleaned_data["event"]), form.cleaned_data["subject"].strip())
    day = form.cleaned_data["until"]
    if day is not None:
        before = dates.first_from(found, dates.end_of(day))
        context.update(until=day, until_future=before >= found.size)
        if before >= found.size:
            before = None  # nothing after that day yet: the newest page, pending entries too
        elif before == 0:
            context.update(first_time=dates.first_time(found))
    page = read_page(found, filters, before=before, after=after)
    proofs = reverse("ledger:inclusion", args=[found.name])
    context.update(
        page=page,
        page_size=PAGE_SIZE,
        entries=[shown(row, proofs, page) for row in page.entries],
        pending=[shown(row, proofs, page) for row in page.pending],
        filtered=bool(filters.events or filters.subject),
    )
    return render(request, "ledger/read.html", context)
