"""Calibrated probabilities from classifier scores, and how well calibrated they are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar

Matrix = np.ndarray[Any, Any]


def softmax(scores: Matrix, temperature: float) -> Matrix:
    """Give row-wise probabilities of scores divided by the temperature."""
    z = np.asarray(scores, dtype=np.float64) / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


def fit_temperature(scores: Matrix, truth: Sequence[int]) -> float:
    """Give the temperature that minimises the log loss of out-of-fold scores.

    Temperature scaling keeps the ranking (so accuracy and top-3 do not move) and only
    stretches or shrinks the confidence. ``truth`` holds column indices into ``scores``.
    """
    if len(truth) == 0:
        return 1.0
    rows = np.arange(len(truth))
    cols = np.asarray(truth)

    def log_loss(log_t: float) -> float:
        p = softmax(scores, float(np.exp(log_t)))
        return float(-np.mean(np.log(np.clip(p[rows, cols], 1e-12, None))))

    # Search log T in a wide bracket: SVM margins and LR logits differ in scale.
    found = minimize_scalar(log_loss, bounds=(-7.0, 5.0), method="bounded")
    return float(np.exp(found.x))


def expected_calibration_error(
    confidences: Sequence[float], correct: Sequence[bool], bins: int = 10
) -> float:
    """Give the ECE: the mean gap between confidence and accuracy over equal-width bins.

    Each bin's gap is weighted by its share of items. A confidence of exactly 1.0 falls
    in the last bin.

    >>> expected_calibration_error([0.9, 0.9, 0.6, 0.6], [True, True, True, False])
    0.1
    """
    conf = np.asarray(confidences, dtype=np.float64)
    hit = np.asarray(correct, dtype=np.float64)
    if conf.size == 0:
        return 0.0
    which = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() / conf.size * abs(hit[mask].mean() - conf[mask].mean())
    return round(float(total), 12)


def top1_brier(confidences: Sequence[float], correct: Sequence[bool]) -> float:
    """Give the Brier score of the top-1 confidence against whether it was right."""
    conf = np.asarray(confidences, dtype=np.float64)
    hit = np.asarray(correct, dtype=np.float64)
    if conf.size == 0:
        return 0.0
    return float(np.mean((conf - hit) ** 2))


def multiclass_brier(probabilities: Matrix, truth: Sequence[int]) -> float:
    """Give the mean squared distance between each row of probabilities and its one-hot truth.

    0 is perfect; a sure wrong answer costs 2. ``truth`` holds column indices.

    >>> multiclass_brier(np.array([[1.0, 0.0], [0.5, 0.5]]), [0, 1])
    0.25
    """
    p = np.asarray(probabilities, dtype=np.float64)
    if p.shape[0] == 0:
        return 0.0
    rows = np.arange(p.shape[0])
    squared = (p**2).sum(axis=1) - 2.0 * p[rows, np.asarray(truth)] + 1.0
    return float(squared.mean())
