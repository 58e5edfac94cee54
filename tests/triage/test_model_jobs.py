"""The models page's background work: history vectors counted, jobs queued once, polling."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pytest
import time_machine
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ratusha.triage import embeddings
from ratusha.triage.model_status import (
    EMBED_TASK,
    MEMO_SECONDS,
    RETRAIN_TASK,
    history_vectors,
)
from ratusha.triage.models import AppealEmbedding, Target, TriageModel
from ratusha.triage.tasks import embed_history, retrain_model

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_vector_checks() -> None:
    """Each test counts from scratch: ids of rolled-back rows come back in the next test."""
    from ratusha.triage.model_status import forget_vector_checks

    forget_vector_checks()


@pytest.fixture
def db_tasks(settings: Any) -> None:
    """Queue tasks in the database, as the installation does, instead of running them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def vectors_on(settings: Any) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = True


def vector(
    appeal: Any,
    model: str = embeddings.MODEL_NAME,
    text: str | None = None,
    concepts: bool = True,
) -> None:
    """Store a vector row for the appeal: of this model, made from this text."""
    terms = (np.array([1, 2]), np.array([0.5, 0.5]))
    AppealEmbedding.objects.create(
        appeal=appeal,
        model=model,
        digest=embeddings.digest_of(appeal.text if text is None else text),
        vector=embeddings.to_bytes(np.ones(384) / np.sqrt(384)),
        concepts=embeddings.concepts_to_bytes(terms) if concepts else None,
        created_at=timezone.now(),
    )


def url(town: Any, name: str, *args: Any) -> str:
    return reverse(name, args=[town.bodies["A"].pk, *args])


def test_only_current_vectors_of_the_trained_history_are_counted(
    town: Any, history: list[Any], register: Any, vectors_on: None, client: Any
) -> None:
    for appeal in history[:10]:
        vector(appeal)
    for appeal in history[10:13]:
        vector(appeal, model="multilingual-e5-small-q4:query:200")  # another embedder
    for appeal in history[13:15]:
        vector(appeal, text="The text before it was edited.")
    vector(register("Без катэгорыі і аддзела: навучанне яго не чытае."))
    counts = {c.target: (c.with_vector, c.appeals) for c in history_vectors(town.bodies["A"])}
    assert counts == {Target.CATEGORY: (10, 72), Target.DEPARTMENT: (10, 72)}
    client.force_login(town.users["admin"])
    page = client.get(url(town, "triage:models")).text
    assert page.count("10 of 72 appeals have a sentence vector.") == 2
    assert 'aria-live="polite"' in page and "Embed the history now" in page


def test_the_vector_count_reads_no_vector_bytes(town: Any, history: list[Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for appeal in history[:5]:
        vector(appeal)
    with CaptureQueriesContext(connection) as queries:
        counts = history_vectors(town.bodies["A"])
    assert [c.with_vector for c in counts] == [5, 5]
    assert len(queries) <= 6
    assert not any('"vector"' in q["sql"] for q in queries)


def test_embedding_and_retraining_are_queued_once_however_often_clicked(
    town: Any, db_tasks: None, vectors_on: None, client: Any
) -> None:
    client.force_login(town.users["admin"])
    first = client.post(url(town, "triage:models-embed"), follow=True)
    assert "will be embedded in the background" in first.text
    again = client.post(url(town, "triage:models-embed"), follow=True)
    assert "being embedded already" in again.text
    retrain = url(town, "triage:models-retrain", "category")
    assert "The category model will be retrained" in client.post(retrain, follow=True).text
    assert "is queued already" in client.post(retrain, follow=True).text
    client.post(url(town, "triage:models-retrain", "department"))
    body = town.bodies["A"].pk
    queued = sorted((row.task_path, row.args_kwargs["args"]) for row in DBTaskResult.objects.all())
    assert queued == [
        (EMBED_TASK, [body]),
        (RETRAIN_TASK, [body, "category"]),
        (RETRAIN_TASK, [body, "department"]),
    ]
    assert all(row.status == "READY" for row in DBTaskResult.objects.all())
    # Body B's job is another job; a finished one or one that lost its worker blocks nothing.
    client.force_login(town.users["sysadmin"])
    client.post(reverse("triage:models-embed", args=[town.bodies["B"].pk]))
    DBTaskResult.objects.filter(task_path=EMBED_TASK, args_kwargs__args__0=body).update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=7)
    )
    DBTaskResult.objects.filter(args_kwargs__args__1="category").update(
        status="SUCCESSFUL", finished_at=timezone.now()
    )
    client.post(url(town, "triage:models-embed"))
    client.post(url(town, "triage:models-retrain", "category"))
    assert DBTaskResult.objects.filter(task_path=EMBED_TASK).count() == 3
    assert DBTaskResult.objects.filter(task_path=RETRAIN_TASK).count() == 3


