"""Working-day calendars as data: weekends, public holidays and the yearly transfers.

A calendar is built from rows (one row per special day), so the Django side can keep
the rows in an administrator-editable table and build a `WorkingCalendar` from them.
The bundled Belarus file (`data/by-2026-2027.json`) seeds that table.

    >>> from datetime import date
    >>> cal = bundled_calendar_file().calendar()
    >>> cal.is_working_day(date(2026, 4, 20))   # Monday before Radunitsa, moved to Sat 25th
    False
    >>> cal.is_working_day(date(2026, 4, 25))
    True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BUNDLED_CALENDAR = "by-2026-2027.json"


class DayKind(StrEnum):
    """What a calendar row says about its day."""

    PUBLIC_HOLIDAY = "public_holiday"
    TRANSFERRED_DAY_OFF = "transferred_day_off"
    TRANSFERRED_WORKING_DAY = "transferred_working_day"


@dataclass(frozen=True)
class CalendarDay:
    """One row of a calendar table: a day that differs from the usual week."""

    day: date
    kind: DayKind
    name: str = ""
    note: str = ""


class CalendarError(ValueError):
    """A calendar's rows contradict each other or a calendar file is malformed."""


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days for a body.

    `weekend` holds `date.weekday()` numbers (Monday is 0). A transferred working day
    (a Saturday worked instead of a Monday) beats the weekend; a holiday or a
    transferred day off beats a weekday. Outside `covers_from`..`covers_until` only the
    weekend is known, and `covers()` says so, so callers can warn that a year is missing.
    """

    weekend: frozenset[int] = frozenset({5, 6})
    public_holidays: frozenset[date] = frozenset()
    transferred_days_off: frozenset[date] = frozenset()
    transferred_working_days: frozenset[date] = frozenset()
    covers_from: date | None = None
    covers_until: date | None = None
    name: str = ""
    _days_off: frozenset[date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.weekend <= frozenset(range(7)):
            raise CalendarError(f"weekend must hold weekday numbers 0..6, got {self.weekend}")
        if len(self.weekend) == 7:
            raise CalendarError("a calendar needs at least one working weekday")
        days_off = self.public_holidays | self.transferred_days_off
        clash = days_off & self.transferred_working_days
        if clash:
            listed = ", ".join(sorted(d.isoformat() for d in clash))
            raise CalendarError(f"days marked both as a day off and as a working day: {listed}")
        if self.covers_from and self.covers_until and self.covers_from > self.covers_until:
            raise CalendarError("covers_from is after covers_until")
        object.__setattr__(self, "_days_off", days_off)

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[CalendarDay],
        *,
        weekend: Iterable[int] = (5, 6),
        covers_from: date | None = None,
        covers_until: date | None = None,
        name: str = "",
    ) -> WorkingCalendar:
        """Give the calendar described by table rows (as the Django side stores them)."""
        by_kind: dict[DayKind, set[date]] = {kind: set() for kind in DayKind}
        for row in rows:
            by_kind[DayKind(row.kind)].add(row.day)
        return cls(
            weekend=frozenset(weekend),
            public_holidays=frozenset(by_kind[DayKind.PUBLIC_HOLIDAY]),
            transferred_days_off=frozenset(by_kind[DayKind.TRANSFERRED_DAY_OFF]),
            transferred_working_days=frozenset(by_kind[DayKind.TRANSFERRED_WORKING_DAY]),
            covers_from=covers_from,
            covers_until=covers_until,
            name=name,
        )

    def covers(self, day: date) -> bool:
        """Give True when the calendar's holidays and transfers are known for `day`."""
        if self.covers_from is not None and day < self.covers_from:
            return False
        return self.covers_until is None or day <= self.covers_until

    def is_working_day(self, day: date) -> bool:
        """Give True when the body works on `day`."""
        if day in self.transferred_working_days:
            return True
        if day in self._days_off:
            return False
        return day.weekday() not in self.weekend

    def next_working_day(self, day: date) -> date:
        """Give `day` itself when it is a working day, else the first working day after."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day: date) -> date:
        """Give `day` itself when it is a working day, else the last working day before."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def nth_working_day_from(self, start: date, n: int) -> date:
        """Give the n-th working day counting `start` as a possible first day (n >= 1)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        day = self.next_working_day(start)
        for _ in range(n - 1):
            day = self.next_working_day(day + timedelta(days=1))
        return day

    def working_days_in(self, first: date, last: date) -> int:
        """Give how many working days lie in first..last, both ends included (0 if empty)."""
        count = 0
        day = first
        while day <= last:
            count += self.is_working_day(day)
            day += timedelta(days=1)
        return count

    def rows(self) -> tuple[CalendarDay, ...]:
        """Give the calendar's special days as table rows, sorted by day."""
        rows = [CalendarDay(d, DayKind.PUBLIC_HOLIDAY) for d in self.public_holidays]
        rows += [CalendarDay(d, DayKind.TRANSFERRED_DAY_OFF) for d in self.transferred_days_off]
        rows += [
            CalendarDay(d, DayKind.TRANSFERRED_WORKING_DAY) for d in self.transferred_working_days
        ]
        return tuple(sorted(rows, key=lambda r: (r.day, r.kind)))


