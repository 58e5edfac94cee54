"""When demo appeals arrive: monthly weights per category, the week, holidays, first frost.

`arrivals` spreads a number of appeals over the days of a period and the categories of
a body, each day and category weighted by the category's share, its month, the weekday,
public holidays, the first cold days of the heating season and a slow growth in use.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ratusha_core.deadlines import orthodox_easter

# Relative share of each category in a year (the town's and the village council's).
SHARE = {
    "HEAT": 6, "WATER": 5, "ROOF": 4, "LIFT": 3, "BILLS": 3,
    "POTH": 5, "SNOW": 4, "BUS": 3, "LIGHT": 3, "TRAF": 2,
    "WASTE": 4, "TREE": 3, "YARD": 3, "ANIM": 2, "CLEAN": 2.5,
    "SCHL": 2, "KIND": 1.5, "EXTRA": 0.8, "MEAL": 1, "STRAN": 1.2,
    "CLIN": 2.5, "HOSP": 1, "PHARM": 1.2, "AMBU": 0.8, "APPT": 2,
    "BENE": 2, "PENS": 1.5, "CARE": 1.2, "DISAB": 1, "FAM": 0.8,
    "PERM": 1.2, "ILLEG": 1.2, "PLOT": 1, "FACAD": 0.6, "PLAN": 0.6,
    "SHOP": 1, "PRICE": 1, "CAFE": 0.7, "SERV": 0.5, "HOURS": 0.6,
    "ROADS": 4, "HELP": 2,
}  # fmt: skip

_BUILDING = (0.5, 0.6, 1.0, 1.5, 1.7, 1.5, 1.3, 1.2, 1.0, 0.8, 0.6, 0.5)
_FLU = (1.5, 1.5, 1.2, 1.0, 0.8, 0.7, 0.7, 0.8, 1.0, 1.2, 1.3, 1.4)
_HEALTH = (1.2, 1.2, 1.0, 1.0, 0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 1.1, 1.2)
_DARK = (1.4, 1.2, 0.9, 0.7, 0.5, 0.4, 0.4, 0.6, 0.9, 1.3, 1.6, 1.6)
_SUMMER = (0.8, 0.8, 0.9, 1.0, 1.2, 1.4, 1.5, 1.4, 1.0, 0.9, 0.8, 0.8)

# Weight of each month, January first; categories not listed are even through the year.
MONTHS: dict[str, tuple[float, ...]] = {
    "HEAT": (1.4, 1.1, 0.6, 0.3, 0.1, 0.05, 0.05, 0.05, 0.4, 2.4, 2.0, 1.6),
    "WATER": (1.0, 1.0, 1.0, 1.0, 1.2, 1.8, 1.8, 1.4, 1.0, 1.0, 1.0, 1.0),
    "ROOF": (0.8, 0.9, 1.4, 1.3, 1.0, 1.0, 1.2, 1.2, 1.0, 1.2, 1.1, 0.9),
    "BILLS": (1.3, 1.2, 1.0, 1.0, 0.9, 0.8, 0.8, 0.8, 0.9, 1.1, 1.3, 1.3),
    "POTH": (0.6, 0.9, 1.8, 2.2, 1.6, 1.0, 0.8, 0.8, 0.8, 0.9, 0.8, 0.6),
    "SNOW": (3.0, 2.6, 1.0, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.05, 0.8, 2.6),
    "BUS": (1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.7, 0.9, 1.6, 1.1, 1.0, 1.0),
    "LIGHT": _DARK,
    "TRAF": (0.8, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.2, 1.5, 1.0, 0.9, 0.8),
    "WASTE": _SUMMER,
    "TREE": (0.3, 0.3, 0.8, 2.0, 2.4, 1.8, 1.3, 1.0, 0.8, 1.0, 0.6, 0.3),
    "YARD": (0.3, 0.3, 0.7, 1.8, 2.4, 2.2, 1.6, 1.3, 0.8, 0.6, 0.4, 0.3),
    "ANIM": (0.8, 0.8, 1.0, 1.1, 1.2, 1.2, 1.2, 1.1, 1.0, 1.0, 0.9, 0.8),
    "CLEAN": (0.6, 0.6, 1.6, 2.0, 1.2, 0.9, 0.8, 0.8, 0.9, 1.6, 1.2, 0.7),
    "SCHL": (1.0, 1.0, 1.0, 0.8, 0.7, 0.3, 0.2, 1.2, 2.0, 1.2, 1.0, 1.0),
    "KIND": (0.9, 0.9, 1.0, 1.2, 1.4, 1.2, 1.0, 1.6, 1.4, 1.0, 0.9, 0.8),
    "EXTRA": (0.7, 0.7, 0.8, 0.8, 0.6, 0.4, 0.4, 1.4, 2.2, 1.4, 0.8, 0.7),
    "MEAL": (1.0, 1.0, 1.0, 1.0, 0.8, 0.2, 0.1, 0.3, 1.8, 1.4, 1.1, 1.0),
    "STRAN": (0.8, 0.8, 0.8, 0.7, 0.5, 0.1, 0.05, 0.8, 5.0, 1.2, 0.9, 0.9),
    "CLIN": _FLU,
    "APPT": _FLU,
    "HOSP": _HEALTH,
    "PHARM": _HEALTH,
    "AMBU": _HEALTH,
    "PENS": (1.4, 1.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "PERM": _BUILDING,
    "ILLEG": _BUILDING,
    "PLOT": _BUILDING,
    "PRICE": (1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 1.1, 1.4),
    "CAFE": (0.6, 0.6, 0.7, 0.9, 1.3, 1.7, 1.8, 1.6, 1.0, 0.8, 0.7, 0.8),
    "ROADS": (1.2, 1.2, 1.6, 1.8, 1.2, 0.8, 0.7, 0.7, 0.9, 1.2, 1.2, 1.2),
}
WEEKDAY = (1.25, 1.15, 1.1, 1.05, 0.95, 0.45, 0.35)  # Monday first
HOLIDAY = 0.3
FIRST_FROST_DAYS = 12
FIRST_FROST_BOOST = 2.5

_FIXED_HOLIDAYS = ((1, 1), (1, 2), (1, 7), (3, 8), (5, 1), (5, 9), (7, 3), (11, 7), (12, 25))


def holidays(year: int) -> set[date]:
    """Give Belarus's public holidays of a year, Radunitsa (Easter + 9 days) included."""
    days = {date(year, month, day) for month, day in _FIXED_HOLIDAYS}
    days.add(orthodox_easter(year) + timedelta(days=9))
    return days


