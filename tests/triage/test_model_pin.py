"""Pinning a model version: every training path stores new versions without activating them."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals.actions import TransitionNotAllowed
from ratusha.ledger.models import PendingEntry
from ratusha.triage.actions import retrain_due_bodies
from ratusha.triage.actions_models import (
    MODEL_PINNED,
    MODEL_UNPINNED,
    check_pin_model,
    check_unpin_model,
)
from ratusha.triage.models import Target, TriageModel
from ratusha.triage.tasks import retrain_model
from ratusha.triage.training import (
    _history,
    do_train_model,
    due_for_retraining,
    history_ids,
    pinned_model,
)
from ratusha_core.triage.classify import ClassifierConfig

pytestmark = pytest.mark.django_db

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)


@pytest.fixture(autouse=True)
def _words_only(settings: Any) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = False


def versions(body: Any, target: str = Target.DEPARTMENT) -> list[tuple[int, bool, bool]]:
    """Give (version, active, pinned) of the body's versions of the target, oldest first."""
    rows = TriageModel.objects.filter(body=body, target=target).order_by("version")
    return [(m.version, m.is_active, m.pinned_at is not None) for m in rows]


def entries(event: str) -> list[dict[str, Any]]:
    return [json.loads(e.leaf_input) for e in PendingEntry.objects.filter(event_type=event)]


def test_without_a_pin_a_new_version_becomes_active(town: Any, history: Any) -> None:
    body = town.bodies["A"]
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    newer = do_train_model(body, Target.DEPARTMENT, config=FAST)
    assert newer is not None and newer.is_active
    assert versions(body) == [(1, False, False), (2, True, False)]


