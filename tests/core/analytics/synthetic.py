"""Synthetic weekly series and appeals with known structure, for the analytics tests."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from ratusha_core.analytics.weeks import week_range, working_days
from ratusha_core.deadlines import bundled_calendar_file

CALENDAR = bundled_calendar_file().calendar()


def seasonal_series(
    years: float = 2.5, level: float = 40.0, seed: int = 1, first: date = date(2024, 1, 1)
) -> tuple[tuple[date, ...], list[int], tuple[int, ...]]:
    """Give weeks, Poisson counts with a yearly wave, holidays and a slow rise, and working days."""
    rng = random.Random(seed)
    weeks = week_range(first, first + timedelta(weeks=round(52 * years) - 1))
    work = working_days(CALENDAR, weeks)
    counts = []
    for i, week in enumerate(weeks):
        doy = (week + timedelta(days=3)).timetuple().tm_yday
        wave = 1 + 0.5 * math.cos(2 * math.pi * (doy - 15) / 365.25)  # winter peak
        mean = level * wave * (work[i] / 5) * (1 + 0.1 * i / 52)
        counts.append(_poisson(rng, mean))
    return weeks, counts, work


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method is slow for large means; a rounded normal is close enough above 30.
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
