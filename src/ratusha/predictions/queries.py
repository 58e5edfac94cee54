"""Read-only figures of forecasts, hotspots, spike alerts and deadline risk for other apps.

These functions do NOT check roles: the dashboard and the reports call them after they
have checked the person's reach (views use ``ratusha.predictions.access``). Names and
fields are stable.

- ``forecast_for(body, department=None, category=None) -> WeeklyForecast | None``:
  the latest 8-week forecast of appeals a week. ``body``, ``department`` and
  ``category`` are model instances or codes (give at most one of department and
  category). ``None`` when it has not been computed yet (``refresh_forecasts`` task).
  ``WeeklyForecast`` has ``weeks`` (Monday dates), ``mean``, ``lo80``, ``hi80``,
  ``lo95``, ``hi95`` (tuples of floats of the same length), ``history_weeks`` and
  ``history_counts`` (the recent actual weeks), ``method`` and ``computed_at``.
- ``forecasts_for(body, level) -> list[WeeklyForecast]``: every stored forecast of a
  level (``"body"``, ``"department"`` or ``"category"``) of the body.
- ``hotspots_for(body, category=None, active_only=True) -> list[HotspotRecord]``:
  strongest first. A ``HotspotRecord`` has ``latitude``, ``longitude``,
  ``radius_metres``, ``cell``, ``category_code``, ``category_name``, ``count``,
  ``expected``, ``periods`` ((start date, count) oldest first), ``slope``, ``trend``
  (growing | recurring | steady), ``action`` (code) and ``action_text`` (translated
  into the active language), ``appeal_ids``, ``address``, ``first_seen``, ``last_seen``,
  ``id`` and ``is_active``.
- ``alerts_for(body, since=None) -> list[AlertRecord]``: spike alerts, newest first
  (``id``, ``week``, ``scope`` such as ``category:12``, ``scope_label`` translated,
  ``observed``, ``expected``, ``upper95``, ``notified_at``).
- ``risk_for(appeal_ids) -> dict[int, float]``: the stored chance (0..1) per appeal.
- ``annotate_risk(queryset) -> queryset``: adds ``deadline_risk`` (float or None) to
  a queryset of appeals, so the inbox can ``order_by(F("deadline_risk").desc(nulls_last=True))``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from ratusha.bodies.models import Body, Category, Department
from ratusha.predictions.models import DeadlineRisk, Forecast, Hotspot, SpikeAlert
from ratusha.predictions.wording import action_text, scope_label


@dataclass(frozen=True)
class WeeklyForecast:
    """An 8-week forecast of appeals a week with its 80% and 95% intervals."""

    level: str
    scope: str
    weeks: tuple[date, ...]
    mean: tuple[float, ...]
    lo80: tuple[float, ...]
    hi80: tuple[float, ...]
    lo95: tuple[float, ...]
    hi95: tuple[float, ...]
    history_weeks: tuple[date, ...]
    history_counts: tuple[int, ...]
    method: str
    computed_at: datetime


@dataclass(frozen=True)
class HotspotRecord:
    """A hotspot as the map and the reports show it."""

    id: int
    latitude: float
    longitude: float
    radius_metres: int
    cell: str
    category_code: str
    category_name: str
    count: int
    expected: float
    periods: tuple[tuple[date, int], ...]
    slope: float
    trend: str
    action: str
    action_text: str
    appeal_ids: tuple[int, ...]
    address: str
    first_seen: date
    last_seen: date
    is_active: bool


@dataclass(frozen=True)
class AlertRecord:
    """A spike alert: the week's appeals above the 95% bound of the forecast."""

    id: int
    week: date
    scope: str
    scope_label: str
    observed: int
    expected: float
    upper95: float
    notified_at: datetime | None


def _body(body: Body | str) -> Body | None:
    return body if isinstance(body, Body) else Body.objects.filter(code=body).first()


def _scope(
    body: Body, department: Department | str | None, category: Category | str | None
) -> str | None:
    if category is not None:
        if isinstance(category, str):
            found = Category.objects.filter(body=body, code=category).first()
            return f"category:{found.pk}" if found else None
        return f"category:{category.pk}"
    if department is not None:
        if isinstance(department, str):
            dept = Department.objects.filter(body=body, code=department).first()
            return f"department:{dept.pk}" if dept else None
        return f"department:{department.pk}"
    return f"body:{body.pk}"


