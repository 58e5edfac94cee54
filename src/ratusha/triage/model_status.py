"""What the models page reads: a body's model versions, history vectors and background jobs.

Every function takes a body the caller already got through ``bodies.access`` with
``Action.CHANGE`` (the body's administrators): none of them checks rights again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import formats, timezone
from django_tasks_db.models import DBTaskResult

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.triage.embeddings import MODEL_NAME, digest_of
from ratusha.triage.models import Target, TriageModel
from ratusha.triage.training import history_ids

VERSIONS_SHOWN = 20
# A job still "running" this long after it started lost its worker (a crash or a restart
# leaves the row behind); it no longer blocks a new one. Embedding 10,000 appeals takes
# about 17-40 minutes on one core, training a few more.
STALE_AFTER = timedelta(hours=6)
EMBED_TASK = "ratusha.triage.tasks.embed_history"
RETRAIN_TASK = "ratusha.triage.tasks.retrain_model"
PENDING = ("READY", "RUNNING")
DASH = "—"


def _percent(value: Any) -> str:
    if not isinstance(value, int | float):
        return DASH
    # number_format cuts digits off; round first.
    return f"{formats.number_format(round(100 * value, 1), 1)}%"


@dataclass(frozen=True)
class Version:
    """One stored model version as the page shows it, its metrics formatted."""

    pk: int
    version: int
    is_active: bool
    trained_at: datetime
    examples: Any
    labels_used: int
    accuracy: str
    top3_accuracy: str
    macro_f1: str
    coverage: str
    routed_precision: str
    threshold: str
    folds: Any


def version_row(model: TriageModel) -> Version:
    """Give a version's figures formatted for reading, a dash where a metric is missing."""
    metrics = model.metrics if isinstance(model.metrics, dict) else {}
    examples = metrics.get("examples")
    return Version(
        pk=model.pk,
        version=model.version,
        is_active=model.is_active,
        trained_at=model.trained_at,
        examples=examples if isinstance(examples, int) else DASH,
        labels_used=model.labels_used,
        accuracy=_percent(metrics.get("accuracy")),
        top3_accuracy=_percent(metrics.get("top3_accuracy")),
        macro_f1=_percent(metrics.get("macro_f1")),
        coverage=_percent(metrics.get("coverage")),
        routed_precision=_percent(metrics.get("routed_precision")),
        threshold=_percent(metrics.get("threshold")),
        folds=metrics.get("folds"),
    )


@dataclass(frozen=True)
class Versions:
    """A target's newest versions (and the active one, however old), and how many exist."""

    target: str
    rows: list[Version]
    total: int


def versions_of(body: Body, target: str, shown: int = VERSIONS_SHOWN) -> Versions:
    """Give the target's newest ``shown`` versions, newest first, plus the active one."""
    stored = TriageModel.objects.filter(body=body, target=target).defer("classifier")
    newest = list(stored.order_by("-version")[:shown])
    if not any(m.is_active for m in newest):
        newest += list(stored.filter(is_active=True))
    return Versions(
        target=target,
        rows=[version_row(m) for m in newest],
        total=stored.count(),
    )


def version_of(body: Body, pk: int) -> TriageModel | None:
    """Give one of the body's model versions, without its bytes, or None."""
    return TriageModel.objects.filter(body=body, pk=pk).defer("classifier").first()


@dataclass(frozen=True)
class HistoryVectors:
    """How many appeals the next training of a target reads, and how many have a vector."""

    target: str
    appeals: int
    with_vector: int


def current_vector_ids(appeal_ids: list[int]) -> set[int]:
    """Give the appeals among these whose stored vector is of the current model and text.

    Reads texts and digests, never the vectors; like ``embeddings.vectors_by_text``, a
    vector of another embedder or of an edited text does not count.
    """
    ids = sorted(set(appeal_ids))
    current: set[int] = set()
    for start in range(0, len(ids), 500):
        rows = Appeal.objects.filter(
            pk__in=ids[start : start + 500], embedding__model=MODEL_NAME
        ).values_list("pk", "text", "embedding__digest")
        current.update(pk for pk, text, digest in rows if digest == digest_of(text))
    return current


def history_vectors(body: Body) -> list[HistoryVectors]:
    """Give, per target, the appeals the next training reads and how many have a vector."""
    histories = {target: history_ids(body, target) for target in Target.values}
    current = current_vector_ids([pk for ids in histories.values() for pk in ids])
    return [
        HistoryVectors(
            target=target,
            appeals=len(ids),
            with_vector=sum(1 for pk in ids if pk in current),
        )
        for target, ids in histories.items()
    ]


def pending_job(task_path: str, args: list[Any]) -> DBTaskResult[Any, Any] | None:
    """Give the waiting or running job of this task with these arguments, if there is one."""
    return next((job for job in jobs(task_path, args) if is_pending(job)), None)


def jobs(task_path: str, args: list[Any], limit: int = 5) -> list[DBTaskResult[Any, Any]]:
    """Give the latest jobs of this task with these arguments, newest first."""
    found = DBTaskResult.objects.filter(task_path=task_path, args_kwargs__args__0=args[0])
    for n, value in enumerate(args[1:], start=1):
        found = found.filter(**{f"args_kwargs__args__{n}": value})
    rows = found.defer("traceback", "return_value").order_by("-enqueued_at")[: limit * 4]
    # The JSON lookups narrow the rows; the arguments are compared exactly here.
    return [job for job in rows if job.args_kwargs.get("args") == list(args)][:limit]


def is_pending(job: DBTaskResult[Any, Any]) -> bool:
    """Tell whether a job waits for a worker or runs (and has not lost its worker)."""
    if job.status == "READY":
        return True
    return (
        job.status == "RUNNING"
        and job.started_at is not None
        and timezone.now() - job.started_at < STALE_AFTER
    )


@dataclass(frozen=True)
class Job:
    """The latest background job of one kind for the body, as the page tells it."""

    kind: str  # "embed" or a target
    state: str  # "waiting", "running", "done", "failed", "stale"
    at: datetime | None
    version: int | None = None  # the version a finished retraining made


def _job(kind: str, task_path: str, args: list[Any]) -> Job | None:
    latest = next(iter(jobs(task_path, args, limit=1)), None)
    if latest is None:
        return None
    if latest.status == "READY":
        return Job(kind, "waiting", latest.enqueued_at)
    if latest.status == "RUNNING":
        return Job(kind, "running" if is_pending(latest) else "stale", latest.started_at)
    if latest.status == "FAILED":
        return Job(kind, "failed", latest.finished_at)
    made = DBTaskResult.objects.filter(pk=latest.pk).values_list("return_value", flat=True)
    value = made.first()
    return Job(kind, "done", latest.finished_at, value if isinstance(value, int) else None)


def jobs_of(body: Body) -> list[Job]:
    """Give the latest history-embedding and retraining jobs of the body that exist."""
    found = [_job("embed", EMBED_TASK, [body.pk])]
    found += [_job(target, RETRAIN_TASK, [body.pk, target]) for target in Target.values]
    return [job for job in found if job is not None]


def is_busy(found: list[Job]) -> bool:
    """Tell whether any of these jobs still waits or runs (the page keeps polling)."""
    return any(job.state in ("waiting", "running") for job in found)
