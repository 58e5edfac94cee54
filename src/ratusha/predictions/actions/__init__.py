"""Every write of predictions: forecasts, spike alerts, hotspots, risk models and scores."""

from ratusha.predictions.actions.forecasts import do_detect_spikes, do_refresh_forecasts
from ratusha.predictions.actions.hotspots import do_refresh_hotspots
from ratusha.predictions.actions.risk import (
    do_refresh_risk,
    do_send_risk_digests,
    do_train_risk_model,
)

__all__ = [
    "do_detect_spikes",
    "do_refresh_forecasts",
    "do_refresh_hotspots",
    "do_refresh_risk",
    "do_send_risk_digests",
    "do_train_risk_model",
]
