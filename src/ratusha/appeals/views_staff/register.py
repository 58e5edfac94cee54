"""The printable register of a body's appeals for a period (the record-keeping fields)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ratusha.appeals import selectors
from ratusha.appeals.forms_staff import PeriodForm
from ratusha.appeals.views_staff.common import staff_view
from ratusha.bodies import access


@staff_view
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """Number, date, applicant, summary, executor, term, result and date of the answer."""
    body = access.access_body(request.user, pk)
    if not selectors.may_see_body_wide(request.user, body):
        raise Http404
    today = selectors.local_today(body.time_zone)
    data = request.GET if {"from", "to"} & set(request.GET) else None
    form = PeriodForm(data, initial={"from": today.replace(day=1), "to": today})
    first, last = today.replace(day=1), today
    if form.is_bound:
        if not form.is_valid():
            context = {"body": body, "form": form, "rows": None}
            return render(request, "appeals/staff/register.html", context, status=400)
        first, last = form.cleaned_data["from"], form.cleaned_data["to"]
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
