"""GET requests and GET servicerequestupdates: reading the query, shaping the answer.

Paging is an extension of the spec: ``page`` (from 1) and ``page_size`` (1 to 1000,
default 100). A full page carries a ``Link: <...>; rel="next"`` header.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusha.appeals.models import AppealEvent
from ratusha.appeals.views_citizen import STATUS_WORDS
from ratusha.bodies.models import Body
from ratusha.open311.access import OPEN_STATES, RequestFilter
from ratusha.open311.rendering import Open311Error
from ratusha.publication.records import PublicAppeal
from ratusha_core.workflow import AppealState, public_status

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
MAX_PAGE = 100_000
DEFAULT_SPAN = timedelta(days=90)


def w3(moment: datetime | None, zone: ZoneInfo) -> str | None:
    """Give a moment in the w3 date-time format with the body's offset."""
    if moment is None:
        return None
    return moment.astimezone(zone).isoformat(timespec="seconds")


def _moment(name: str, value: str, zone: ZoneInfo) -> datetime:
    text = value.strip().replace(" ", "+")  # a '+' in a query string often arrives as a space
    try:
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)) is not None:
            moment = datetime.combine(day, time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise Open311Error(
            400,
            _("%(name)s must be a w3 date and time, e.g. 2010-01-01T00:00:00Z.") % {"name": name},
        )
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=zone)
    try:
        # In UTC: PostgreSQL refuses offsets beyond 15:59 that Python accepts.
        return moment.astimezone(UTC)
    except OverflowError:
        raise Open311Error(400, _("%(name)s is out of range.") % {"name": name}) from None


def _listed(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _number(query: QueryDict, name: str, default: int, high: int) -> int:
    raw = (query.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= high:
        raise Open311Error(
            400,
            _("%(name)s must be a whole number from 1 to %(high)d.") % {"name": name, "high": high},
        )
    return int(raw)


def page_of(query: QueryDict) -> tuple[int, int]:
    """Give (page, page_size) from the query, checked."""
    return (
        _number(query, "page", 1, MAX_PAGE),
        _number(query, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    )


def dates_of(query: QueryDict, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
    """Give the date range; with neither date given, the most recent 90 days (as the spec says)."""
    start_raw, end_raw = query.get("start_date") or "", query.get("end_date") or ""
    start = _moment("start_date", start_raw, zone) if start_raw.strip() else None
    end = _moment("end_date", end_raw, zone) if end_raw.strip() else None
    if start is None and end is None:
        start = timezone.now() - DEFAULT_SPAN
    if start is not None and end is not None and start > end:
        raise Open311Error(400, _("start_date is after end_date."))
    return start, end


def request_filter(query: QueryDict, zone: ZoneInfo) -> RequestFilter:
    """Give the filter of GET requests from its query string."""
    numbers = _listed(query.get("service_request_id"))
    if len(numbers) > MAX_PAGE_SIZE:
        raise Open311Error(400, _("Ask for at most 1000 service_request_id at once."))
    if numbers:
        return RequestFilter(numbers=numbers)
    statuses = [s.lower() for s in _listed(query.get("status"))]
    if any(s not in ("open", "closed") for s in statuses):
        raise Open311Error(400, _("status must be open or closed."))
    start, end = dates_of(query, zone)
    codes = [c.upper() for c in _listed(query.get("service_code"))]
    return RequestFilter(service_codes=codes, statuses=statuses, start=start, end=end)


def _end_of_day(record: PublicAppeal, zone: ZoneInfo) -> str | None:
    if record.due_date is None:
        return None
    return w3(datetime.combine(record.due_date, time(23, 59, 59), tzinfo=zone), zone)


def _coordinate(value: Any) -> float | None:
    return None if value is None else float(value)


def request_dict(record: PublicAppeal, zone: ZoneInfo) -> dict[str, Any]:
    """Give one appeal as an Open311 service request (only public fields)."""
    return {
        "service_request_id": record.number,
        "status": "open" if record.is_open else "closed",
        "status_notes": record.answer_summary or None,
        "service_name": record.category_name,
        "service_code": record.category_code,
        "description": record.text or None,
        "agency_responsible": record.department_name,
        "service_notice": None,
        "requested_datetime": w3(record.registered_at, zone),
        "updated_datetime": w3(record.updated_at, zone),
        "expected_datetime": _end_of_day(record, zone),
        "address": record.street or None,
        "address_id": None,
        "zipcode": None,
        "lat": _coordinate(record.latitude),
        "long": _coordinate(record.longitude),
        "media_url": None,
    }


# Public steps that keep the status, said in their own words (else an update would only
# repeat the status the request already has).
SAME_STATE_WORDS = {
    "extend_deadline": gettext_lazy("The term for the answer was extended"),
    "ask_applicant": gettext_lazy("More information was asked from the applicant"),
}


def update_dict(event: AppealEvent, zone: ZoneInfo) -> dict[str, Any]:
    """Give one public step as a service request update: number, status, time, status text."""
    state = AppealState(event.to_state)
    words = SAME_STATE_WORDS.get(event.action) or STATUS_WORDS[public_status(state)][0]
    return {
        "update_id": str(event.pk),
        "service_request_id": event.appeal.number,
        "status": "open" if state.value in OPEN_STATES else "closed",
        "updated_datetime": w3(event.at, zone),
        "description": str(words),
        "media_url": None,
    }


def body_zone(body: Body) -> ZoneInfo:
    return ZoneInfo(body.time_zone)


def page_slice(rows: Iterable[Any], page_size: int) -> tuple[list[Any], bool]:
    """Give the page's rows and whether another page follows (one row was read ahead)."""
    items = list(rows)
    return items[:page_size], len(items) > page_size
