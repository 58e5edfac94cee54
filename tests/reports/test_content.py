"""The report's figures, checked against the register they are read from."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from ratusha.appeals.models import Appeal
from ratusha.reports.build import build_report
from ratusha.reports.periods import parse_period
from tests.reports.conftest import NOW, at

pytestmark = pytest.mark.django_db


def test_headline_figures_match_the_register(register: Any) -> None:
    body = register.world.bodies["A"]
    data = build_report(body, "body", parse_period("2026-10"), "en", NOW)
    in_a = Appeal.objects.filter(body=body)
    october = {"gte": at("2026-10-01", 0), "lt": at("2026-11-01", 0)}
    received = in_a.filter(registered_at__gte=october["gte"], registered_at__lt=october["lt"])
    answered = in_a.filter(answered_at__gte=october["gte"], answered_at__lt=october["lt"])

    assert data.figure("received").value == received.count() == 6
    assert data.figure("answered").value == answered.count() == 3
    # A-1 early, A-7 on its due date, A-2 eight days late.
    assert data.figure("on_time_share").value == 66.7
    days = sorted((a.answered_at - a.registered_at).total_seconds() / 86400 for a in answered)
    assert data.figure("median_days").value == round(days[1], 1)
    assert data.figure("p90_days").value == round(days[2], 1)
    assert data.figure("overdue").value == 1  # due 22 October, still open
    assert data.figure("left").value == 1
    assert data.figure("repeated").value == 1
    assert data.figure("forwarded").value == 1
    assert data.figure("rated").value == 3
    assert data.figure("mean_rating").value == round((5 + 2 + 4) / 3, 2)
    # September, the period before: received, A-8 answered on time.
    assert data.figure("received").previous == 2
    assert data.figure("answered").previous == 1
    assert data.figure("on_time_share").previous == 100.0


def test_sections_hold_problems_departments_and_notable_cases(register: Any) -> None:
    body = register.world.bodies["A"]
    data = build_report(body, "body", parse_period("2026-10"), "en", NOW)
    problems = data.section("problems").charts[0].data
    assert problems.rows[0] == (register.world.categories["A1"].name_be, 3, 1, 2)
    departments = {r[0]: r for r in data.section("deadlines").charts[0].data.rows}
    assert departments["Dept A1"][1:4] == (2, 3, 66.7)
    assert departments["Dept A2"][5] == 1
    notable = {t.key: t for t in data.section("notable").tables}
    assert [r[0] for r in notable["overdue_cases"].rows] == [register.appeals["A-3"].number]
    # Counted to the end of the period (1 November), not to the day the report is made.
    assert notable["overdue_cases"].rows[0][-1] == (date(2026, 11, 1) - notable_due(register)).days
    assert [r[0] for r in notable["repeated_cases"].rows] == [register.appeals["A-5"].number]
    assert [r[0] for r in notable["collective_cases"].rows] == [register.appeals["A-4"].number]
    assert [r[0] for r in notable["best_rated_cases"].rows] == [register.appeals["A-1"].number]
    assert [r[0] for r in notable["worst_rated_cases"].rows] == [register.appeals["A-2"].number]
    daily = data.section("volume").charts[0].data.rows
    assert len(daily) == 31 and sum(r[1] for r in daily) == 6
    forecast = data.section("forecast").charts[0].data.rows
    assert len(forecast) == 8 and all(r[2] <= r[1] <= r[3] for r in forecast)


def notable_due(register: Any) -> Any:
    return register.appeals["A-3"].due_date


def test_nothing_personal_reaches_the_report(register: Any) -> None:
    data = build_report(register.world.bodies["A"], "body", parse_period("2026-10"), "be", NOW)
    text = repr(data)
    assert "Ганна" not in text and "Тэкст" not in text


def test_council_report_covers_the_bodies_below(register: Any) -> None:
    district = register.world.bodies["D"]
    data = build_report(district, "council", parse_period("2026-10"), "en", NOW)
    assert data.figure("received").value == 7  # six in A, one in B
    assert data.figure("overdue").value == 2  # A-3 and B-1
    per_body = {t.key: t for t in data.section("deadlines").tables}["bodies"]
    assert {r[0]: r[1] for r in per_body.rows} == {"Body A": 6, "Body B": 1}
    only_d = build_report(district, "body", parse_period("2026-10"), "en", NOW)
    assert only_d.figure("received").value == 0


def test_a_period_not_yet_over_counts_overdue_until_now(register: Any) -> None:
    november = build_report(register.world.bodies["A"], "body", parse_period("2026-11"), "en", NOW)
    assert november.figure("received").value == 1
    # Before 5 November only A-3 (and A-4 is not due until 10 November).
    assert november.figure("overdue").value == 1


def test_forecast_and_hotspots_come_from_the_predictions(register: Any, monkeypatch: Any) -> None:
    from ratusha.predictions.queries import HotspotRecord, WeeklyForecast

    weeks = tuple(date(2026, 11, 2) + timedelta(weeks=i) for i in range(8))
    stored = WeeklyForecast(
        level="body",
        scope="body:1",
        weeks=weeks,
        mean=(10.0,) * 8,
        lo80=(8.0,) * 8,
        hi80=(12.0,) * 8,
        lo95=(6.0,) * 8,
        hi95=(14.0,) * 8,
        history_weeks=(),
        history_counts=(),
        method="ETS",
        computed_at=NOW,
    )
    spot = HotspotRecord(
        id=1,
        latitude=52.1,
        longitude=27.5,
        radius_metres=300,
        cell="c",
        category_code="HEALTH",
        category_name="Health care",
        count=7,
        expected=2.0,
        periods=(),
        slope=0.5,
        trend="growing",
        action="inspect",
        action_text="Inspect the place.",
        appeal_ids=(1, 2),
        address="Main street",
        first_seen=date(2026, 9, 1),
        last_seen=date(2026, 10, 30),
        is_active=True,
    )
    monkeypatch.setattr("ratusha.reports.outlook.forecast_for", lambda body: stored)
    monkeypatch.setattr("ratusha.reports.hotspots.hotspots_for", lambda body: [spot])
    data = build_report(register.world.bodies["A"], "body", parse_period("2026-10"), "en", NOW)
    forecast = data.section("forecast")
    assert "ETS" in forecast.intro
    assert forecast.charts[0].data.rows[0] == (weeks[0], 10.0, 8.0, 12.0, 6.0, 14.0)
    (row,) = data.section("hotspots").tables[0].rows
    assert row == ("Health care", "Main street", 7, 2.0, "growing", "Inspect the place.")
