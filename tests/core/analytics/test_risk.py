"""Deadline risk: a planted signal is learned (AUC well above 0.5), calibrated, stored, scored."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from ratusha_core.analytics.risk import (
    model_from_bytes,
    model_to_bytes,
    score_open,
    time_split_test,
    train_risk,
)
from ratusha_core.analytics.risk_features import History, RiskCase, features_on, snapshot_days

START = date(2025, 1, 1)


def planted_cases(n: int = 1500, seed: int = 4) -> list[RiskCase]:
    """Give appeals where executor E3, department D2 and long texts are often late."""
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        registered = START + timedelta(days=i * 500 // n)
        executor = f"E{rng.randrange(6)}"
        department = "D2" if executor in ("E2", "E3") else "D1"
        length = rng.choice((300, 600, 3000))
        logit = -2.6 + 2.2 * (executor == "E3") + 1.2 * (length == 3000)
        missed = rng.random() < 1 / (1 + math.exp(-logit))
        due = registered + timedelta(days=15)
        settled = (
            due + timedelta(days=rng.randint(1, 8))
            if missed
            else due - timedelta(days=rng.randint(0, 10))
        )
        cases.append(
            RiskCase(
                appeal_id=i,
                registered=registered,
                due=due,
                settled=settled,
                missed=missed,
                department=department,
                category=f"C{rng.randrange(4)}",
                executor=executor,
                assigned=registered + timedelta(days=1),
                drafted=settled - timedelta(days=1),
                text_length=length,
                questions=rng.randrange(3),
            )
        )
    return cases


def test_a_planted_signal_is_learned_on_a_time_split() -> None:
    result = time_split_test(planted_cases(2500))
    assert result.auc > 0.75
    assert result.brier < result.brier_base_rate
    assert result.test_rows > 500 and result.train_rows > 1500
    assert sum(rows for _, _, rows in result.bins) == result.test_rows
    # Reliability: the riskiest tenth is late far more often than the safest one, and
    # the mean chance is near the share late (the test year is a little later than it learned).
    assert result.bins[-1][1] > result.bins[0][1] + 0.5
    rows = sum(n for _, _, n in result.bins)
    mean_predicted = sum(p * n for p, _, n in result.bins) / rows
    assert abs(mean_predicted - result.base_rate) < 0.1


def test_noise_gives_an_auc_near_one_half() -> None:
    rng = random.Random(1)
    cases = [
        RiskCase(
            c.appeal_id, c.registered, c.due, c.settled, rng.random() < 0.2, c.department,
            c.category, c.executor, c.assigned, None, 500, 0,
        )
        for c in planted_cases(900)
    ]  # fmt: skip
    assert abs(time_split_test(cases).auc - 0.5) < 0.12


def test_features_use_only_the_past() -> None:
    cases = planted_cases(300)
    history = History(cases)
    case = cases[200]
    on = snapshot_days(case)[0]
    later = [c for c in cases if c.registered > on]
    # Changing every later outcome does not change the features as of that day.
    flipped = [
        c if c not in later else RiskCase(**{**c.__dict__, "missed": not c.missed}) for c in cases
    ]
    assert features_on(case, on, history) == features_on(case, on, History(flipped))


def test_snapshots_stop_at_the_answer_or_the_due_date() -> None:
    case = planted_cases(1)[0]
    days = snapshot_days(case)
    assert days and all(
        case.registered <= d < min(case.settled or case.due, case.due) for d in days
    )


def test_scoring_open_appeals_and_the_stored_model() -> None:
    cases = planted_cases()
    trained = train_risk(cases)
    assert trained is not None
    again = model_from_bytes(model_to_bytes(trained, {"auc": 0.8}))
    assert again is not None
    today = START + timedelta(days=505)
    open_cases = [
        RiskCase(9001, today - timedelta(days=3), today + timedelta(days=12), None, None, "D2",
                 "C1", "E3", today - timedelta(days=2), None, 3000, 2),
        RiskCase(9002, today - timedelta(days=3), today + timedelta(days=12), None, None, "D1",
                 "C1", "E0", today - timedelta(days=2), None, 300, 0),
        RiskCase(9003, today - timedelta(days=20), today - timedelta(days=5), None, None, "D1",
                 "C1", "E0", None, None, 300, 0),
    ]  # fmt: skip
    scores = {s.appeal_id: s for s in score_open(again, open_cases, cases + open_cases, today)}
    assert scores[9003].band == "overdue" and scores[9003].probability == 1.0
    assert scores[9001].probability > 2 * scores[9002].probability
    assert "executor_often_late" in scores[9001].reasons
    assert model_from_bytes(b"something else") is None


def test_too_little_history_gives_no_model() -> None:
    assert train_risk(planted_cases(5)) is None
