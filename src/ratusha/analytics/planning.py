"""The forecast and the hotspots on the staff dashboard, read from ``ratusha.predictions``.

The predictions app computes them on its own schedule; until it has, the dashboard says
so plainly instead of showing an empty chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from ratusha.analytics.figures import Scope
from ratusha.bodies.models import Body, Category, Department
from ratusha_core.charts import Band, Chart, Series, line_chart

HISTORY_WEEKS = 16


@dataclass(frozen=True)
class ForecastSection:
    """What the dashboard shows of the forecast: the scope it is for and its chart, if any."""

    label: str
    chart: Chart | None
    computed_at: Any = None
    method: str = ""


def _single(ids: tuple[int, ...]) -> int | None:
    return ids[0] if len(ids) == 1 else None


def forecast_section(scope: Scope) -> ForecastSection | None:
    """Give the forecast of the scope's one body (its one department or category), if any.

    None when the scope spans several bodies: forecasts are made per body.
    """
    body_id = _single(scope.body_ids)
    if body_id is None:
        return None
    body = Body.objects.filter(pk=body_id).first()
    if body is None:
        return None
    category = Category.objects.filter(pk=_single(scope.category_ids), body=body).first()
    department = (
        None
        if category
        else Department.objects.filter(pk=_single(scope.department_ids), body=body).first()
    )
    label = str(category or department or body)
    from ratusha.predictions.queries import forecast_for

    forecast = forecast_for(body, department=department, category=category)
    if forecast is None or not forecast.weeks:
        return ForecastSection(label, None)
    return ForecastSection(
        label, forecast_chart(forecast, label), forecast.computed_at, forecast.method
    )


def forecast_chart(forecast: Any, label: str, chart_id: str = "chart-forecast") -> Chart:
    """Give the chart of the recent weeks and the 8-week forecast with 80% and 95% bands."""
    history = list(zip(forecast.history_weeks, forecast.history_counts, strict=False))
    history = history[-HISTORY_WEEKS:]
    ahead = len(forecast.weeks)
    blank: tuple[None, ...] = (None,) * len(history)
    weeks = [week for week, _count in history] + list(forecast.weeks)
    labels = [str(formats.date_format(week, "SHORT_DATE_FORMAT")) for week in weeks]
    return line_chart(
        chart_id,
        _("Forecast of appeals a week: %(scope)s") % {"scope": label},
        _(
            "Appeals a week in the last %(past)d weeks and the forecast for the next %(ahead)d"
            " weeks, with the ranges the actual count should fall in 80 and 95 times in 100."
        )
        % {"past": len(history), "ahead": ahead},
        labels,
        [
            Series(_("Actual"), tuple(float(c) for _w, c in history) + (None,) * ahead),
            Series(_("Forecast"), blank + tuple(forecast.mean)),
        ],
        [
            # xgettext:no-python-format
            Band(_("80% range"), blank + tuple(forecast.lo80), blank + tuple(forecast.hi80)),
            # xgettext:no-python-format
            Band(_("95% range"), blank + tuple(forecast.lo95), blank + tuple(forecast.hi95)),
        ],
        label_header=_("Week from"),
        decimals=1,
    )


def hotspots_of(scope: Scope, limit: int = 50) -> list[Any]:
    """Give the active hotspots of the scope's one body (of its one category), strongest first."""
    body_id = _single(scope.body_ids)
    if body_id is None:
        return []
    body = Body.objects.filter(pk=body_id).first()
    if body is None:
        return []
    from ratusha.predictions.queries import hotspots_for

    category = Category.objects.filter(pk=_single(scope.category_ids), body=body).first()
    return hotspots_for(body, category=category)[:limit]


def public_hotspots_of(scope: Scope, limit: int = 20) -> list[Any]:
    """Give the hotspots the public may see: of public categories, with enough appeals.

    A hotspot is a grid cell, never an address; a cell with fewer appeals than
    ``RATUSHA_PUBLIC_HOTSPOT_MIN_APPEALS`` could point at one household, so it stays internal.
    """
    found = hotspots_of(scope, limit=500)
    if not found:
        return []
    public = set(
        Category.objects.filter(body_id__in=scope.body_ids, is_public=True).values_list(
            "code", flat=True
        )
    )
    least = settings.RATUSHA_PUBLIC_HOTSPOT_MIN_APPEALS
    return [h for h in found if h.category_code in public and h.count >= least][:limit]


def map_points(hotspots: list[Any]) -> list[dict[str, Any]]:
    """Give the hotspots as the map script reads them: centre, radius, label and trend."""
    return [
        {
            "lat": h.latitude,
            "lon": h.longitude,
            "radius": h.radius_metres,
            "label": f"{h.category_name}: {h.count}",
            "trend": h.trend,
        }
        for h in hotspots
    ]
