"""Weeks as the forecasts count them: Monday starts, counts a week, working days a week."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from ratusha_core.deadlines import WorkingCalendar


def week_start(day: date) -> date:
    """Give the Monday of the week that holds ``day``."""
    return day - timedelta(days=day.weekday())


def week_range(first: date, last: date) -> tuple[date, ...]:
    """Give the Mondays from the week of ``first`` to the week of ``last``, both included."""
    start, end = week_start(first), week_start(last)
    return tuple(start + timedelta(weeks=i) for i in range((end - start).days // 7 + 1))


def weekly_counts(days: Iterable[date], first: date, last: date) -> tuple[int, ...]:
    """Give how many of ``days`` fall in each week of ``week_range(first, last)``."""
    weeks = week_range(first, last)
    index = {w: i for i, w in enumerate(weeks)}
    counts = [0] * len(weeks)
    for day, n in Counter(week_start(d) for d in days).items():
        if day in index:
            counts[index[day]] += n
    return tuple(counts)


def _is_working(calendar: WorkingCalendar, day: date) -> bool:
    if calendar.covers(day):
        return calendar.is_working_day(day)
    # Outside the calendar's years only the weekend is known; fixed-date holidays
    # (New Year, 8 March, 1 May...) recur on the same day, so carry them over.
    fixed = {(d.month, d.day) for d in calendar.public_holidays}
    return day.weekday() not in calendar.weekend and (day.month, day.day) not in fixed


def working_days(calendar: WorkingCalendar, weeks: Sequence[date]) -> tuple[int, ...]:
    """Give the number of working days of each week (5 in a usual week, fewer with holidays)."""
    return tuple(
        sum(_is_working(calendar, start + timedelta(days=i)) for i in range(7)) for start in weeks
    )
