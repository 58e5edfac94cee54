"""What each routing precision would leave to the clerks, read from the active models.

Training keeps, for every precision a body may ask (50% to 99%), the threshold and the
share of its held-out appeals that this threshold routes (``routing_table``, stored in
the model's metrics as ``routing``). The models page shows a few of them beside the
body's own precision, so an administrator sees the trade before saving a new one; the
active model routes at the body's precision at once (``training.active_model``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ratusha.bodies.models import Body
from ratusha.triage.models import TriageModel

SHOWN = (0.8, 0.85, 0.9, 0.95, 0.99)  # besides the body's own precision


@dataclass(frozen=True)
class PrecisionRow:
    """One precision: the share of appeals routed automatically and the threshold.

    The same shape serves the models page (``percent``, ``current``) and the API.
    """

    precision: float
    threshold: float | None  # None: no threshold reaches the precision
    coverage: float  # share routed automatically (0 when none reaches it)
    current: bool = False  # the body's own precision

    @property
    def percent(self) -> int:
        return round(100 * self.precision)


@dataclass(frozen=True)
class Outlook:
    """The rows of one active model (a target and its version)."""

    target: str
    version: int
    rows: tuple[PrecisionRow, ...]


def stored_routing(metrics: Any) -> list[PrecisionRow]:
    """Give the table a training stored in a model's metrics (``routing``), or nothing."""
    rows = metrics.get("routing") if isinstance(metrics, dict) else None
    return [
        PrecisionRow(round(p, 2), threshold, coverage) for p, threshold, coverage, _ in rows or ()
    ]


def routing_outlook(body: Body) -> list[Outlook]:
    """Give, per active model that keeps the table, what the shown precisions would route."""
    own = round(body.auto_route_precision, 2)
    wanted = {*SHOWN, own}
    active = TriageModel.objects.filter(body=body, is_active=True).order_by("target")
    out = []
    for target, version, metrics in active.values_list("target", "version", "metrics"):
        table = stored_routing(metrics)
        if table:
            rows = tuple(
                replace(row, current=row.precision == own)
                for row in table
                if row.precision in wanted
            )
            out.append(Outlook(target=target, version=version, rows=rows))
    return out


def follows_at_once(body: Body) -> bool:
    """Tell whether a new precision applies at once: no active model lacks the table.

    Models stored before training kept it route at their trained threshold until the
    next training.
    """
    active = TriageModel.objects.filter(body=body, is_active=True)
    return all(stored_routing(metrics) for metrics in active.values_list("metrics", flat=True))
