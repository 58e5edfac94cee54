"""The working-day calendar and the bundled Belarus 2026-2027 seed."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from ratusha_core.deadlines import (
    CalendarDay,
    CalendarError,
    DayKind,
    WorkingCalendar,
    bundled_calendar_file,
    orthodox_easter,
    parse_calendar_file,
    read_calendar_file,
)

BY = bundled_calendar_file()
CAL = BY.calendar()


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2020, date(2020, 4, 19)),
        (2021, date(2021, 5, 2)),
        (2022, date(2022, 4, 24)),
        (2023, date(2023, 4, 16)),
        (2024, date(2024, 5, 5)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 12)),
        (2027, date(2027, 5, 2)),
    ],
)
def test_orthodox_easter_known_dates(year: int, easter: date) -> None:
    assert orthodox_easter(year) == easter
    assert easter.weekday() == 6


@pytest.mark.parametrize("year", [2026, 2027])
def test_radunitsa_in_seed_is_easter_plus_nine(year: int) -> None:
    radunitsa = [r.day for r in BY.days if r.name == "Radunitsa" and r.day.year == year]
    assert radunitsa == [orthodox_easter(year) + timedelta(days=9)]
    assert radunitsa[0].weekday() == 1  # always a Tuesday


@pytest.mark.parametrize("year", [2026, 2027])
def test_seed_has_the_ten_public_holidays(year: int) -> None:
    fixed = {(1, 1), (1, 2), (1, 7), (3, 8), (5, 1), (5, 9), (7, 3), (11, 7), (12, 25)}
    holidays = {r.day for r in BY.days if r.kind is DayKind.PUBLIC_HOLIDAY and r.day.year == year}
    assert {(d.month, d.day) for d in holidays} - {(4, 21), (5, 11)} == fixed
    assert len(holidays) == 10


def test_seed_metadata() -> None:
    assert BY.time_zone == "Europe/Minsk"
    assert (BY.covers_from, BY.covers_until) == (date(2026, 1, 1), date(2027, 12, 31))
    assert any("2027" in note and "NOT KNOWN" in note for note in BY.notes)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 2), False),  # New Year, a Friday
        (date(2026, 1, 5), True),
        (date(2026, 4, 18), False),  # Saturday
        (date(2026, 4, 20), False),  # Monday moved to Saturday 25th
        (date(2026, 4, 21), False),  # Radunitsa
        (date(2026, 4, 22), True),
        (date(2026, 4, 25), True),  # worked Saturday
        (date(2026, 5, 2), False),  # an ordinary Saturday
        (date(2026, 11, 7), False),  # holiday on a Saturday: not moved in Belarus
        (date(2026, 11, 9), True),
        (date(2027, 5, 11), False),
        (date(2027, 5, 10), True),  # no 2027 transfer known
    ],
)
def test_belarus_working_days(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_navigation() -> None:
    assert CAL.next_working_day(date(2026, 4, 18)) == date(2026, 4, 22)
    assert CAL.previous_working_day(date(2026, 4, 21)) == date(2026, 4, 17)
    assert CAL.nth_working_day_from(date(2026, 4, 17), 1) == date(2026, 4, 17)
    assert CAL.nth_working_day_from(date(2026, 4, 17), 5) == date(2026, 4, 25)
    assert CAL.working_days_in(date(2026, 4, 17), date(2026, 4, 26)) == 5
    assert CAL.working_days_in(date(2026, 4, 26), date(2026, 4, 17)) == 0
    with pytest.raises(ValueError, match="at least 1"):
        CAL.nth_working_day_from(date(2026, 4, 17), 0)


def test_coverage() -> None:
    assert CAL.covers(date(2026, 1, 1)) and CAL.covers(date(2027, 12, 31))
    assert not CAL.covers(date(2025, 12, 31)) and not CAL.covers(date(2028, 1, 1))
    assert WorkingCalendar().covers(date(1990, 1, 1))


def test_rows_round_trip() -> None:
    rebuilt = WorkingCalendar.from_rows(
        CAL.rows(),
        weekend=CAL.weekend,
        covers_from=CAL.covers_from,
        covers_until=CAL.covers_until,
        name=CAL.name,
    )
    assert rebuilt == CAL
    assert len(CAL.rows()) == len(BY.days)


def test_from_rows_accepts_plain_strings_for_kind() -> None:
    rows = [CalendarDay(date(2026, 6, 6), "transferred_working_day")]  # type: ignore[arg-type]
    assert WorkingCalendar.from_rows(rows).is_working_day(date(2026, 6, 6))


def test_other_weekend() -> None:
    friday_saturday = WorkingCalendar(weekend=frozenset({4, 5}))
    assert not friday_saturday.is_working_day(date(2026, 3, 6))  # Friday
    assert friday_saturday.is_working_day(date(2026, 3, 8))  # Sunday


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weekend": frozenset({7})},
        {"weekend": frozenset(range(7))},
        {
            "public_holidays": frozenset({date(2026, 1, 1)}),
            "transferred_working_days": frozenset({date(2026, 1, 1)}),
        },
        {"covers_from": date(2027, 1, 1), "covers_until": date(2026, 1, 1)},
    ],
)
def test_contradictions_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(CalendarError):
        WorkingCalendar(**kwargs)  # type: ignore[arg-type]


def _raw() -> dict[str, object]:
    text = (
        Path(__file__).resolve().parents[3] / "src/ratusha_core/deadlines/data/by-2026-2027.json"
    ).read_text(encoding="utf-8")
    raw: dict[str, object] = json.loads(text)
    return raw


def test_file_on_disk_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    path.write_text(json.dumps(_raw()), encoding="utf-8")
    assert read_calendar_file(path) == BY


@pytest.mark.parametrize(
    "breakage",
    [
        lambda raw: raw.pop("weekend"),
        lambda raw: raw.update(weekend=["caturday"]),
        lambda raw: raw["days"].append({"date": "2026-13-01", "kind": "public_holiday"}),
        lambda raw: raw["days"].append({"date": "2026-06-01", "kind": "festival"}),
        lambda raw: raw["days"].append({"date": "2030-06-01", "kind": "public_holiday"}),
        lambda raw: raw["days"].append({"date": "2026-01-01", "kind": "transferred_working_day"}),
    ],
)
def test_malformed_files_refused(breakage: object) -> None:
    raw = _raw()
    breakage(raw)  # type: ignore[operator]
    with pytest.raises(CalendarError):
        parse_calendar_file(raw)


def test_docstring_examples_hold() -> None:
    import doctest

    import ratusha_core.deadlines.calendar as calendar_module
    import ratusha_core.deadlines.terms as terms_module

    for module in (calendar_module, terms_module):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
