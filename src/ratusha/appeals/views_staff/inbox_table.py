"""The rows of an inbox table as HTML, built in Python with escaping.

Fifty rows of ten cells through Django's template engine cost more CPU than the rest of
an inbox page together (each variable and filter is resolved through the engine), so the
rows are written here, every text escaped. The markup is the same as a template would
give, and the term cell matches ``appeals/staff/_term.html`` (the appeal page's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from ratusha.appeals.selectors import InboxRow
from ratusha.appeals.views_staff.addresses import Address

NONE = "—"
RISK_SHOWN_FROM = 50  # percent; lower predicted risks are not worth a badge


def term_cell(row: InboxRow, short_date: str | None = None) -> SafeString:
    """Give the due date with its note ("overdue by 3 days") and any risk badge."""
    due = row.appeal.due_date
    if due is None:
        html = NONE
    else:
        shown = dateformat.format(due, short_date or get_format("SHORT_DATE_FORMAT"))
        html = f'<span class="nowrap">{escape(shown)}</span>'
        note = row.term_note
        if note:
            kind = " badge-overdue" if row.overdue else " badge-soon" if row.due_soon else ""
            html += f' <strong class="badge{kind}">{escape(note)}</strong>'
    risk = row.risk_percent
    if risk is not None and risk >= RISK_SHOWN_FROM:
        text = gettext("%(percent)s%% risk of missing the term") % {"percent": risk}
        html += f' <strong class="badge badge-soon">{escape(text)}</strong>'
    return mark_safe(html)


@dataclass(frozen=True)
class _Table:
    """What every row of one table shares, worked out once."""

    selectable: bool
    show_department: bool
    select_label: str
    short_date: str
    link: Address  # the appeal page's address
    waiting: str  # the badge of an appeal whose applicant was asked for more information
    news: str  # the badge of an appeal with a reply or an addition no executor acted on
    now: datetime


def _waiting_badge(asked_at: datetime, table: _Table) -> str:
    """Give the badge of a request without a reply, with the days it has waited."""
    days = (table.now - asked_at).days
    if days < 1:
        return table.waiting
    text = ngettext(
        "waiting for the applicant's reply: %(days)s day",
        "waiting for the applicant's reply: %(days)s days",
        days,
    ) % {"days": days}
    return escape(text)


def _row(row: InboxRow, table: _Table) -> str:
    appeal = row.appeal
    number = escape(appeal.number)
    cells = []
    if table.selectable:
        pk = appeal.pk
        cells.append(
            f'<td><input type="checkbox" name="appeal" value="{pk}:{appeal.version}" '
            f'id="select-{pk}"><label for="select-{pk}" class="visually-hidden">'
            f"{table.select_label} {number}</label></td>"
        )
    registered = dateformat.format(timezone.localtime(appeal.registered_at), table.short_date)
    category = (appeal.category.name if appeal.category_id else "") or NONE
    cells.append(
        f'<td><a href="{table.link(appeal.pk)}">{number}</a></td>'
        f"<td>{escape(registered)}</td>"
        f"<td>{escape(appeal.organisation or appeal.applicant_name)}</td>"
        f"<td>{escape(Truncator(appeal.summary).chars(90))}</td>"
        f"<td>{escape(category)}</td>"
    )
    if table.show_department:
        department = (appeal.department.name if appeal.department_id else "") or NONE
        cells.append(f"<td>{escape(department)}</td>")
    executor = (appeal.executor.full_name if appeal.executor_id else "") or NONE
    status = escape(row.status)
    if appeal.information_requested_at is not None:
        badge = _waiting_badge(appeal.information_requested_at, table)
        status += f' <span class="badge">{badge}</span>'
    if appeal.applicant_news_at is not None:
        status += f' <strong class="badge badge-soon">{table.news}</strong>'
    cells.append(
        f"<td>{escape(executor)}</td><td>{status}</td><td>{term_cell(row, table.short_date)}</td>"
    )
    opening = '<tr class="overdue">' if row.overdue else "<tr>"
    return opening + "".join(cells) + "</tr>"


def table_rows(rows: Iterable[InboxRow], *, selectable: bool, show_department: bool) -> SafeString:
    """Give the ``<tr>`` elements of the inbox table for these rows.

    With ``selectable`` each row starts with a labelled checkbox for bulk assignment.
    """
    table = _Table(
        selectable=selectable,
        show_department=show_department,
        select_label=escape(gettext("Select")),
        short_date=str(get_format("SHORT_DATE_FORMAT")),
        link=Address("appeals:appeal"),
        waiting=escape(gettext("waiting for the applicant's reply")),
        news=escape(gettext("new information from the applicant")),
        now=timezone.now(),
    )
    return mark_safe("\n".join(_row(row, table) for row in rows))