def first_frost(year: int, rng: random.Random) -> date:
    """Give the day the heating season starts with the first cold (early to mid October)."""
    return date(year, 10, 1) + timedelta(days=rng.randint(2, 16))


def arrivals(
    categories: list[str], first: date, last: date, count: int, rng: random.Random
) -> list[tuple[date, str]]:
    """Give ``count`` (day, category) pairs between ``first`` and ``last``, sorted by day."""
    frosts = {year: first_frost(year, rng) for year in range(first.year, last.year + 1)}
    off = set().union(*(holidays(year) for year in range(first.year, last.year + 1)))
    span = max(1, (last - first).days)
    cells: list[tuple[date, str]] = []
    weights: list[float] = []
    day = first
    while day <= last:
        growth = 0.85 + 0.3 * (day - first).days / span  # the town slowly takes to the site
        base = WEEKDAY[day.weekday()] * (HOLIDAY if day in off else 1.0) * growth
        frost = frosts[day.year]
        for code in categories:
            weight = base * SHARE.get(code, 1.0) * MONTHS.get(code, (1.0,) * 12)[day.month - 1]
            if code == "HEAT" and 0 <= (day - frost).days < FIRST_FROST_DAYS:
                weight *= FIRST_FROST_BOOST
            if weight > 0:
                cells.append((day, code))
                weights.append(weight)
        day += timedelta(days=1)
    return sorted(rng.choices(cells, weights=weights, k=count))
