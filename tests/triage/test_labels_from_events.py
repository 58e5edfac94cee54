"""Assignments made without the suggestion buttons are stored as labels too."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.actions import check_transition
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.triage.models import TriageLabel, TriageResult

pytestmark = pytest.mark.django_db


def _suggested(appeal: Appeal) -> int:
    return int(TriageResult.objects.get(appeal=appeal).departments[0][0])


def _other_than(town: Any, department_id: int) -> int:
    return next(d.pk for d in town.departments.values() if d.pk != department_id)


def test_the_queue_s_plain_assign_is_an_accept_or_an_override(
    town: Any, queue: list[Appeal], client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(town.users["clerk"])
    body = town.bodies["A"]
    first, second, _third = queue
    chosen = {first: _other_than(town, _suggested(first)), second: _suggested(second)}
    for appeal, department in chosen.items():
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("appeals:triage-assign", args=[body.pk, appeal.pk]),
                {"assignee": str(department), "expected_version": appeal.version},
            )
        assert Appeal.objects.get(pk=appeal.pk).department_id == department
    override = TriageLabel.objects.get(appeal=first)
    assert not override.accepted and override.by == town.users["clerk"]
    assert (override.suggested, override.chosen) == (
        str(_suggested(first)),
        str(chosen[first]),
    )
    assert TriageLabel.objects.get(appeal=second).accepted


def test_the_suggestion_buttons_store_one_label_only(
    town: Any, queue: list[Appeal], client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(town.users["clerk"])
    appeal = queue[0]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("triage:accept", args=[appeal.pk]), {"expected_version": appeal.version}
        )
    assert TriageLabel.objects.filter(appeal=appeal).count() == 1


def test_reassigning_an_automatically_routed_appeal_is_an_override(
    town: Any,
    history: Any,
    register: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from ratusha.triage.models import Target
    from ratusha.triage.training import do_train_model
    from ratusha_core.triage.classify import ClassifierConfig

    do_train_model(
        town.bodies["A"],
        Target.DEPARTMENT,
        config=ClassifierConfig(c_grid=(1.0,), use_embedding=False),
    )
    appeal = register("Вялікая яма на дарозе па вуліцы Лесной, разбіты асфальт.")
    with django_capture_on_commit_callbacks(execute=True):
        process_appeal.call(appeal.pk)
    routed = Appeal.objects.get(pk=appeal.pk)
    assert routed.department_id == TriageResult.objects.get(appeal=appeal).routed_department_id
    assert not TriageLabel.objects.filter(appeal=appeal).exists()  # the system routed it
    elsewhere = _other_than(town, routed.department_id)
    with django_capture_on_commit_callbacks(execute=True):
        check_transition(
            appeal.pk,
            "reassign",
            town.users["admin"],
            {"department": str(elsewhere), "reason": "Не наш участак"},
        )
    label = TriageLabel.objects.get(appeal=appeal)
    assert (label.suggested, label.chosen, label.accepted) == (
        str(routed.department_id),
        str(elsewhere),
        False,
    )
    assert label.by == town.users["admin"]
    # A later reassignment changes nothing: the first word stands.
    with django_capture_on_commit_callbacks(execute=True):
        check_transition(
            appeal.pk,
            "reassign",
            town.users["admin"],
            {"department": str(routed.department_id), "reason": "Усё ж наш"},
        )
    assert TriageLabel.objects.filter(appeal=appeal).count() == 1
