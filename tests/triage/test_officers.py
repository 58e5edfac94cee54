"""Officers' accept and correct, the accuracy report, model versions, retraining, commands."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.triage.actions import do_triage_appeal
from ratusha.triage.models import Target, TriageLabel, TriageModel, TriageResult
from ratusha.triage.tasks import retrain_models
from ratusha.triage.training import active_model, do_activate_model, do_train_model
from ratusha_core.triage.classify import ClassifierConfig

pytestmark = pytest.mark.django_db

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)
AMBIGUOUS = "Добры дзень. Прашу разабрацца з маёй сітуацыяй як мага хутчэй."


@pytest.fixture
def waiting(town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """An appeal in the triage queue with the trained model's suggestions."""
    do_train_model(town.bodies["A"], Target.DEPARTMENT, config=FAST)
    appeal = register(AMBIGUOUS)
    with django_capture_on_commit_callbacks(execute=True):
        process_appeal.call(appeal.pk)
    appeal.refresh_from_db()
    assert appeal.state == State.TRIAGE
    return appeal


def test_accept_assigns_to_the_suggestion_and_stores_a_label(
    town: Any, waiting: Any, client: Any
) -> None:
    suggested = TriageResult.objects.get(appeal=waiting).departments[0][0]
    client.force_login(town.users["clerk"])
    response = client.post(
        reverse("triage:accept", args=[waiting.pk]), {"expected_version": waiting.version}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == State.ASSIGNED and waiting.department_id == suggested
    label = TriageLabel.objects.get(appeal=waiting)
    assert label.accepted and label.by == town.users["clerk"]
    assert label.chosen == label.suggested == str(suggested)


def test_correct_assigns_to_the_chosen_department_and_stores_an_override(
    town: Any, waiting: Any, client: Any
) -> None:
    suggested = TriageResult.objects.get(appeal=waiting).departments[0][0]
    other = next(d for d in ("A1", "A2", "A3") if town.departments[d].pk != suggested)
    client.force_login(town.users["clerk"])
    client.post(
        reverse("triage:correct", args=[waiting.pk]),
        {"expected_version": waiting.version, "department": town.departments[other].pk},
    )
    waiting.refresh_from_db()
    assert waiting.department == town.departments[other]
    label = TriageLabel.objects.get(appeal=waiting)
    assert not label.accepted and label.chosen == str(town.departments[other].pk)


def test_a_stale_version_is_refused_and_stores_no_label(
    town: Any, waiting: Any, client: Any
) -> None:
    client.force_login(town.users["clerk"])
    client.post(
        reverse("triage:accept", args=[waiting.pk]), {"expected_version": waiting.version - 1}
    )
    waiting.refresh_from_db()
    assert waiting.state == State.TRIAGE
    assert not TriageLabel.objects.exists()


def test_an_officer_of_another_body_cannot_accept(town: Any, waiting: Any, client: Any) -> None:
    client.force_login(town.users["officer_b"])
    response = client.post(
        reverse("triage:accept", args=[waiting.pk]), {"expected_version": waiting.version}
    )
    assert response.status_code == 404
    assert not TriageLabel.objects.exists()


def test_appeal_page_loads_the_suggestions_panel(town: Any, waiting: Any, client: Any) -> None:
    client.force_login(town.users["clerk"])
    page = client.get(reverse("appeals:appeal", args=[waiting.pk]))
    panel_url = reverse("triage:suggestions", args=[waiting.pk])
    assert panel_url in page.text
    panel = client.get(panel_url, HTTP_HX_REQUEST="true")
    assert "AI suggestions" in panel.text and "Dept A" in panel.text
    assert reverse("triage:correct", args=[waiting.pk]) in panel.text
    full = client.get(panel_url)
    assert "<main" in full.text and "AI suggestions" in full.text


def test_rollback_activates_an_earlier_version(town: Any, history: Any) -> None:
    body = town.bodies["A"]
    first = do_train_model(body, Target.DEPARTMENT, config=FAST)
    second = do_train_model(body, Target.DEPARTMENT, config=FAST)
    assert first is not None and second is not None
    assert (first.version, second.version) == (1, 2)
    assert active_model(body.pk, Target.DEPARTMENT)[1] == 2
    assert TriageModel.objects.filter(body=body, is_active=True).count() == 1
    do_activate_model(first)
    assert active_model(body.pk, Target.DEPARTMENT)[1] == 1
    assert set(TriageModel.objects.filter(is_active=True).values_list("version", flat=True)) == {1}
    metrics = TriageModel.objects.get(pk=first.pk).metrics
    for key in ("accuracy", "macro_f1", "top3_accuracy", "coverage", "threshold", "examples"):
        assert key in metrics
    assert metrics["examples"] == 72 and metrics["accuracy"] > 0.8


def test_admin_action_rolls_back(town: Any, history: Any, client: Any) -> None:
    body = town.bodies["A"]
    first = do_train_model(body, Target.DEPARTMENT, config=FAST)
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    client.force_login(town.users["sysadmin"])
    town.users["sysadmin"].is_staff = town.users["sysadmin"].is_superuser = True
    town.users["sysadmin"].save()
    client.post(
        reverse("admin:triage_triagemodel_changelist"),
        {"action": "activate", "_selected_action": [first.pk]},
    )
    assert TriageModel.objects.get(is_active=True).pk == first.pk


def test_an_override_changes_the_next_model(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    text = "Просим убрать сухостой и обрезать ветки деревьев во дворе"
    probe = register(text)
    before = do_triage_appeal(probe).departments[0][0]
    target = next(d for d in ("A1", "A2", "A3") if town.departments[d].pk != before)
    # Officers correct a few appeals on this new subject to another department.
    for n in range(6):
        appeal = register(f"{text} дома {n + 1}, ветки лежат на проводах.")
        TriageLabel.objects.create(
            appeal=appeal,
            body=body,
            target=Target.DEPARTMENT,
            suggested=str(before),
            chosen=str(town.departments[target].pk),
            accepted=False,
            by=town.users["clerk"],
            at=timezone.now(),
        )
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    after = do_triage_appeal(probe).departments[0][0]
    assert after == town.departments[target].pk != before


def test_retraining_runs_when_corrections_pass_the_threshold_or_the_model_ages(
    town: Any, history: Any, register: Any
) -> None:
    body = town.bodies["A"]
    for target in (Target.CATEGORY, Target.DEPARTMENT):
        do_train_model(body, target, config=FAST)
    assert retrain_models.call() == []
    TriageModel.objects.filter(target=Target.CATEGORY).update(
        trained_at=timezone.now() - timedelta(days=8)
    )
    assert retrain_models.call() == ["A:category"]
    appeal = register("Глыбокая яма на дарозе.")
    TriageLabel.objects.bulk_create(
        TriageLabel(
            appeal=appeal,
            body=body,
            target=Target.DEPARTMENT,
            chosen=str(town.departments["A2"].pk),
            accepted=False,
            at=timezone.now() + timedelta(seconds=1),
        )
        for _ in range(20)
    )
    assert retrain_models.call() == ["A:department"]
    assert TriageModel.objects.get(target=Target.DEPARTMENT, is_active=True).version == 2


def test_accuracy_report_counts_overrides_per_month_and_category(
    town: Any, register: Any, client: Any
) -> None:
    body = town.bodies["A"]
    a1, a2 = town.departments["A1"].pk, town.departments["A2"].pk
    for n, (category, accepted) in enumerate(
        [("A1", True), ("A1", False), ("A2", True), ("A2", True)]
    ):
        appeal = register(f"Зварот нумар {n} пра праблему", category=town.categories[category])
        TriageLabel.objects.create(
            appeal=appeal,
            body=body,
            target=Target.DEPARTMENT,
            suggested=str(a1),
            chosen=str(a1 if accepted else a2),
            accepted=accepted,
            by=town.users["clerk"],
            at=timezone.now(),
        )
    # A head sees the report only when some of the body's appeals are the department's.
    Appeal.objects.filter(body=body).update(department=town.departments["A1"])
    url = reverse("triage:accuracy", args=[body.pk])
    client.force_login(town.users["auditor"])
    page = client.get(url)
    assert page.status_code == 200
    assert "overrode 1 (25%)" in page.text
    assert timezone.now().strftime("%Y-%m") in page.text
    assert "50%" in page.text  # category A1: one of two overridden
    for name in ("clerk", "admin", "head"):
        client.force_login(town.users[name])
        assert client.get(url).status_code == 200, name
    for name in ("officer", "officer_b"):
        client.force_login(town.users[name])
        assert client.get(url).status_code in (403, 404), name


def test_train_command_stores_a_version(town: Any, history: Any) -> None:
    out = io.StringIO()
    call_command("triage", "train", "--body", "A", "--target", "category", stdout=out)
    assert "A category: version 1 active, 72 appeals, 3 labels" in out.getvalue()
    assert TriageModel.objects.get(target="category").is_active


def test_evaluate_command_prints_the_report(tmp_path: Any) -> None:
    rows = ["text,category"]
    words = {
        "roads": "pothole asphalt road",
        "light": "streetlight lamp dark",
        "bins": "rubbish bin",
    }
    for label, topic in words.items():
        for n in range(12):
            rows.append(f'"A {topic} problem near house {n} on street {n % 4}",{label}')
    data = tmp_path / "tiny.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "triage",
        "evaluate",
        "--data",
        str(data),
        "--label-column",
        "category",
        "--folds",
        "3",
        stdout=out,
    )
    text = out.getvalue()
    assert "appeals: 36" in text and "labels: 3" in text and "3-fold" in text
    assert "accuracy" in text and "macro-F1" in text and "top-3" in text
    assert "100.0%" in text


def test_unrouted_appeals_keep_their_place(town: Any, waiting: Any) -> None:
    assert Appeal.objects.get(pk=waiting.pk).state == State.TRIAGE


def test_accepting_with_no_suggestion_says_so(town: Any, register: Any, client: Any) -> None:
    """No triage result yet: a message in the page, not a server error."""
    appeal = register(AMBIGUOUS)
    client.force_login(town.users["clerk"])
    response = client.post(
        reverse("triage:accept", args=[appeal.pk]),
        {"expected_version": appeal.version},
        follow=True,
    )
    assert response.status_code == 200
    assert "There is no suggestion to accept." in response.content.decode()
    assert not TriageLabel.objects.exists()
