"""The chance that an open appeal misses its deadline: training, testing and scoring.

Training rows are *snapshots*: each settled appeal is looked at on several days of its
life while it was still open and not yet late (``snapshot_days``), with the features it
had on that day and whether it went on to miss its deadline. A gradient-boosted tree
model is fitted on the older four fifths of the snapshots and calibrated (Platt's
sigmoid) on the newest fifth, which also follows any drift; the test fits it
on the appeals registered before a cut-off day and tests it on those registered after
it: AUC, Brier score and reliability bins (predicted against observed share, by tenths).

    >>> from datetime import date, timedelta
    >>> cases = [RiskCase(i, date(2026, 1, 1) + timedelta(days=i // 10), date(2026, 1, 16)
    ...          + timedelta(days=i // 10), None, None, "D", "C", "E") for i in range(3)]
    >>> score_open(None, cases, cases, date(2026, 1, 20))[0].band
    'overdue'
"""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import joblib
import numpy as np
import sklearn
from numpy.typing import NDArray
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from threadpoolctl import threadpool_limits

from ratusha_core.analytics.risk_features import (
    FEATURES,
    History,
    RiskCase,
    features_on,
    snapshot_days,
)

__all__ = [
    "FEATURES",
    "RiskCase",
    "RiskScore",
    "RiskTest",
    "TrainedRisk",
    "model_from_bytes",
    "model_to_bytes",
    "score_open",
    "time_split_test",
    "train_risk",
]

HIGH = 0.5
MEDIUM = 0.2
_MAGIC = b"RATUSHA-RISK\n"