def test_nothing_is_queued_by_a_get_an_unknown_target_or_with_vectors_off(
    town: Any, db_tasks: None, client: Any
) -> None:
    client.force_login(town.users["admin"])
    assert client.get(url(town, "triage:models-embed")).status_code == 405
    assert client.post(url(town, "triage:models-retrain", "urgency")).status_code == 404
    refused = client.post(url(town, "triage:models-embed"), follow=True)
    assert "Sentence vectors are switched off" in refused.text
    assert not DBTaskResult.objects.exists()


def test_the_vectors_part_polls_while_a_job_waits_and_stops_when_done(
    town: Any, history: list[Any], db_tasks: None, vectors_on: None, client: Any
) -> None:
    client.force_login(town.users["admin"])
    part = url(town, "triage:models-vectors")
    idle = client.get(part, headers={"HX-Request": "true"}).text
    assert "hx-trigger" not in idle and "0 of 72 appeals have a sentence vector." in idle
    client.post(url(town, "triage:models-retrain", "department"))
    waiting = client.get(part, headers={"HX-Request": "true"}).text
    assert 'hx-trigger="every 10s"' in waiting and f'hx-get="{part}"' in waiting
    assert "Retraining the department model: waiting for a worker" in waiting
    page = client.get(url(town, "triage:models")).text  # the same without JavaScript
    assert 'hx-trigger="every 10s"' in page and "waiting for a worker" in page
    job = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=job.pk).update(status="RUNNING", started_at=timezone.now())
    assert "Retraining the department model: running since" in client.get(part).text
    DBTaskResult.objects.filter(pk=job.pk).update(
        status="SUCCESSFUL", finished_at=timezone.now(), return_value=4
    )
    made = TriageModel.objects.create(
        body=town.bodies["A"],
        target="department",
        version=4,
        classifier=b"",
        trained_at=timezone.now(),
        is_active=True,
    )
    done = client.get(part).text
    assert "hx-trigger" not in done and "version 4 was trained and made active" in done
    assert "Reload the page to see new versions" in done
    TriageModel.objects.filter(pk=made.pk).update(is_active=False)  # a pin kept another
    assert "version 4 was trained and stored, but is not active" in client.get(part).text
    DBTaskResult.objects.filter(pk=job.pk).update(status="FAILED")
    assert "failed at" in client.get(part).text


def test_the_embedding_task_stores_the_vectors_the_training_reads(
    town: Any, history: list[Any], fake_e5: list[str]
) -> None:
    vector(history[0])
    vector(history[1], concepts=False)  # stored before latent terms were kept
    assert embed_history.call(town.bodies["A"].pk) == len(history) - 1
    assert len(fake_e5) == len(history) - 2  # the second kept its vector, got its terms
    counts = history_vectors(town.bodies["A"])
    assert [(c.with_vector, c.appeals) for c in counts] == [(72, 72), (72, 72)]
    assert embed_history.call(town.bodies["A"].pk) == 0  # nothing left to embed
    assert not AppealEmbedding.objects.filter(concepts__isnull=True).exists()


def test_the_retraining_task_trains_and_activates_a_version(
    town: Any, history: list[Any], settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = False
    body = town.bodies["A"]
    assert retrain_model.call(body.pk, "department") == 1
    assert TriageModel.objects.get(body=body, target="department").is_active
    assert retrain_model.call(town.bodies["B"].pk, "category") is None  # no history


def test_the_count_is_remembered_and_follows_new_vectors_and_edits(
    town: Any, history: list[Any], vectors_on: None, client: Any, monkeypatch: Any
) -> None:
    from ratusha.appeals.models import Appeal
    from ratusha.triage import model_status

    hashed: list[str] = []

    def counted(text: str) -> str:
        hashed.append(text)
        return embeddings.digest_of(text)

    monkeypatch.setattr(model_status, "digest_of", counted)
    body = town.bodies["A"]
    for appeal in history[:10]:
        vector(appeal)

    def have() -> list[int]:
        return [c.with_vector for c in history_vectors(body)]

    assert have() == [10, 10] and len(hashed) == 10
    client.force_login(town.users["admin"])
    for name in ("triage:models", "triage:models-vectors", "triage:models-vectors"):
        assert "10 of 72 appeals have a sentence vector." in client.get(url(town, name)).text
    assert len(hashed) == 10  # the repeated views hashed nothing again
    # A new vector counts at once, hashing only its own text.
    vector(history[10])
    assert have() == [11, 11] and len(hashed) == 11
    # A vector of another text (the appeal embedded again after an edit) is checked again.
    AppealEmbedding.objects.filter(appeal=history[0]).update(digest="0" * 16)
    assert have() == [10, 10] and len(hashed) == 12
    # An edit through the actions bumps the appeal's version: counted at once.
    Appeal.objects.filter(pk=history[1].pk).update(text="Новы тэкст.", version=F("version") + 1)
    assert have() == [9, 9] and len(hashed) == 13
    # An edit behind the actions' back (admin site, SQL) shows once the memo expires.
    Appeal.objects.filter(pk=history[2].pk).update(text="Іншы тэкст.")
    assert have() == [9, 9]
    with time_machine.travel(timezone.now() + timedelta(seconds=MEMO_SECONDS + 1)):
        assert have() == [8, 8]
    assert len(hashed) == 13 + 11  # the text of every vector row once more
