"""Deadline risk stored per open appeal: trained, scored, annotated for the inbox, digested."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.core import mail
from django.db.models import F

from ratusha.appeals.models import Appeal
from ratusha.predictions.actions import do_refresh_risk, do_send_risk_digests, do_train_risk_model
from ratusha.predictions.models import DeadlineRisk, RiskDigest, RiskModel
from ratusha.predictions.queries import annotate_risk, risk_for

from .conftest import NOW, appeal


def _history(world: Any) -> dict[str, int]:
    """Store a year of answered appeals: the officer is often late, the A2 officer never."""
    rng = random.Random(2)
    body = world.bodies["A"]
    late_one, punctual = world.users["officer"], world.users["officer_a2"]
    rows = []
    for i in range(360):
        at = NOW - timedelta(days=380 - i)
        slow = rng.random() < 0.5
        late = slow and rng.random() < 0.7
        rows.append(
            appeal(
                body,
                at,
                world.categories["A1" if slow else "A2"],
                executor=late_one if slow else punctual,
                answered_after=rng.randint(16, 25) if late else rng.randint(2, 14),
            )
        )
    risky = appeal(body, NOW - timedelta(days=4), world.categories["A1"], state="in_progress",
                   executor=late_one, answered_after=None)  # fmt: skip
    safe = appeal(body, NOW - timedelta(days=4), world.categories["A2"], state="in_progress",
                  executor=punctual, answered_after=None)  # fmt: skip
    late = appeal(body, NOW - timedelta(days=30), world.categories["A2"], state="in_progress",
                  executor=punctual, answered_after=None)  # fmt: skip
    Appeal.objects.bulk_create([*rows, risky, safe, late])
    return {"risky": risky.pk, "safe": safe.pk, "late": late.pk}


def test_the_model_is_trained_tested_and_scores_open_appeals(world: Any) -> None:
    ids = _history(world)
    body = world.bodies["A"]
    model = do_train_risk_model(body, NOW)
    assert model is not None and model.version == 1 and model.is_active
    assert model.metrics["auc"] > 0.6
    assert model.metrics["brier"] <= model.metrics["brier_base_rate"] + 0.02
    assert do_refresh_risk(body, NOW) == 3
    risk = risk_for(ids.values())
    assert risk[ids["late"]] == 1.0
    assert risk[ids["risky"]] > risk[ids["safe"]]
    assert DeadlineRisk.objects.get(pk=ids["late"]).band == "overdue"
    ordered = annotate_risk(Appeal.objects.filter(state="in_progress")).order_by(
        F("deadline_risk").desc(nulls_last=True)
    )
    assert [a.pk for a in ordered] == [ids["late"], ids["risky"], ids["safe"]]
    assert ordered[0].deadline_risk == 1.0
    # A second training makes version 2 the active one.
    assert do_train_risk_model(body, NOW, test=False).version == 2
    assert RiskModel.objects.filter(is_active=True).count() == 1


def test_settled_appeals_lose_their_risk(world: Any) -> None:
    ids = _history(world)
    body = world.bodies["A"]
    do_refresh_risk(body, NOW)  # no model yet: the category's late share stands in
    assert set(risk_for(ids.values())) == set(ids.values())
    Appeal.objects.filter(pk=ids["safe"]).update(state="answered", answered_at=NOW)
    do_refresh_risk(body, NOW)
    assert ids["safe"] not in risk_for(ids.values())


def test_the_digest_goes_to_the_head_once_a_day(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    ids = _history(world)
    body = world.bodies["A"]
    DeadlineRisk.objects.create(
        appeal_id=ids["risky"], probability=0.8, band="high", reasons=[], computed_at=NOW
    )
    DeadlineRisk.objects.create(
        appeal_id=ids["safe"], probability=0.05, band="low", reasons=[], computed_at=NOW
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert len(do_send_risk_digests(body, NOW)) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["head@example.org"]
    number = Appeal.objects.get(pk=ids["risky"]).number
    assert number in mail.outbox[0].body and "80%" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_risk_digests(body, NOW + timedelta(hours=3)) == []
    assert len(mail.outbox) == 1
    assert RiskDigest.objects.get().appeal_ids == [ids["risky"]]
