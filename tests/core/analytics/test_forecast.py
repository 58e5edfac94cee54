"""Forecasts: they beat the seasonal-naive baseline, intervals nest and widen, spikes are seen."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ratusha_core.analytics.backtest import backtest_level
from ratusha_core.analytics.forecast import (
    ForecastSettings,
    check_spike,
    forecast_weekly,
    seasonal_naive,
)
from ratusha_core.analytics.weeks import week_range, week_start, weekly_counts, working_days

from .synthetic import CALENDAR, seasonal_series


def test_weeks_start_on_monday_and_count_days() -> None:
    assert week_start(date(2026, 11, 27)) == date(2026, 11, 23)
    weeks = week_range(date(2026, 11, 25), date(2026, 12, 8))
    assert weeks == (date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7))
    days = [date(2026, 11, 25), date(2026, 11, 29), date(2026, 12, 1), date(2027, 1, 1)]
    assert weekly_counts(days, date(2026, 11, 25), date(2026, 12, 8)) == (2, 1, 0)


def test_working_days_see_holidays_and_carry_fixed_ones_to_other_years() -> None:
    # 2026: 1 and 2 January are holidays (Thursday, Friday) -> 3 working days that week.
    assert working_days(CALENDAR, [date(2025, 12, 29)]) == (3,)
    # 2025 is outside the bundled calendar: 1 May (Thursday) still counts as a day off.
    assert working_days(CALENDAR, [date(2025, 4, 28)]) == (4,)
    assert working_days(CALENDAR, [date(2025, 6, 9)]) == (5,)


def test_the_forecast_beats_seasonal_naive_on_a_seasonal_series() -> None:
    weeks, counts, work = seasonal_series(years=2.5)
    result = backtest_level(weeks, {"all": counts}, work)
    assert result.origins >= 5
    assert result.mase_model < result.mase_naive
    assert result.ratio < 0.9
    assert 0.6 <= result.coverage80 <= 1.0
    assert result.coverage95 >= result.coverage80


def test_the_forecast_follows_the_season_and_holidays() -> None:
    weeks, counts, work = seasonal_series(years=2.0, first=date(2024, 1, 1))
    # From the end of December: January is the winter peak, and the New Year week is short.
    future = working_days(CALENDAR, [weeks[-1] + timedelta(weeks=h) for h in range(1, 9)])
    result = forecast_weekly(weeks, counts, work, future)
    assert len(result.weeks) == 8 and result.weeks[0] == weeks[-1] + timedelta(weeks=1)
    assert result.method.startswith("poisson-fourier")
    short = [m for m, w in zip(result.mean, future, strict=True) if w < 5]
    full = [m for m, w in zip(result.mean, future, strict=True) if w == 5]
    assert short and full and min(full) > max(short) * 0.9


def test_short_history_gives_a_level_forecast() -> None:
    weeks = week_range(date(2026, 1, 5), date(2026, 3, 30))
    result = forecast_weekly(weeks, [10] * len(weeks))
    assert result.method == "poisson-level"
    assert all(9 <= m <= 11 for m in result.mean)


def test_seasonal_naive_repeats_last_year() -> None:
    counts = list(range(60))
    assert seasonal_naive(counts, 3) == [8.0, 9.0, 10.0]
    assert seasonal_naive([1, 2, 3], 2) == [3.0, 3.0]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=200), min_size=10, max_size=90),
    st.integers(min_value=1, max_value=12),
)
def test_intervals_nest_around_the_mean(counts: list[int], horizon: int) -> None:
    weeks = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(len(counts))]
    r = forecast_weekly(weeks, counts, settings=ForecastSettings(horizon=horizon))
    for lo95, lo80, mean, hi80, hi95 in zip(r.lo95, r.lo80, r.mean, r.hi80, r.hi95, strict=True):
        assert 0 <= lo95 <= lo80 <= hi80 <= hi95
        assert lo95 <= mean <= hi95


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=5, max_value=300), st.integers(min_value=0, max_value=10_000))
def test_intervals_widen_with_the_horizon(level: int, seed: int) -> None:
    import random

    rng = random.Random(seed)
    counts = [max(0, round(rng.gauss(level, level**0.5))) for _ in range(80)]
    weeks = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(80)]
    r = forecast_weekly(weeks, counts, settings=ForecastSettings(harmonics=0))
    widths = [hi - lo for lo, hi in zip(r.lo95, r.hi95, strict=True)]
    # The bounds are whole counts of the predicted distribution: when the fitted level
    # drifts down a little (level 5, seed 1632: mean 3.73 -> 3.66), the upper bound may
    # step from 9 to 8 although the spread grows. One step is rounding, not narrowing.
    assert widths[-1] >= widths[0] - 1
    assert all(b >= a - 1 for a, b in itertools.pairwise(widths))  # integer steps


def test_a_spike_above_the_bound_is_seen_and_a_usual_week_is_not() -> None:
    weeks, counts, work = seasonal_series(years=1.5, level=20)
    usual = check_spike(weeks, counts, work)
    assert not usual.is_spike
    spiked = [*counts[:-1], counts[-1] * 3 + 20]
    found = check_spike(weeks, spiked, work)
    assert found.is_spike and found.observed > found.upper95 > found.expected
    assert found.week == weeks[-1]


def test_tiny_counts_are_never_spikes() -> None:
    weeks = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(30)]
    assert not check_spike(weeks, [0] * 29 + [4]).is_spike


def test_wrong_input_is_refused() -> None:
    with pytest.raises(ValueError):
        forecast_weekly([date(2026, 1, 5)], [1, 2])
