"""The classifier's sentence embedding in Django: stored vectors made once, then reused."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ratusha.appeals.tasks import process_appeal
from ratusha.triage import embeddings
from ratusha.triage.models import AppealEmbedding, Target, TriageResult
from ratusha.triage.training import active_model, do_train_model, train_config

pytestmark = pytest.mark.django_db


def test_training_embeds_the_history_once_and_the_model_uses_the_vectors(
    town: Any, history: list[Any], fake_e5: list[str]
) -> None:
    assert train_config(len(history)).use_embedding
    body = town.bodies["A"]
    model = do_train_model(body, Target.DEPARTMENT, cross_validation=False)
    assert model is not None
    stored = AppealEmbedding.objects.filter(appeal__body=body).count()
    assert stored == len(history) == len(fake_e5)
    classifier, _ = active_model(body.pk, Target.DEPARTMENT)
    assert classifier.config.use_embedding and classifier.config.embedding_weight == 2.0
    # A second training finds every vector stored and embeds nothing.
    assert do_train_model(body, Target.DEPARTMENT, cross_validation=False) is not None
    assert len(fake_e5) == len(history)


def test_the_triage_task_embeds_a_new_appeal_once_for_the_classifier_and_duplicates(
    town: Any,
    history: list[Any],
    fake_e5: list[str],
    register: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    do_train_model(town.bodies["A"], Target.DEPARTMENT, cross_validation=False)
    before = len(fake_e5)
    appeal = register("Вялікая яма на дарозе па вуліцы Лесной, разбіты асфальт.")
    with django_capture_on_commit_callbacks(execute=True):
        process_appeal.call(appeal.pk)
    result = TriageResult.objects.get(appeal=appeal)
    assert result.department_model_version is not None and result.departments
    assert AppealEmbedding.objects.filter(appeal=appeal).exists()
    assert len(fake_e5) == before + 1


def test_the_category_model_reads_the_latent_terms_stored_with_each_vector(
    town: Any,
    history: list[Any],
    fake_e5: list[str],
    register: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    body = town.bodies["A"]
    do_train_model(body, Target.CATEGORY, cross_validation=False)
    do_train_model(body, Target.DEPARTMENT, cross_validation=False)
    category, _ = active_model(body.pk, Target.CATEGORY)
    department, _ = active_model(body.pk, Target.DEPARTMENT)
    assert category.space.use_concepts and not department.space.use_concepts
    assert not AppealEmbedding.objects.filter(concepts__isnull=True).exists()
    # A new appeal: its terms are made once with its vector, stored, and read from there.
    made: list[str] = []
    real = embeddings.embed_concepts
    monkeypatch.setattr(embeddings, "embed_concepts", lambda t: made.extend(t) or real(t))
    appeal = register("Вялікая яма на дарозе па вуліцы Лесной, разбіты асфальт.")
    with django_capture_on_commit_callbacks(execute=True):
        process_appeal.call(appeal.pk)
    assert made == [appeal.text]
    row = AppealEmbedding.objects.get(appeal=appeal)
    index, weights = embeddings.concepts_from_bytes(row.concepts)
    assert len(index) == len(weights) > 0 and weights.dtype == np.float32
    assert TriageResult.objects.get(appeal=appeal).category_model_version is not None


def test_without_embeddings_the_models_are_trained_on_text_features_only(
    town: Any, history: list[Any], settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = False
    assert do_train_model(town.bodies["A"], Target.CATEGORY, cross_validation=False) is not None
    classifier, _ = active_model(town.bodies["A"].pk, Target.CATEGORY)
    assert not classifier.config.use_embedding
    assert not AppealEmbedding.objects.exists()


def test_the_embed_command_stores_the_history_first_with_its_progress(
    town: Any, history: list[Any], fake_e5: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("triage", "embed", "--body", "A", "--history", stdout=out)
    lines = out.getvalue().splitlines()
    total = len(history)
    assert lines[0].startswith(f"A: {total} of {total} appeals checked, {total} embedded in ")
    assert lines[-1] == f"A: {total} of the {total} history appeals embedded"
    assert len(fake_e5) == total
    # Training then finds every vector stored: nothing embedded, nothing logged.
    with caplog.at_level("INFO", logger="ratusha.triage.training"):
        assert do_train_model(town.bodies["A"], Target.CATEGORY, cross_validation=False)
    assert len(fake_e5) == total
    assert "history vectors" not in caplog.text


def test_training_logs_how_far_the_history_embedding_is(
    town: Any, history: list[Any], fake_e5: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="ratusha.triage.training"):
        do_train_model(town.bodies["A"], Target.DEPARTMENT, cross_validation=False)
    total = len(history)
    assert f"training A department, history vectors: {total} of {total} appeals checked" in (
        caplog.text
    )


@pytest.mark.parametrize(
    ("figures", "line"),
    [
        (
            (500, 2000, 500, 30.0),
            "500 of 2000 appeals checked, 500 embedded in 30 s; about 1 min 30 s left",
        ),
        ((1500, 2000, 10, 3.0), "1500 of 2000 appeals checked, 10 embedded in 3 s; about 1 s left"),
        ((2000, 2000, 7, 12.4), "2000 of 2000 appeals checked, 7 embedded in 12 s"),
        ((500, 2000, 0, 0.2), "500 of 2000 appeals checked, 0 embedded in 0 s"),
    ],
)
def test_progress_line_gives_the_time_left_at_the_pace_so_far(
    figures: tuple[int, int, int, float], line: str
) -> None:
    assert embeddings.progress_line(*figures) == line
