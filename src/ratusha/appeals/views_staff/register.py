"""The printable registers of a body: its appeals for a period (the record-keeping fields),
and the letters to applicants posted in a period (the list handed to the post office)."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ratusha.appeals import selectors
from ratusha.appeals.forms_staff import PeriodForm
from ratusha.appeals.views_staff.common import staff_view
from ratusha.appeals.views_staff.queues import queue_body
from ratusha.bodies import access


def read_period(request: HttpRequest, first: date, last: date) -> tuple[PeriodForm, date, date]:
    """Give the period form (?from=&to=) and the period it chose, else the default one."""
    data = request.GET if {"from", "to"} & set(request.GET) else None
    form = PeriodForm(data, initial={"from": first, "to": last})
    if form.is_bound and form.is_valid():
        first, last = form.cleaned_data["from"], form.cleaned_data["to"]
    return form, first, last


@staff_view
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """Number, date, applicant, summary, executor, term, result and date of the answer."""
    body = access.access_body(request.user, pk)
    if not selectors.may_see_body_wide(request.user, body):
        raise Http404
    today = selectors.local_today(body.time_zone)
    form, first, last = read_period(request, today.replace(day=1), today)
    if form.errors:
        context = {"body": body, "form": form, "rows": None}
        return render(request, "appeals/staff/register.html", context, status=400)
    rows = selectors.register_rows(request.user, body, first, last)
    too_many = len(rows) > selectors.REGISTER_LIMIT
    context = {
        "body": body,
        "form": form,
        "rows": rows[: selectors.REGISTER_LIMIT],
        "too_many": too_many,
        "limit": selectors.REGISTER_LIMIT,
        "first": first,
        "last": last,
        "printed_at": timezone.now(),
    }
    return render(request, "appeals/staff/register.html", context)


@staff_view
def posted_register(request: HttpRequest, pk: int) -> HttpResponse:
    """The letters to applicants marked posted in a period (today by default), in the order
    they were marked: addressee, postal address, what the letter holds, who posted it."""
    body = queue_body(request, pk)
    today = selectors.local_today(body.time_zone)
    form, first, last = read_period(request, today, today)
    rows = None if form.errors else selectors.posted_between(request.user, body, first, last)
    context = {
        "body": body,
        "form": form,
        "rows": rows,
        "too_many": rows is not None and len(rows) >= selectors.POSTED_LIMIT,
        "limit": selectors.POSTED_LIMIT,
        "first": first,
        "last": last,
        "printed_at": timezone.now(),
    }
    status = 400 if form.errors else 200
    return render(request, "appeals/staff/posted_register.html", context, status=status)