@dataclass(frozen=True)
class CalendarFile:
    """The contents of a calendar JSON file: rows plus what they cover and where from."""

    name: str
    time_zone: str
    weekend: tuple[int, ...]
    covers_from: date
    covers_until: date
    days: tuple[CalendarDay, ...]
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def calendar(self) -> WorkingCalendar:
        """Give the working calendar these rows describe."""
        return WorkingCalendar.from_rows(
            self.days,
            weekend=self.weekend,
            covers_from=self.covers_from,
            covers_until=self.covers_until,
            name=self.name,
        )


def parse_calendar_file(raw: Mapping[str, Any]) -> CalendarFile:
    """Give the `CalendarFile` held by an already-decoded JSON object."""
    try:
        weekend = tuple(WEEKDAY_NAMES.index(str(n).lower()) for n in raw["weekend"])
        days = tuple(
            CalendarDay(
                day=date.fromisoformat(row["date"]),
                kind=DayKind(row["kind"]),
                name=str(row.get("name", "")),
                note=str(row.get("note", "")),
            )
            for row in raw["days"]
        )
        parsed = CalendarFile(
            name=str(raw["name"]),
            time_zone=str(raw["time_zone"]),
            weekend=weekend,
            covers_from=date.fromisoformat(raw["covers_from"]),
            covers_until=date.fromisoformat(raw["covers_until"]),
            days=days,
            notes=tuple(str(n) for n in raw.get("notes", ())),
            sources=tuple(str(s) for s in raw.get("sources", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CalendarError(f"malformed calendar file: {exc!r}") from exc
    outside = [r.day for r in days if not parsed.covers_from <= r.day <= parsed.covers_until]
    if outside:
        raise CalendarError(f"rows outside the covered period: {outside}")
    parsed.calendar()  # raises CalendarError on contradictory rows
    return parsed


def read_calendar_file(path: Path) -> CalendarFile:
    """Give the calendar stored in a JSON file on disk."""
    return parse_calendar_file(json.loads(path.read_text(encoding="utf-8")))


def bundled_calendar_file(name: str = BUNDLED_CALENDAR) -> CalendarFile:
    """Give a calendar shipped inside this package (the Belarus seed by default)."""
    text = resources.files("ratusha_core.deadlines").joinpath("data", name).read_text("utf-8")
    return parse_calendar_file(json.loads(text))


def orthodox_easter(year: int) -> date:
    """Give the Gregorian date of Orthodox Easter (Julian computus, Meeus), for 1900..2099+.

    Used to check and to seed Radunitsa, which Belarus keeps on Easter + 9 days.
    """
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = date(year, month, day + 1)
    # The Julian calendar lags the Gregorian one by a number of days that grows by
    # one in every century year not divisible by 400.
    return julian + timedelta(days=year // 100 - year // 400 - 2)
