"""The body's routing policy: automatic routing can be switched off, and its precision set."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.bodies.models import Body
from ratusha.ledger.models import PendingEntry
from ratusha.triage.models import Target, TriageModel, TriageResult
from ratusha.triage.training import do_train_model
from ratusha_core.triage.classify import (
    ClassifierConfig,
    classifier_from_bytes,
    classifier_to_bytes,
)
from ratusha_core.triage.classify.routing import PRECISION_STEPS, ThresholdChoice

pytestmark = pytest.mark.django_db

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)
CLEAR = "Вялікая яма на дарозе па вуліцы Лесной, разбіты асфальт."


def _processed(appeal: Appeal, capture: Any) -> Appeal:
    with capture(execute=True):
        process_appeal.call(appeal.pk)
    return Appeal.objects.get(pk=appeal.pk)


def test_with_automatic_routing_off_a_sure_suggestion_waits_for_the_clerk(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    routed = _processed(register(CLEAR), django_capture_on_commit_callbacks)
    assert routed.state == State.ASSIGNED  # the same text routes itself while the policy allows
    Body.objects.filter(pk=body.pk).update(auto_route=False)
    waiting = _processed(
        register(CLEAR, applicant_email="second@example.org"), django_capture_on_commit_callbacks
    )
    result = TriageResult.objects.get(appeal=waiting)
    assert result.decision == "suggest" and result.routed_department_id is None
    assert waiting.state == State.TRIAGE and waiting.department is None
    assert result.departments[0][0] == town.departments["A1"].pk  # still suggested
    assert PendingEntry.objects.filter(event_type="triage.routed").count() == 1


def test_the_precision_must_stay_between_one_half_and_0_99(town: Any) -> None:
    body = town.bodies["A"]
    body.auto_route_precision = 1.0
    with pytest.raises(ValidationError) as refused:
        body.full_clean()
    assert "auto_route_precision" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.filter(pk=body.pk).update(auto_route_precision=0.3)


def test_training_chooses_the_threshold_for_the_body_s_precision(town: Any, history: Any) -> None:
    body = town.bodies["A"]
    chosen = {}
    for precision in (0.6, 0.99):
        Body.objects.filter(pk=body.pk).update(auto_route_precision=precision)
        body.refresh_from_db()
        model = do_train_model(body, Target.DEPARTMENT, config=FAST)
        assert model is not None and model.metrics["target_precision"] == precision
        chosen[precision] = model.metrics["threshold"]
    assert chosen[0.6] is not None
    # A stricter precision never lowers the bar: a higher threshold, or none reachable.
    # (The synthetic history is easy: its confidences are ~1, so both may be equal.)
    assert chosen[0.99] is None or chosen[0.99] >= chosen[0.6]


def test_a_new_precision_applies_at_once_without_training_again(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    model = do_train_model(body, Target.DEPARTMENT, config=FAST)
    assert model is not None
    kept = {row[0]: row[1] for row in model.metrics["routing"]}  # precision -> threshold
    assert sorted(kept) == list(PRECISION_STEPS) and kept[0.9] == model.metrics["threshold"]
    # Give the stored model a table where 0.99 is out of reach, as on a harder history.
    classifier = classifier_from_bytes(bytes(model.classifier))

    def harder(routing: Any) -> tuple[ThresholdChoice, ...]:
        return tuple(
            ThresholdChoice(None, c.target_precision, 0.0, 0.0, 0, c.total)
            if c.target_precision == 0.99
            else c
            for c in routing
        )

    # Both the model and its text-only twin (which predicts appeals without a topic).
    twin = replace(classifier.text_only, routing=harder(classifier.text_only.routing))
    harder_model = replace(classifier, routing=harder(classifier.routing), text_only=twin)
    model.classifier = classifier_to_bytes(harder_model)
    model.save(update_fields=["classifier"])

    routed = _processed(register(CLEAR), django_capture_on_commit_callbacks)
    assert routed.state == State.ASSIGNED
    Body.objects.filter(pk=body.pk).update(auto_route_precision=0.99)
    waiting = _processed(
        register(CLEAR, applicant_email="second@example.org"), django_capture_on_commit_callbacks
    )
    result = TriageResult.objects.get(appeal=waiting)
    assert result.decision == "suggest" and result.threshold is None
    assert waiting.state == State.TRIAGE
    assert TriageModel.objects.filter(body=body).count() == 1  # no training in between
