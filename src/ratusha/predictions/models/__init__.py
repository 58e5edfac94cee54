"""Stored forecasts, hotspots, spike alerts and per-appeal deadline risk."""

from ratusha.predictions.models.forecasts import Forecast, SpikeAlert
from ratusha.predictions.models.hotspots import Hotspot
from ratusha.predictions.models.risk import DeadlineRisk, RiskDigest, RiskModel

__all__ = ["DeadlineRisk", "Forecast", "Hotspot", "RiskDigest", "RiskModel", "SpikeAlert"]
