"""Store the bodies' weekly forecasts, and raise (and e-mail) alerts on spikes above them."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from ratusha.bodies.models import Body, Category, Department
from ratusha.predictions.models import Forecast, Hotspot, SpikeAlert
from ratusha.predictions.notices import send_spike_alert
from ratusha.predictions.series import BodySeries, area_series, body_series
from ratusha_core.analytics.forecast import check_spike, forecast_weekly

HISTORY_WEEKS = 26
MIN_WEEKS = 8  # fewer complete weeks give no forecast worth showing


def _ids(scope: str) -> dict[str, int | None]:
    kind, _, pk = scope.partition(":")
    return {
        "department_id": int(pk) if kind == "department" else None,
        "category_id": int(pk) if kind == "category" else None,
    }


@transaction.atomic
def do_refresh_forecasts(body: Body, now: datetime, data: BodySeries | None = None) -> int:
    """Compute and store the 8-week forecast of every series of the body; give how many."""
    data = data or body_series(body, now)
    if len(data.weeks) < MIN_WEEKS:
        return 0
    kept = []
    for scope, counts in sorted(data.series.items()):
        result = forecast_weekly(data.weeks, counts, data.working, data.future_working)
        weeks = [
            {"week": w.isoformat(), "mean": m, "lo80": a, "hi80": b, "lo95": c, "hi95": d}
            for w, m, a, b, c, d in zip(
                result.weeks, result.mean, result.lo80, result.hi80, result.lo95, result.hi95,
                strict=True,
            )
        ]  # fmt: skip
        history = [
            {"week": w.isoformat(), "count": c}
            for w, c in zip(data.weeks[-HISTORY_WEEKS:], counts[-HISTORY_WEEKS:], strict=True)
        ]
        Forecast.objects.update_or_create(
            scope=scope,
            defaults={
                "level": scope.split(":")[0],
                "body": body,
                **_ids(scope),
                "method": result.method,
                "computed_at": now,
                "first_week": result.weeks[0],
                "weeks": weeks,
                "history": history,
            },
        )
        kept.append(scope)
    Forecast.objects.filter(body=body).exclude(scope__in=kept).delete()
    return len(kept)


def do_detect_spikes(
    body: Body,
    now: datetime,
    weeks_back: int = 1,
    notify: bool = True,
    data: BodySeries | None = None,
) -> list[SpikeAlert]:
    """Raise an alert for each department, category or hotspot area whose last week beat its
    95% bound (an area is an active hotspot: its category in its place).

    ``weeks_back`` checks that many of the latest complete weeks (each against the weeks
    before it). An alert is raised once per series and week; its e-mail to the heads is
    sent once, after the commit, and only when ``notify``.
    """
    data = data or body_series(body, now)
    raised: list[SpikeAlert] = []
    areas = area_series(data)
    area_category = dict(
        Hotspot.objects.filter(pk__in=[int(s.split(":")[1]) for s in areas]).values_list(
            "pk", "category_id"
        )
    )
    series = {**data.series, **areas}
    names = {
        **{f"department:{d.pk}": d for d in Department.objects.filter(body=body)},
        **{f"category:{c.pk}": c for c in Category.objects.filter(body=body)},
        **{scope: scope for scope in areas},
    }
    with transaction.atomic():
        for back in range(weeks_back, 0, -1):
            end = len(data.weeks) - back + 1
            if end < MIN_WEEKS + 1:
                continue
            for scope, counts in sorted(series.items()):
                if scope not in names:
                    continue  # the whole body has no single head to tell
                spike = check_spike(data.weeks[:end], counts[:end], data.working[:end])
                if not spike.is_spike:
                    continue
                alert, created = SpikeAlert.objects.get_or_create(
                    scope=scope,
                    week=spike.week,
                    defaults={
                        "body": body,
                        **_ids(scope),
                        **(
                            {"category_id": area_category[int(scope.split(":")[1])]}
                            if scope.startswith("area:")
                            else {}
                        ),
                        "observed": spike.observed,
                        "expected": spike.expected,
                        "upper95": spike.upper95,
                        "created_at": now,
                    },
                )
                if created:
                    raised.append(alert)
    latest = data.weeks[-1] if data.weeks else None
    for alert in raised:
        # Only this week's news is worth an e-mail; older weeks found late are listed only.
        if notify and latest is not None and alert.week >= latest - timedelta(weeks=1):
            transaction.on_commit(lambda pk=alert.pk: send_spike_alert(pk, now))
    return raised
