"""The auto-route threshold: route an appeal without a clerk only when the model is sure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ratusha_core.triage.classify.types import Decision, Prediction


@dataclass(frozen=True)
class ThresholdChoice:
    """The lowest confidence that still gives the target precision, and what it covers.

    ``threshold`` is None when no threshold reaches the target: nothing is auto-routed.
    ``coverage`` is the share of appeals at or above the threshold (auto-routed), and
    ``precision`` the share of those whose top label was right.
    """

    threshold: float | None
    target_precision: float
    precision: float
    coverage: float
    routed: int
    total: int


def choose_threshold(
    confidences: Sequence[float],
    correct: Sequence[bool],
    target_precision: float = 0.90,
    margin_z: float = 0.0,
) -> ThresholdChoice:
    """Give the lowest threshold whose auto-routed appeals reach the target precision.

    Use out-of-fold predictions: ``confidences`` are top-1 probabilities and
    ``correct`` says whether each top-1 label was right. Every distinct confidence is a
    candidate; appeals with confidence >= threshold are auto-routed.

    With ``margin_z`` > 0 the precision must reach the target even after subtracting
    ``margin_z`` standard errors (sqrt(p(1-p)/n) over the n routed appeals). The lowest
    threshold that just touches the target on a few hundred appeals is picked partly by
    luck and falls short on new appeals; the margin pays for that luck.

    >>> choice = choose_threshold([0.95, 0.9, 0.8, 0.7], [True, True, False, True], 0.75)
    >>> choice.threshold, choice.coverage
    (0.7, 1.0)
    """
    return _pick(_cuts(confidences, correct, margin_z), target_precision, len(confidences))


@dataclass(frozen=True)
class _Cut:
    threshold: float
    precision: float
    bound: float  # the precision less margin_z standard errors
    routed: int


def _cuts(confidences: Sequence[float], correct: Sequence[bool], margin_z: float) -> list[_Cut]:
    """Give every place to cut the predictions sorted by confidence, most sure first."""
    if len(confidences) != len(correct):
        raise ValueError("confidences and correct differ in length")
    total = len(confidences)
    pairs = sorted(zip(confidences, correct, strict=True), key=lambda p: -p[0])
    cuts = []
    hits = 0
    for i, (conf, ok) in enumerate(pairs):
        hits += int(ok)
        # Only cut between different confidences: equal ones route together.
        if i + 1 < total and pairs[i + 1][0] == conf:
            continue
        routed = i + 1
        precision = hits / routed
        doubt = margin_z * (precision * (1.0 - precision) / routed) ** 0.5
        cuts.append(_Cut(float(conf), precision, precision - doubt, routed))
    return cuts


def _pick(cuts: Sequence[_Cut], target_precision: float, total: int) -> ThresholdChoice:
    """Give the lowest cut whose bound reaches the target (the last such, most routed)."""
    for cut in reversed(cuts):
        if cut.bound >= target_precision:
            return ThresholdChoice(
                threshold=cut.threshold,
                target_precision=target_precision,
                precision=cut.precision,
                coverage=cut.routed / total,
                routed=cut.routed,
                total=total,
            )
    return ThresholdChoice(None, target_precision, 0.0, 0.0, 0, total)


# The precisions a body may ask of automatic routing (its policy: 0.50 to 0.99).
PRECISION_STEPS = tuple(round(0.50 + 0.01 * i, 2) for i in range(50))


def routing_table(
    confidences: Sequence[float],
    correct: Sequence[bool],
    margin_z: float = 0.0,
    precisions: Sequence[float] = PRECISION_STEPS,
) -> tuple[ThresholdChoice, ...]:
    """Give the threshold choice for each target precision, from the same predictions.

    Kept with a trained model, so that a body that asks for another precision gets its
    threshold at once, without training again, and sees beforehand what each precision
    would leave to the clerks.

    >>> table = routing_table([0.95, 0.9, 0.8, 0.7], [True, True, False, True], 0, (0.75, 0.9))
    >>> [(c.target_precision, c.threshold, c.coverage) for c in table]
    [(0.75, 0.7, 1.0), (0.9, 0.9, 0.5)]
    """
    cuts = _cuts(confidences, correct, margin_z)
    return tuple(_pick(cuts, p, len(confidences)) for p in precisions)


def at_precision(table: Sequence[ThresholdChoice], precision: float) -> ThresholdChoice | None:
    """Give the table's choice for this precision (to the hundredth), or None."""
    wanted = round(precision, 2)
    return next((c for c in table if round(c.target_precision, 2) == wanted), None)


def decide(prediction: Prediction, threshold: float | None) -> Decision:
    """Give 'auto_route' when the top label is at least as probable as the threshold."""
    if threshold is None or not prediction.top:
        return "suggest"
    return "auto_route" if prediction.confidence >= threshold else "suggest"


def routed_precision(
    confidences: Sequence[float], correct: Sequence[bool], thresholds: Sequence[float | None]
) -> tuple[float, float]:
    """Give (coverage, precision) when each appeal is judged by its own model's threshold."""
    routed = [
        ok
        for conf, ok, t in zip(confidences, correct, thresholds, strict=True)
        if t is not None and conf >= t
    ]
    if not confidences:
        return 0.0, 0.0
    coverage = len(routed) / len(confidences)
    precision = sum(routed) / len(routed) if routed else 0.0
    return coverage, precision
