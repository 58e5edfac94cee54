"""Reporting periods: months and quarters, parsing, the period before, the last complete one."""

from __future__ import annotations

from datetime import date

import pytest

from ratusha.reports.choices import ReportKind
from ratusha.reports.periods import last_complete, parse_period, period_containing


def test_month_and_quarter_are_parsed() -> None:
    october = parse_period("2026-10")
    assert (october.kind, october.start, october.end, october.label) == (
        ReportKind.MONTHLY,
        date(2026, 10, 1),
        date(2026, 11, 1),
        "2026-10",
    )
    q4 = parse_period("2026-q4")
    assert (q4.kind, q4.start, q4.end, q4.label) == (
        ReportKind.QUARTERLY,
        date(2026, 10, 1),
        date(2027, 1, 1),
        "2026-Q4",
    )
    assert q4.last_day == date(2026, 12, 31)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "October", "", "2026/10"])
def test_nonsense_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


def test_the_period_before_crosses_years() -> None:
    assert parse_period("2026-01").previous().label == "2025-12"
    assert parse_period("2026-Q1").previous().label == "2025-Q4"


def test_last_complete_period() -> None:
    assert last_complete(ReportKind.MONTHLY, date(2026, 11, 1)).label == "2026-10"
    assert last_complete(ReportKind.QUARTERLY, date(2026, 11, 1)).label == "2026-Q3"
    assert period_containing("quarterly", date(2026, 12, 31)).label == "2026-Q4"
