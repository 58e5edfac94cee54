"""The printable registers of a body: its appeals for a period (the record-keeping fields),
and the letters to applicants posted in a period (the list handed to the post office)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ratusha.appeals import selectors
from ratusha.appeals.forms_staff import PeriodForm
from ratusha.appeals.models import Appeal, UndeliveredNotice
from ratusha.appeals.views_staff.common import staff_view
from ratusha.appeals.views_staff.queues import queue_body
from ratusha.bodies import access
from ratusha.bodies.models import Body
from ratusha.reports.sheets import register_workbook, workbook_response


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
    if request.GET.get("format") == "xlsx":
        cut = _("Only the first %(n)d appeals of the period are listed.") if too_many else ""
        return _appeals_sheet(body, first, last, rows[: selectors.REGISTER_LIMIT], cut)
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
    if rows is not None and request.GET.get("format") == "xlsx":
        full = len(rows) >= selectors.POSTED_LIMIT
        cut = _("Only the first %(n)d letters of the period are listed.") if full else ""
        return _letters_sheet(body, first, last, rows, cut)
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


def _heading(body: Body, first: date, last: date, cut: str, limit: int) -> list[str]:
    period = formats.date_format(first, "DATE_FORMAT")
    if last != first:
        period += " – " + formats.date_format(last, "DATE_FORMAT")
    printed = timezone.localtime(timezone.now(), ZoneInfo(body.time_zone))
    lines = [
        body.name,
        period,
        _("Printed %(when)s") % {"when": formats.date_format(printed, "DATETIME_FORMAT")},
    ]
    return lines + ([cut % {"n": limit}] if cut else [])


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    return timezone.localtime(moment, zone) if moment else None


def _addressee(appeal: Appeal) -> str:
    if appeal.organisation:
        return f"{appeal.organisation} ({appeal.applicant_name})"
    return appeal.applicant_name


def _appeals_sheet(
    body: Body, first: date, last: date, rows: Sequence[Appeal], cut: str
) -> HttpResponse:
    """The register of appeals as a workbook: the printed columns, the applicant's address
    and co-applicants in their own columns."""
    columns = [
        (_("Number"), 16),
        (_("Date"), 12),
        (_("Applicant"), 30),
        (_("Co-applicants"), 8),
        (_("Postal address"), 30),
        (_("Summary"), 50),
        (_("Executor"), 24),
        (_("Term"), 12),
        (_("Result"), 20),
        (_("Date of answer"), 12),
    ]
    lines: list[list[Any]] = [
        [
            appeal.number,
            selectors.local_today(body.time_zone, appeal.registered_at),
            _addressee(appeal),
            len(appeal.co_applicants.all()),
            appeal.applicant_address,
            appeal.summary,
            appeal.executor.full_name if appeal.executor else "",
            appeal.due_date,
            appeal.get_state_display(),
            selectors.local_today(body.time_zone, appeal.answered_at)
            if appeal.answered_at
            else None,
        ]
        for appeal in rows
    ]
    content = register_workbook(
        _("Register of appeals"),
        _heading(body, first, last, cut, selectors.REGISTER_LIMIT),
        columns,
        lines,
    )
    return workbook_response(content, f"appeals-{body.code}-{first}-{last}.xlsx")


def _letters_sheet(
    body: Body, first: date, last: date, rows: Sequence[UndeliveredNotice], cut: str
) -> HttpResponse:
    """The register of letters posted as a workbook, in the printed order and columns."""
    zone = ZoneInfo(body.time_zone)
    columns = [
        (_("No."), 6),
        (_("Addressee"), 30),
        (_("Postal address"), 40),
        (_("Appeal"), 16),
        (_("Letter"), 24),
        (_("Marked posted"), 18),
        (_("Marked by"), 24),
    ]
    lines: list[list[Any]] = [
        [
            n,
            _addressee(notice.appeal),
            notice.recipient,
            notice.appeal.number,
            notice.get_kind_display(),
            _local(notice.resolved_at, zone),
            notice.resolved_by.full_name if notice.resolved_by else "",
        ]
        for n, notice in enumerate(rows, start=1)
    ]
    content = register_workbook(
        _("Register of letters posted"),
        _heading(body, first, last, cut, selectors.POSTED_LIMIT),
        columns,
        lines,
    )
    return workbook_response(content, f"letters-posted-{body.code}-{first}-{last}.xlsx")
