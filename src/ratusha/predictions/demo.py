"""Forecasts, hotspots, spike alerts and deadline risk for the demo bodies (idempotent)."""

from __future__ import annotations

from datetime import datetime

from ratusha.bodies.models import Body
from ratusha.predictions.actions import (
    do_detect_spikes,
    do_refresh_forecasts,
    do_refresh_hotspots,
    do_refresh_risk,
    do_train_risk_model,
)
from ratusha.predictions.cases import risk_cases
from ratusha.predictions.models import Forecast, RiskModel
from ratusha.predictions.series import body_series

DEMO_BODIES = ("ZAR", "KLV")
SPIKE_WEEKS_BACK = 8  # so the demo lists the autumn's spikes (the first frost)


def seed_demo(now: datetime) -> None:
    """Compute the demo bodies' forecasts, hotspots, recent spikes and risks as of ``now``.

    A body that already has forecasts is left to the periodic tasks, so a second
    ``make demo`` starts at once; no e-mail is sent for the spikes found in past weeks.
    """
    for body in Body.objects.filter(code__in=DEMO_BODIES).order_by("pk"):
        if Forecast.objects.filter(body=body).exists():
            continue
        data = body_series(body, now)
        do_refresh_forecasts(body, now, data)
        do_detect_spikes(body, now, weeks_back=SPIKE_WEEKS_BACK, notify=False, data=data)
        do_refresh_hotspots(body, now)
        cases = risk_cases(body, now)
        if not RiskModel.objects.filter(body=body, is_active=True).exists():
            do_train_risk_model(body, now, cases)
        do_refresh_risk(body, now, cases)
