"""Reporting periods: a calendar month or quarter, parsed from "2026-10" or "2026-Q4"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from ratusha.reports.choices import ReportKind

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")


@dataclass(frozen=True)
class Period:
    """A month or a quarter: its first day and the first day after it."""

    kind: ReportKind
    start: date
    end: date  # exclusive

    @property
    def label(self) -> str:
        """Give the period as it is written on the command line: 2026-10 or 2026-Q4."""
        if self.kind == ReportKind.QUARTERLY:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.end.toordinal() - 1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> Period:
        """Give the period of the same kind just before this one."""
        return period_containing(self.kind, date.fromordinal(self.start.toordinal() - 1))

    def bounds(self, time_zone: str) -> tuple[datetime, datetime]:
        """Give the period's start and end as aware moments in the body's time zone."""
        zone = ZoneInfo(time_zone)
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end, time.min, tzinfo=zone),
        )


def _first_of_next(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def month(year: int, number: int) -> Period:
    return Period(ReportKind.MONTHLY, date(year, number, 1), _first_of_next(year, number))


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period(ReportKind.QUARTERLY, date(year, first, 1), _first_of_next(year, first + 2))


def period_containing(kind: ReportKind | str, day: date) -> Period:
    """Give the month or quarter that contains the day."""
    if ReportKind(kind) == ReportKind.QUARTERLY:
        return quarter(day.year, (day.month - 1) // 3 + 1)
    return month(day.year, day.month)


def parse_period(text: str) -> Period:
    """Read "2026-10" as October 2026 and "2026-Q4" as its quarter.

    >>> parse_period("2026-Q4").end
    datetime.date(2027, 1, 1)
    """
    value = text.strip()
    found = _MONTH.match(value)
    if found and 1 <= int(found.group(2)) <= 12:
        return month(int(found.group(1)), int(found.group(2)))
    found = _QUARTER.match(value)
    if found:
        return quarter(int(found.group(1)), int(found.group(2)))
    raise ValueError(f"{text!r} is not a month (2026-10) or a quarter (2026-Q4)")


def last_complete(kind: ReportKind | str, today: date) -> Period:
    """Give the latest month or quarter that ended before today."""
    return period_containing(kind, today).previous()
