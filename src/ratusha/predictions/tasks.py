"""Periodic work of predictions: forecasts, hotspots and spikes, deadline risk and its digest.

Intervals (for ``ratusha.scheduling``): ``refresh_forecasts`` nightly (86400 s),
``detect_spikes_and_hotspots`` hourly (3600 s; an alert is e-mailed once per series and
week), ``refresh_deadline_risk`` hourly (3600 s; the digest goes once a day per
department), ``retrain_risk_models`` weekly (604800 s).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body


def bodies_with_appeals() -> QuerySet[Body]:
    """Give the active bodies that have at least one appeal, in a stable order."""
    with_appeals = Appeal.objects.values("body_id")
    return Body.objects.filter(is_active=True, pk__in=with_appeals).order_by("pk")


@task()
def refresh_forecasts() -> dict[str, int]:
    """Recompute every body's 8-week forecasts; give the series stored per body."""
    from ratusha.predictions.actions import do_refresh_forecasts

    now = timezone.now()
    return {body.code: do_refresh_forecasts(body, now) for body in bodies_with_appeals()}


@task()
def detect_spikes_and_hotspots() -> dict[str, list[int]]:
    """Refresh every body's hotspots and raise spike alerts; give [hotspots, new alerts]."""
    from ratusha.predictions.actions import do_detect_spikes, do_refresh_hotspots

    now = timezone.now()
    return {
        body.code: [len(do_refresh_hotspots(body, now)), len(do_detect_spikes(body, now))]
        for body in bodies_with_appeals()
    }


@task()
def refresh_deadline_risk() -> dict[str, list[int]]:
    """Score every open appeal and send the day's digests; give [scored, digests] per body."""
    from ratusha.predictions.actions import do_refresh_risk, do_send_risk_digests

    now = timezone.now()
    return {
        body.code: [do_refresh_risk(body, now), len(do_send_risk_digests(body, now))]
        for body in bodies_with_appeals()
    }


@task()
def retrain_risk_models() -> dict[str, int | None]:
    """Train a new deadline-risk model per body; give the new version (None: too few appeals)."""
    from ratusha.predictions.actions import do_train_risk_model

    now = timezone.now()
    result: dict[str, int | None] = {}
    for body in bodies_with_appeals():
        model = do_train_risk_model(body, now)
        result[body.code] = model.version if model else None
    return result