@dataclass(frozen=True)
class CalibratedBooster:
    """Boosted trees whose scores a sigmoid fitted on later snapshots turns into chances."""

    booster: HistGradientBoostingClassifier
    sigmoid: LogisticRegression

    def predict_proba(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        raw = np.clip(self.booster.predict_proba(x)[:, 1], 1e-6, 1 - 1e-6)
        result: NDArray[np.float64] = self.sigmoid.predict_proba(_logit(raw))
        return result


def _logit(p: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.log(p / (1 - p)).reshape(-1, 1)


@dataclass(frozen=True)
class TrainedRisk:
    """A fitted model, what it was trained on, and its medians (for the reasons)."""

    model: CalibratedBooster
    rows: int
    base_rate: float
    medians: tuple[float, ...]


@dataclass(frozen=True)
class RiskTest:
    """How the model did on the appeals after the cut-off day."""

    cutoff: date
    train_rows: int
    test_rows: int
    base_rate: float
    auc: float
    brier: float
    brier_base_rate: float
    bins: tuple[tuple[float, float, int], ...]  # (mean predicted, observed share, rows)


@dataclass(frozen=True)
class RiskScore:
    """An open appeal's chance of missing its deadline, its band and why."""

    appeal_id: int
    probability: float
    band: str  # low | medium | high | overdue
    reasons: tuple[str, ...]


def _rows(
    cases: Sequence[RiskCase], history: History, before: date | None = None
) -> tuple[NDArray[np.float64], NDArray[np.int_]]:
    x: list[list[float]] = []
    y: list[int] = []
    for case in cases:
        if case.missed is None:
            continue
        for day in snapshot_days(case):
            if before is not None and day >= before:
                break
            x.append(features_on(case, day, history))
            y.append(int(case.missed))
    return np.asarray(x, dtype=float).reshape(-1, len(FEATURES)), np.asarray(y, dtype=int)


def train_risk(
    cases: Sequence[RiskCase], history: History | None = None, seed: int = 0
) -> TrainedRisk | None:
    """Give a model trained on the settled cases, or None when there are too few of each class."""
    ordered = sorted((c for c in cases if c.missed is not None), key=lambda c: c.registered)
    x, y = _rows(ordered, history or History(cases))
    if len(y) < 60 or min(int(y.sum()), int(len(y) - y.sum())) < 10:
        return None
    split = int(len(y) * 0.8)
    if min(int(y[split:].sum()), int(len(y) - split - y[split:].sum())) < 3:
        split = len(y)  # too few of a class among the newest: calibrate in-sample
    booster = HistGradientBoostingClassifier(
        max_iter=100, learning_rate=0.08, max_leaf_nodes=15, min_samples_leaf=40,
        l2_regularization=1.0, early_stopping=False, random_state=seed,
    )  # fmt: skip
    # One thread: OpenMP threads fighting over two busy cores made training 15 times slower.
    with threadpool_limits(1):
        booster.fit(x[:split], y[:split])
        held_x, held_y = (x[split:], y[split:]) if split < len(y) else (x, y)
        raw = np.clip(booster.predict_proba(held_x)[:, 1], 1e-6, 1 - 1e-6)
        sigmoid = LogisticRegression(C=1e4).fit(_logit(raw), held_y)
    model = CalibratedBooster(booster, sigmoid)
    return TrainedRisk(model, len(y), float(y.mean()), tuple(float(m) for m in np.median(x, 0)))


def _bins(p: NDArray[np.float64], y: NDArray[np.int_]) -> tuple[tuple[float, float, int], ...]:
    edges = np.minimum((p * 10).astype(int), 9)
    return tuple(
        (round(float(p[edges == b].mean()), 4), round(float(y[edges == b].mean()), 4),
         int((edges == b).sum()))
        for b in range(10) if (edges == b).any()
    )  # fmt: skip


def time_split_test(
    cases: Sequence[RiskCase], train_share: float = 0.75, seed: int = 0
) -> RiskTest:
    """Give the test figures of a model trained before a cut-off day and tested after it.

    The cut-off is the registration day below which ``train_share`` of the settled cases
    lie. Training snapshots are only those before the cut-off, of cases whose outcome
    was known by then, so nothing from after the cut-off leaks into training.
    """
    settled = sorted((c for c in cases if c.missed is not None), key=lambda c: c.registered)
    if len(settled) < 20:
        raise ValueError("too few settled appeals for a time-based test")
    cutoff = settled[int(len(settled) * train_share)].registered
    history = History(cases)
    known = [
        c for c in settled if c.registered < cutoff and min(c.settled or c.due, c.due) < cutoff
    ]
    trained = train_risk(known, history, seed)
    if trained is None:
        raise ValueError("too few late and in-time appeals before the cut-off to train")
    x, y = _rows([c for c in settled if c.registered >= cutoff], history)
    with threadpool_limits(1):
        p = trained.model.predict_proba(x)[:, 1]
    both = len(set(y.tolist())) == 2
    return RiskTest(
        cutoff=cutoff,
        train_rows=trained.rows,
        test_rows=len(y),
        base_rate=round(float(y.mean()), 4),
        auc=round(float(roc_auc_score(y, p)), 4) if both else float("nan"),
        brier=round(float(brier_score_loss(y, p)), 4),
        brier_base_rate=round(float(brier_score_loss(y, np.full(len(y), trained.base_rate))), 4),
        bins=_bins(p, y),
    )


def _reasons(f: Sequence[float], medians: Sequence[float]) -> tuple[str, ...]:
    """Give codes of what pushes the risk up, for the Django layer to word."""
    v = dict(zip(FEATURES, f, strict=True))
    m = dict(zip(FEATURES, medians, strict=True))
    reasons = []
    if v["days_left"] <= 3 and not v["drafted"]:
        reasons.append("few_days_no_draft")
    if not v["assigned"] and v["age_days"] >= 2:
        reasons.append("not_assigned")
    if v["department_open_vs_usual"] >= 1.3:
        reasons.append("department_busy")
    if v["executor_late_share"] >= max(0.15, 1.5 * m["executor_late_share"]):
        reasons.append("executor_often_late")
    if v["category_late_share"] >= max(0.15, 1.5 * m["category_late_share"]):
        reasons.append("category_often_late")
    if v["questions"] >= 2 or v["collective"] or v["log_text_length"] > m["log_text_length"] + 1:
        reasons.append("complex")
    return tuple(reasons)


def _band(p: float) -> str:
    return "high" if p >= HIGH else "medium" if p >= MEDIUM else "low"


def score_open(
    trained: TrainedRisk | None,
    open_cases: Sequence[RiskCase],
    all_cases: Sequence[RiskCase],
    today: date,
) -> list[RiskScore]:
    """Give the risk of each open case on ``today``; a case past its due date is 'overdue' (1.0).

    Without a model (too little history) the chance is the late share of the case's
    category as of today.
    """
    history = History(all_cases)
    scores: list[RiskScore] = []
    late = [c for c in open_cases if c.due < today]
    scores += [RiskScore(c.appeal_id, 1.0, "overdue", ("overdue",)) for c in late]
    live = [c for c in open_cases if c.due >= today]
    if not live:
        return scores
    x = np.asarray([features_on(c, today, history) for c in live], dtype=float)
    if trained is None:
        p = x[:, FEATURES.index("category_late_share")]
        medians: Sequence[float] = np.median(x, 0).tolist()
    else:
        with threadpool_limits(1):
            p = trained.model.predict_proba(x)[:, 1]
        medians = trained.medians
    for case, prob, row in zip(live, p, x, strict=True):
        value = round(float(prob), 4)
        scores.append(RiskScore(case.appeal_id, value, _band(value), _reasons(row, medians)))
    return scores


def model_to_bytes(trained: TrainedRisk, metrics: dict[str, object]) -> bytes:
    """Give the model as bytes: a readable JSON header, then the pickled fitted objects."""
    head = json.dumps(
        {"sklearn_version": sklearn.__version__, "features": list(FEATURES), "metrics": metrics},
        sort_keys=True, default=str,
    ).encode("utf-8")  # fmt: skip
    body = io.BytesIO()
    joblib.dump(trained, body, compress=3, protocol=pickle.HIGHEST_PROTOCOL)
    return _MAGIC + len(head).to_bytes(4, "big") + head + body.getvalue()


def model_from_bytes(data: bytes) -> TrainedRisk | None:
    """Give the model stored by ``model_to_bytes``; None when it is of another version.

    Pickle runs code when loading: load only models this installation trained.
    """
    if not data.startswith(_MAGIC):
        return None
    start = len(_MAGIC)
    length = int.from_bytes(data[start : start + 4], "big")
    header = json.loads(data[start + 4 : start + 4 + length])
    if header.get("sklearn_version") != sklearn.__version__ or header.get("features") != list(
        FEATURES
    ):
        return None
    loaded = joblib.load(io.BytesIO(data[start + 4 + length :]))
    return loaded if isinstance(loaded, TrainedRisk) else None
