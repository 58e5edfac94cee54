"""What each routing precision would leave to the clerks, read from the active models.

Training keeps, for every precision a body may ask (50% to 99%), the threshold and the
share of its held-out appeals that this threshold routes (``routing_table``, stored in
the model's metrics as ``routing``). The models page shows a few of them beside the
body's own precision, so an administrator sees the trade before saving a new one; the
active model routes at the body's precision at once (``training.active_model``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import formats

from ratusha.bodies.models import Body
from ratusha.triage.models import TriageModel

SHOWN = (0.8, 0.85, 0.9, 0.95, 0.99)  # besides the body's own precision


@dataclass(frozen=True)
class PrecisionRow:
    """One precision: the share of appeals routed automatically and the threshold."""

    percent: int
    routed: str  # "48.5%"; "0%" when no threshold reaches the precision
    threshold: str  # "93.1%", or "" when none reaches it
    current: bool  # the body's own precision


@dataclass(frozen=True)
class Outlook:
    """The rows of one active model (a target and its version)."""

    target: str
    version: int
    rows: tuple[PrecisionRow, ...]


def _percent(value: float) -> str:
    return f"{formats.number_format(round(100 * value, 1), 1)}%"


def _table(metrics: Any) -> dict[float, tuple[float | None, float]]:
    rows = metrics.get("routing") if isinstance(metrics, dict) else None
    return {round(p, 2): (threshold, coverage) for p, threshold, coverage, _ in rows or ()}


def routing_outlook(body: Body) -> list[Outlook]:
    """Give, per active model that keeps the table, what the shown precisions would route."""
    own = round(body.auto_route_precision, 2)
    wanted = sorted({*SHOWN, own})
    active = TriageModel.objects.filter(body=body, is_active=True).order_by("target")
    out = []
    for target, version, metrics in active.values_list("target", "version", "metrics"):
        table = _table(metrics)
        if not table:
            continue
        rows = []
        for precision in wanted:
            if precision not in table:
                continue
            threshold, coverage = table[precision]
            rows.append(
                PrecisionRow(
                    percent=round(100 * precision),
                    routed=_percent(coverage if threshold is not None else 0.0),
                    threshold="" if threshold is None else _percent(threshold),
                    current=precision == own,
                )
            )
        out.append(Outlook(target=target, version=version, rows=tuple(rows)))
    return out


def follows_at_once(body: Body) -> bool:
    """Tell whether a new precision applies at once: no active model lacks the table.

    Models stored before training kept it route at their trained threshold until the
    next training.
    """
    active = TriageModel.objects.filter(body=body, is_active=True)
    return all(_table(metrics) for metrics in active.values_list("metrics", flat=True))
