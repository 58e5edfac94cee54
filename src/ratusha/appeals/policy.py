"""The statutory policy and the working-day calendar a body follows."""

from __future__ import annotations

import functools
import time
from datetime import date, datetime

from ratusha.appeals.models import HolidayCalendar
from ratusha.bodies.models import Body
from ratusha_core.deadlines import (
    AppealForm,
    AppealsPolicy,
    BelarusAppealsLaw2023,
    CalendarDay,
    DayKind,
    Deadline,
    TermKind,
    WorkingCalendar,
    compute_deadline,
)
from ratusha_core.workflow import WorkflowRules

# body.policy -> (the policy object, the code of its working-day calendar)
POLICIES: dict[str, tuple[AppealsPolicy, str]] = {
    "by-appeals-2023": (BelarusAppealsLaw2023(), "BY"),
}


def policy_for(body: Body) -> AppealsPolicy:
    return POLICIES[body.policy][0]


@functools.cache
def _rules(policy_key: str) -> WorkflowRules:
    return WorkflowRules.from_policy(POLICIES[policy_key][0])


def rules_for(body: Body) -> WorkflowRules:
    """Give the workflow rules of the body's statutory policy."""
    return _rules(body.policy)


_calendars: dict[str, WorkingCalendar] = {}


def forget_calendars(**_kwargs: object) -> None:
    """Drop the cached calendars; called whenever a calendar or one of its days is saved."""
    _calendars.clear()


def calendar_for(body: Body) -> WorkingCalendar:
    """Give the body's working-day calendar as the administrators last edited it.

    Calendars change a few times a year, so each process keeps them until a save in the
    admin clears the cache (other processes pick the change up on restart or within
    ``CALENDAR_CACHE_SECONDS``).
    """
    code = POLICIES[body.policy][1]
    now = time.monotonic()
    if _calendar_loaded.get(code, -1e9) + CALENDAR_CACHE_SECONDS < now:
        _calendars.pop(code, None)
    cached = _calendars.get(code)
    if cached is not None:
        return cached
    row = HolidayCalendar.objects.filter(code=code).first()
    if row is None:
        return WorkingCalendar(name=code)
    entries = [
        CalendarDay(day=day, kind=DayKind(kind), name=name)
        for day, kind, name in row.entries.values_list("day", "kind", "name")
    ]
    calendar = WorkingCalendar.from_rows(
        entries,
        weekend=tuple(int(d) for d in row.weekend.split(",") if d.strip()),
        covers_from=row.covers_from,
        covers_until=row.covers_until,
        name=row.name,
    )
    _calendars[code] = calendar
    _calendar_loaded[code] = now
    return calendar


_calendar_loaded: dict[str, float] = {}
CALENDAR_CACHE_SECONDS = 300


def deadline_for(
    body: Body,
    registered_at: datetime,
    kind: TermKind,
    form: AppealForm,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """Give the statutory deadline of an appeal registered in a body at a moment."""
    return compute_deadline(
        registered_at,
        kind,
        calendar=calendar or calendar_for(body),
        policy=policy_for(body),
        time_zone=body.time_zone,
        form=form,
    )


def local_today(body: Body, now: datetime) -> date:
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(body.time_zone)).date()
