"""Hotspots: map cells where one category of appeals comes back more than the town explains.

Appeals of the last ``window_days`` are put on a grid of ``cell_metres`` squares (and on
a second grid shifted by half a cell, so a cluster on a cell border is not cut in two).
In each cell the share of one category among all the cell's appeals is compared with
its share in the whole body: a cell where many people write about everything (a big
block of flats) is not a hotspot of any one problem. A cell is a hotspot when the
binomial chance of that many appeals of the category is below ``alpha`` divided by the
number of (cell, category) pairs tested (Bonferroni), so uniform noise gives none.

Each hotspot gets its counts per period (oldest first), the slope of those counts,
a trend (growing, recurring or steady) and the code of a suggested action.

    >>> from datetime import date
    >>> cluster = [HotspotAppeal(i, "HEAT", date(2026, 1, 1 + i % 28), 53.9, 27.0, "")
    ...            for i in range(12)]
    >>> spread = [HotspotAppeal(100 + i, "ROAD", date(2026, 1, 1 + i % 28), 53.85 + i % 10 / 100,
    ...                         26.95 + i // 10 / 100, "") for i in range(100)]
    >>> [h.category for h in find_hotspots(cluster + spread, today=date(2026, 2, 1))]
    ['HEAT']
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy import stats

_M_PER_DEGREE = 111_195.0

GROWING = "growing"
RECURRING = "recurring"
STEADY = "steady"
# Codes of the suggested actions; the Django layer words and translates them.
ACTIONS = {GROWING: "plan_works", RECURRING: "inspect_and_fix", STEADY: "answer_together"}


@dataclass(frozen=True)
class HotspotAppeal:
    """One appeal with a place: its id, category code, day, point and address."""

    appeal_id: int
    category: str
    day: date
    latitude: float
    longitude: float
    address: str = ""


@dataclass(frozen=True)
class HotspotSettings:
    cell_metres: float = 250.0
    window_days: int = 365
    periods: int = 6
    alpha: float = 0.05
    min_count: int = 5


@dataclass(frozen=True)
class Hotspot:
    """A place where one category's appeals cluster, with its trend and suggested action."""

    category: str
    cell: str
    latitude: float
    longitude: float
    radius_metres: int
    count: int
    expected: float
    p_value: float
    score: float
    periods: tuple[tuple[date, int], ...]
    slope: float
    trend: str
    action: str
    appeal_ids: tuple[int, ...]
    address: str
    first_seen: date
    last_seen: date


def _cells(points: Sequence[HotspotAppeal], lat0: float, size: float, shift: float) -> list[str]:
    cos0 = math.cos(math.radians(lat0))
    keys = []
    for p in points:
        row = math.floor(p.latitude * _M_PER_DEGREE / size + shift)
        col = math.floor(p.longitude * _M_PER_DEGREE * cos0 / size + shift)
        keys.append(f"{row}:{col}{'+' if shift else ''}")
    return keys


def _periods(days: Sequence[date], today: date, s: HotspotSettings) -> tuple[tuple[date, int], ...]:
    length = max(1, s.window_days // s.periods)
    starts = [today - timedelta(days=length * (s.periods - i)) for i in range(s.periods)]
    counts = [0] * s.periods
    for day in days:
        i = min(s.periods - 1, max(0, (day - starts[0]).days // length))
        counts[i] += 1
    return tuple(zip(starts, counts, strict=True))


def trend_of(counts: Sequence[int]) -> tuple[float, str]:
    """Give the slope (appeals per period) of the counts and the trend it shows."""
    y = np.asarray(counts, dtype=float)
    x = np.arange(len(y), dtype=float)
    slope = float(np.polyfit(x, y, 1)[0]) if len(y) > 1 else 0.0
    earlier = float(y[:-2].mean()) if len(y) > 2 else 0.0
    if slope > 0 and y[-2:].mean() >= max(2.0, 1.5 * earlier):
        return slope, GROWING
    if np.count_nonzero(y) * 2 >= len(y):
        return slope, RECURRING
    return slope, STEADY


def _place(group: Sequence[HotspotAppeal]) -> tuple[float, float, int, str]:
    lat = float(np.mean([p.latitude for p in group]))
    lon = float(np.mean([p.longitude for p in group]))
    cos0 = math.cos(math.radians(lat))
    far = max(
        math.hypot((p.latitude - lat) * _M_PER_DEGREE, (p.longitude - lon) * _M_PER_DEGREE * cos0)
        for p in group
    )
    addresses = Counter(p.address for p in group if p.address)
    address = addresses.most_common(1)[0][0] if addresses else ""
    return lat, lon, max(50, round(far / 10) * 10), address


def find_hotspots(
    appeals: Sequence[HotspotAppeal], today: date, settings: HotspotSettings | None = None
) -> tuple[Hotspot, ...]:
    """Give the hotspots among the appeals of the window ending ``today``, strongest first."""
    s = settings or HotspotSettings()
    recent = [a for a in appeals if today - timedelta(days=s.window_days) < a.day <= today]
    if not recent:
        return ()
    lat0 = float(np.mean([a.latitude for a in recent]))
    total_by_category = Counter(a.category for a in recent)
    candidates: list[Hotspot] = []
    grids = [_cells(recent, lat0, s.cell_metres, shift) for shift in (0.0, 0.5)]
    tests = sum(len(set(zip(grid, (a.category for a in recent), strict=True))) for grid in grids)
    for grid in grids:
        everything = Counter(grid)
        groups: dict[tuple[str, str], list[HotspotAppeal]] = defaultdict(list)
        for key, appeal in zip(grid, recent, strict=True):
            groups[(appeal.category, key)].append(appeal)
        all_total = len(recent)
        for (category, key), group in groups.items():
            n = len(group)
            if n < s.min_count:
                continue
            # Given how many appeals of any kind came from the cell, is this category's
            # part of them larger than its share in the whole body? (A binomial test:
            # it carries the noise of the cell's other appeals, a ratio of counts would not.)
            here = everything[key]
            share = total_by_category[category] / all_total
            expected = here * share
            p = float(stats.binom.sf(n - 1, here, share))
            if p * tests >= s.alpha:
                continue
            periods = _periods([a.day for a in group], today, s)
            slope, trend = trend_of([c for _, c in periods])
            lat, lon, radius, address = _place(group)
            candidates.append(
                Hotspot(
                    category=category,
                    cell=key,
                    latitude=round(lat, 6),
                    longitude=round(lon, 6),
                    radius_metres=radius,
                    count=n,
                    expected=round(expected, 3),
                    p_value=p,
                    score=round(-math.log10(max(p, 1e-300)), 3),
                    periods=periods,
                    slope=round(slope, 3),
                    trend=trend,
                    action=ACTIONS[trend],
                    appeal_ids=tuple(sorted(a.appeal_id for a in group)),
                    address=address,
                    first_seen=min(a.day for a in group),
                    last_seen=max(a.day for a in group),
                )
            )
    return _distinct(candidates)


def _distinct(candidates: list[Hotspot]) -> tuple[Hotspot, ...]:
    """Give the strongest candidates, dropping those that share most appeals with a stronger one."""
    chosen: list[Hotspot] = []
    for h in sorted(candidates, key=lambda h: (-h.score, h.category, h.cell)):
        ids = set(h.appeal_ids)
        if all(
            c.category != h.category or len(ids & set(c.appeal_ids)) * 2 < len(ids) for c in chosen
        ):
            chosen.append(h)
    return tuple(chosen)
