"""Weekly appeal counts of a body, its departments and categories, read from the appeals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ratusha.appeals.models import Appeal
from ratusha.appeals.policy import calendar_for
from ratusha.bodies.models import Body, Category
from ratusha_core.analytics.weeks import week_range, week_start, working_days

HORIZON = 8


@dataclass(frozen=True)
class BodySeries:
    """Complete weeks of a body: the counts per series and the working days a week.

    ``series`` maps a scope (``body:<id>``, ``department:<id>``, ``category:<id>``) to
    the counts of ``weeks``; the week still running is left out.
    """

    body: Body
    weeks: tuple[date, ...]
    working: tuple[int, ...]
    future_working: tuple[int, ...]
    series: dict[str, tuple[int, ...]]


def body_series(body: Body, now: datetime) -> BodySeries:
    """Give the body's weekly counts up to the last complete week before ``now``."""
    zone = ZoneInfo(body.time_zone)
    this_week = week_start(now.astimezone(zone).date())
    rows = list(
        Appeal.objects.filter(body=body, registered_at__lt=now).values_list(
            "registered_at", "department_id", "category_id"
        )
    )
    default_dept = dict(
        Category.objects.filter(body=body).values_list("pk", "default_department_id")
    )
    calendar = calendar_for(body)
    if not rows:
        return BodySeries(body, (), (), working_days(calendar, _ahead(this_week)), {})
    days = [(at.astimezone(zone).date(), dept, cat) for at, dept, cat in rows]
    first = min(d for d, _, _ in days)
    # A history that starts mid-week would make its first week look quiet.
    start = week_start(first) if first.weekday() == 0 else week_start(first) + timedelta(weeks=1)
    last = this_week - timedelta(weeks=1)
    weeks = week_range(start, last) if start <= last else ()
    index = {w: i for i, w in enumerate(weeks)}
    series: dict[str, list[int]] = defaultdict(lambda: [0] * len(weeks))
    series[f"body:{body.pk}"]  # a body with appeals always has its own series
    for day, dept, cat in days:
        i = index.get(week_start(day))
        if i is None:
            continue
        series[f"body:{body.pk}"][i] += 1
        dept = dept or default_dept.get(cat)
        if dept:
            series[f"department:{dept}"][i] += 1
        if cat:
            series[f"category:{cat}"][i] += 1
    return BodySeries(
        body=body,
        weeks=weeks,
        working=working_days(calendar, weeks),
        future_working=working_days(calendar, _ahead(this_week)),
        series={k: tuple(v) for k, v in series.items()},
    )


def _ahead(this_week: date) -> tuple[date, ...]:
    # The forecast starts with the week now running: it is not complete yet.
    return tuple(this_week + timedelta(weeks=h) for h in range(HORIZON))


def area_series(data: BodySeries) -> dict[str, tuple[int, ...]]:
    """Give the weekly counts of each active hotspot (its category in its place), by scope.

    The scope is ``area:<hotspot id>``; the hotspot's appeals of the past year are counted.
    """
    from ratusha.predictions.models import Hotspot

    zone = ZoneInfo(data.body.time_zone)
    index = {w: i for i, w in enumerate(data.weeks)}
    found: dict[str, tuple[int, ...]] = {}
    for hotspot in Hotspot.objects.filter(body=data.body, is_active=True).order_by("pk"):
        counts = [0] * len(data.weeks)
        moments = Appeal.objects.filter(pk__in=hotspot.appeal_ids).values_list(
            "registered_at", flat=True
        )
        for at in moments:
            i = index.get(week_start(at.astimezone(zone).date()))
            if i is not None:
                counts[i] += 1
        found[f"area:{hotspot.pk}"] = tuple(counts)
    return found