def test_a_pin_keeps_every_training_path_from_activating(
    town: Any, history: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    first = do_train_model(body, Target.DEPARTMENT, config=FAST)
    assert first is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert check_pin_model(town.users["admin"], first) is True
    # The training itself (as after officers' corrections), "Retrain now", the CLI...
    stored = do_train_model(body, Target.DEPARTMENT, config=FAST)
    assert stored is not None and not stored.is_active
    assert stored.metrics["examples"] == 72 and "accuracy" in stored.metrics
    assert retrain_model.call(body.pk, Target.DEPARTMENT) == 3
    out = io.StringIO()
    call_command("triage", "train", "--body", "A", "--target", "department", stdout=out)
    assert "version 4 stored but not active because version 1 is pinned" in out.getvalue()
    # ... and the scheduled retraining, once the newest version is old enough.
    TriageModel.objects.filter(body=body).update(trained_at=timezone.now() - timedelta(days=8))
    assert "A:department" in retrain_due_bodies()
    assert versions(body) == [(1, True, True)] + [(n, False, False) for n in range(2, 6)]
    assert pinned_model(body.pk, Target.DEPARTMENT).pk == first.pk
    # The category model of the same body is not pinned: its training activates.
    category = do_train_model(body, Target.CATEGORY, config=FAST)
    assert category is not None and category.is_active
    # Once the pin is lifted, the next training activates again.
    with django_capture_on_commit_callbacks(execute=True):
        assert check_unpin_model(town.users["admin"], first) is True
    assert do_train_model(body, Target.DEPARTMENT, config=FAST).is_active


def test_a_pinned_body_is_not_retrained_every_day(town: Any, history: Any) -> None:
    """Due-ness counts from the newest stored version, which a pin leaves inactive."""
    body = town.bodies["A"]
    first = do_train_model(body, Target.DEPARTMENT, config=FAST)
    check_pin_model(town.users["admin"], first)
    TriageModel.objects.filter(pk=first.pk).update(trained_at=timezone.now() - timedelta(days=30))
    assert due_for_retraining(body, Target.DEPARTMENT)
    do_train_model(body, Target.DEPARTMENT, config=FAST)  # stored behind the pin
    assert not due_for_retraining(body, Target.DEPARTMENT)
    assert not due_for_retraining(body, Target.DEPARTMENT, timezone.now() + timedelta(days=1))
    assert due_for_retraining(body, Target.DEPARTMENT, timezone.now() + timedelta(days=7))


@pytest.mark.parametrize("name", ["admin", "district_admin", "sysadmin"])
def test_administrators_of_the_body_or_above_may_pin(
    town: Any, history: Any, name: str, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    model = do_train_model(body, Target.DEPARTMENT, config=FAST)
    with django_capture_on_commit_callbacks(execute=True):
        assert check_pin_model(town.users[name], model) is True
        assert check_pin_model(town.users[name], model) is False  # pinned already
    model.refresh_from_db()
    assert model.pinned_by == town.users[name] and model.pinned_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert check_unpin_model(town.users[name], model) is True
        assert check_unpin_model(town.users[name], model) is False
    assert versions(body) == [(1, True, False)]
    assert [(e["model_target"], e["model_version"]) for e in entries(MODEL_PINNED)] == [
        ("department", 1)
    ]
    leaf = entries(MODEL_UNPINNED)
    assert [(e["type"], e["body"], e["model_version"]) for e in leaf] == [(MODEL_UNPINNED, "A", 1)]
    assert name not in json.dumps(leaf) and "@" not in json.dumps(entries(MODEL_PINNED))


@pytest.mark.parametrize("name", ["clerk", "auditor", "head", "officer", "officer_b"])
def test_anyone_else_may_neither_pin_nor_unpin(
    town: Any, history: Any, name: str, client: Any
) -> None:
    body = town.bodies["A"]
    model = do_train_model(body, Target.DEPARTMENT, config=FAST)
    with pytest.raises(PermissionDenied):
        check_pin_model(town.users[name], model)
    client.force_login(town.users[name])
    assert client.post(reverse("triage:model-pin", args=[body.pk, model.pk])).status_code == 404
    check_pin_model(town.users["admin"], model)
    with pytest.raises(PermissionDenied):
        check_unpin_model(town.users[name], model)
    assert client.post(reverse("triage:model-unpin", args=[body.pk, model.pk])).status_code == 404
    assert versions(body) == [(1, True, True)]
    assert not PendingEntry.objects.filter(event_type=MODEL_UNPINNED).exists()


def test_only_the_active_version_can_be_pinned(town: Any, history: Any, client: Any) -> None:
    body = town.bodies["A"]
    first = do_train_model(body, Target.DEPARTMENT, config=FAST)
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    with pytest.raises(TransitionNotAllowed) as refused:
        check_pin_model(town.users["admin"], first)
    assert refused.value.code == "not_active"
    client.force_login(town.users["admin"])
    page = client.post(reverse("triage:model-pin", args=[body.pk, first.pk]), follow=True)
    assert "Only the active version can be pinned. Make version 1 active first." in page.text
    assert versions(body) == [(1, False, False), (2, True, False)]
    assert not PendingEntry.objects.filter(event_type=MODEL_PINNED).exists()


def test_one_pin_per_body_and_target(town: Any, history: Any) -> None:
    body = town.bodies["A"]
    first = do_train_model(body, Target.DEPARTMENT, config=FAST)
    second = do_train_model(body, Target.DEPARTMENT, config=FAST)
    # A pin left on an inactive version (say, by hand in the database) is lifted.
    TriageModel.objects.filter(pk=first.pk).update(pinned_at=timezone.now())
    check_pin_model(town.users["admin"], second)
    assert versions(body) == [(1, False, False), (2, True, True)]
    # The database itself refuses a second pin of the same target.
    with pytest.raises(IntegrityError), transaction.atomic():
        TriageModel.objects.filter(pk=first.pk).update(pinned_at=timezone.now())


def test_the_history_ids_are_the_trained_appeals(town: Any, history: Any, register: Any) -> None:
    from ratusha.triage.models import TriageLabel

    body = town.bodies["A"]
    unlabelled = register("Просім адрамантаваць лаўкі ў скверы каля школы.")
    TriageLabel.objects.create(
        appeal=unlabelled,
        body=body,
        target=Target.DEPARTMENT,
        chosen=str(town.departments["A2"].pk),
        accepted=False,
        at=timezone.now(),
    )
    for target in Target.values:
        for limit in (10, 10_000):
            assert history_ids(body, target, limit) == [
                pk for pk, _ in _history(body, target, limit)
            ]
    assert unlabelled.pk in history_ids(body, Target.DEPARTMENT)
    assert unlabelled.pk not in history_ids(body, Target.CATEGORY)


def test_the_admin_list_shows_the_pin(town: Any, history: Any, admin_site: Any) -> None:
    body = town.bodies["A"]
    model = do_train_model(body, Target.DEPARTMENT, config=FAST)
    check_pin_model(town.users["admin"], model)
    client = admin_site
    listing = client.get(reverse("admin:triage_triagemodel_changelist")).text
    assert "column-pinned_at" in listing and "column-pinned_by" in listing
    assert "Admin" in listing  # who pinned
    change = client.get(reverse("admin:triage_triagemodel_change", args=[model.pk])).text
    assert 'name="pinned_by"' not in change and 'name="pinned_at"' not in change  # read-only