def _record(row: Forecast) -> WeeklyForecast:
    weeks = row.weeks or []
    return WeeklyForecast(
        level=row.level,
        scope=row.scope,
        weeks=tuple(date.fromisoformat(w["week"]) for w in weeks),
        mean=tuple(float(w["mean"]) for w in weeks),
        lo80=tuple(float(w["lo80"]) for w in weeks),
        hi80=tuple(float(w["hi80"]) for w in weeks),
        lo95=tuple(float(w["lo95"]) for w in weeks),
        hi95=tuple(float(w["hi95"]) for w in weeks),
        history_weeks=tuple(date.fromisoformat(h["week"]) for h in row.history or []),
        history_counts=tuple(int(h["count"]) for h in row.history or []),
        method=row.method,
        computed_at=row.computed_at,
    )


def forecast_for(
    body: Body | str,
    department: Department | str | None = None,
    category: Category | str | None = None,
) -> WeeklyForecast | None:
    """Give the stored forecast of the body, or of one of its departments or categories."""
    found = _body(body)
    scope = _scope(found, department, category) if found else None
    row = Forecast.objects.filter(scope=scope).first() if scope else None
    return _record(row) if row else None


def forecasts_for(body: Body | str, level: str) -> list[WeeklyForecast]:
    """Give every stored forecast of one level of the body, in a stable order."""
    found = _body(body)
    if found is None:
        return []
    rows = Forecast.objects.filter(body=found, level=level).order_by("scope")
    return [_record(row) for row in rows]


def _hotspot(row: Hotspot) -> HotspotRecord:
    return HotspotRecord(
        id=row.pk,
        latitude=row.latitude,
        longitude=row.longitude,
        radius_metres=row.radius_metres,
        cell=row.cell,
        category_code=row.category.code,
        category_name=str(row.category),
        count=row.count,
        expected=row.expected,
        periods=tuple((date.fromisoformat(p["start"]), int(p["count"])) for p in row.periods),
        slope=row.slope,
        trend=row.trend,
        action=row.action,
        action_text=action_text(row.action, str(row.category), row.address),
        appeal_ids=tuple(int(i) for i in row.appeal_ids),
        address=row.address,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        is_active=row.is_active,
    )


def hotspots_for(
    body: Body | str, category: Category | str | None = None, active_only: bool = True
) -> list[HotspotRecord]:
    """Give the body's hotspots, strongest first, optionally of one category."""
    found = _body(body)
    if found is None:
        return []
    rows = Hotspot.objects.filter(body=found).select_related("category")
    if category is not None:
        rows = (
            rows.filter(category__code=category)
            if isinstance(category, str)
            else rows.filter(category=category)
        )
    if active_only:
        rows = rows.filter(is_active=True)
    return [_hotspot(row) for row in rows.order_by("-score", "pk")]


def alerts_for(body: Body | str, since: date | None = None) -> list[AlertRecord]:
    """Give the body's spike alerts, newest week first."""
    found = _body(body)
    if found is None:
        return []
    rows = SpikeAlert.objects.filter(body=found).select_related("department", "category")
    if since is not None:
        rows = rows.filter(week__gte=since)
    places = _area_places(found)
    return [
        AlertRecord(
            id=row.pk,
            week=row.week,
            scope=row.scope,
            scope_label=scope_label(
                row.department, row.category, row.scope, places.get(row.scope, "")
            ),
            observed=row.observed,
            expected=row.expected,
            upper95=row.upper95,
            notified_at=row.notified_at,
        )
        for row in rows.order_by("-week", "scope")
    ]


def alert_label(alert: SpikeAlert) -> str:
    """Give what one spike alert is about, in the active language."""
    place = ""
    if alert.scope.startswith("area:"):
        found = Hotspot.objects.filter(pk=int(alert.scope.split(":")[1])).first()
        place = found.address if found else ""
    return scope_label(alert.department, alert.category, alert.scope, place)


def _area_places(body: Body) -> dict[str, str]:
    rows = Hotspot.objects.filter(body=body).values_list("pk", "address")
    return {f"area:{pk}": address for pk, address in rows}


def risk_for(appeal_ids: Iterable[int]) -> dict[int, float]:
    """Give the stored chance of missing the deadline for each appeal that has one."""
    ids = list(appeal_ids)
    rows = DeadlineRisk.objects.filter(appeal_id__in=ids).values_list("appeal_id", "probability")
    return {int(pk): float(p) for pk, p in rows}


def annotate_risk(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Give the appeals queryset with ``deadline_risk`` (the stored chance, or None) added."""
    risk = DeadlineRisk.objects.filter(appeal_id=OuterRef("pk")).values("probability")[:1]
    return queryset.annotate(deadline_risk=Subquery(risk))
