"""Due dates: from a registration moment, a term kind, a calendar and a policy.

Dates are counted in the body's time zone: an appeal registered at 23:30 in Minsk is
registered on that Minsk day whatever the server's zone. A deadline ends at the
midnight that follows its last day (`ends_at`, exclusive), as an aware datetime.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from ratusha_core.deadlines import BelarusAppealsLaw2023, bundled_calendar_file
    >>> at = datetime(2026, 4, 3, 10, 0, tzinfo=ZoneInfo("Europe/Minsk"))
    >>> d = compute_deadline(at, TermKind.STANDARD, calendar=bundled_calendar_file().calendar(),
    ...                      policy=BelarusAppealsLaw2023(), time_zone="Europe/Minsk")
    >>> d.nominal_last_day, d.due_date   # 15 days end on Saturday 18 April -> Wednesday 22nd
    (datetime.date(2026, 4, 18), datetime.date(2026, 4, 22))
"""

from __future__ import annotations

import calendar as gregorian
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ratusha_core.deadlines.calendar import WorkingCalendar
from ratusha_core.deadlines.policy import AppealForm, AppealsPolicy, TermKind, TermLength, TermUnit


@dataclass(frozen=True)
class Deadline:
    """The term of one appeal: its last day and the moment it runs out.

    `statutory_due_date` is the date from the law alone; `due_date` includes the
    extensions and pauses applied by `adjust_deadline` (equal when there are none).
    `calendar_covers` is False when the calendar lacks holidays for a day the count
    touched, so the date may be wrong and an administrator should load that year.
    """

    kind: TermKind
    term: TermLength
    time_zone: str
    registered_at: datetime
    registered_on: date
    first_counted_day: date
    nominal_last_day: date
    due_date: date
    ends_at: datetime
    statutory_due_date: date
    calendar_covers: bool
    paused_days: int = 0
    extensions_applied: int = 0
    paused: bool = False

    @property
    def moved_off_day_off(self) -> bool:
        """Give True when the last day fell on a day off and was moved forward."""
        return self.due_date != self.nominal_last_day


def require_aware(moment: datetime, what: str) -> None:
    """Refuse naive datetimes: every moment in Ratusha carries its zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {moment!r}")


def local_date(moment: datetime, time_zone: str) -> date:
    """Give the calendar date of `moment` in the named zone."""
    require_aware(moment, "moment")
    return moment.astimezone(ZoneInfo(time_zone)).date()


def end_of_day(day: date, time_zone: str) -> datetime:
    """Give the midnight that ends `day` in the named zone (an exclusive bound)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=ZoneInfo(time_zone))


def add_months(day: date, months: int) -> date:
    """Give the same day number `months` later, or that month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def last_day_of_term(
    registered_on: date, term: TermLength, calendar: WorkingCalendar, policy: AppealsPolicy
) -> date:
    """Give the last day of a term by counting alone, before the day-off rule."""
    first = registered_on + timedelta(days=1 if policy.count_from_day_after_registration else 0)
    match term.unit:
        case TermUnit.CALENDAR_DAYS:
            return first + timedelta(days=term.amount - 1)
        case TermUnit.WORKING_DAYS:
            return calendar.nth_working_day_from(first, term.amount)
        case TermUnit.MONTHS:
            # A term in months ends on the same-numbered day of the last month when the
            # count starts the next day (registered 15 Jan -> last day 15 Feb).
            end = add_months(registered_on, term.amount)
            return end if policy.count_from_day_after_registration else end - timedelta(days=1)
    raise ValueError(f"unknown term unit {term.unit!r}")


def settle_on_working_day(day: date, calendar: WorkingCalendar, policy: AppealsPolicy) -> date:
    """Give the due date for a nominal last day under the policy's day-off rule."""
    if policy.move_last_day_off_to_next_working_day:
        return calendar.next_working_day(day)
    return day


def compute_deadline(
    registered_at: datetime,
    kind: TermKind,
    *,
    calendar: WorkingCalendar,
    policy: AppealsPolicy,
    time_zone: str,
    form: AppealForm = AppealForm.WRITTEN,
) -> Deadline:
    """Give the statutory deadline of an appeal registered at `registered_at`."""
    require_aware(registered_at, "registered_at")
    term = policy.term(kind, form)
    registered_on = local_date(registered_at, time_zone)
    nominal = last_day_of_term(registered_on, term, calendar, policy)
    due = settle_on_working_day(nominal, calendar, policy)
    first = registered_on + timedelta(days=1 if policy.count_from_day_after_registration else 0)
    return Deadline(
        kind=kind,
        term=term,
        time_zone=time_zone,
        registered_at=registered_at,
        registered_on=registered_on,
        first_counted_day=first,
        nominal_last_day=nominal,
        due_date=due,
        ends_at=end_of_day(due, time_zone),
        statutory_due_date=due,
        calendar_covers=calendar.covers(registered_on) and calendar.covers(due),
    )
