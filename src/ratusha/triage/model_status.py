"""What the models page reads: a body's model versions, history vectors and background jobs.

Every function takes a body the caller already got through ``bodies.access`` with
``Action.CHANGE`` (the body's administrators): none of them checks rights again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ratusha.analytics.templatetags.analytics_format import percent
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.triage.embeddings import MODEL_NAME, digest_of
from ratusha.triage.models import AppealEmbedding, Target, TriageModel
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
    """Give a stored metric as the analytics pages write a share; a dash if not a number."""
    return percent(value if isinstance(value, int | float) else None)


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
    without_topic: str = ""  # the accuracy on appeals without a topic, if the model reads one
    precision: int | None = None  # the precision the threshold was chosen for, in percent
    pinned_at: datetime | None = None
    pinned_by: str = ""  # the name of who pinned it, if the account still exists
    archived: bool = False  # its trained model was deleted to save space


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
        without_topic=(
            _percent(metrics["without_topic_accuracy"])
            if metrics.get("without_topic_accuracy") is not None
            else ""
        ),
        precision=_whole_percent(metrics.get("target_precision")),
        pinned_at=model.pinned_at,
        pinned_by=_name(model.pinned_by) if model.pinned_at else "",
        archived=model.archived_at is not None,
    )


def _whole_percent(value: Any) -> int | None:
    return round(100 * value) if isinstance(value, int | float) else None


def _name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.full_name or user.email)


@dataclass(frozen=True)
class Versions:
    """A target's newest versions (and the active one, however old), and how many exist.

    ``waiting`` is the newest version when a pin keeps an older one active instead.
    """

    target: str
    rows: list[Version]
    total: int
    pinned: Version | None = None
    waiting: Version | None = None


def versions_of(body: Body, target: str, shown: int = VERSIONS_SHOWN) -> Versions:
    """Give the target's newest ``shown`` versions, newest first, plus the active one."""
    stored = (
        TriageModel.objects.filter(body=body, target=target)
        .defer("classifier")
        .select_related("pinned_by")
    )
    newest = list(stored.order_by("-version")[:shown])
    if not any(m.is_active for m in newest):
        newest += list(stored.filter(is_active=True))
    rows = [version_row(m) for m in newest]
    pinned = next((v for v in rows if v.pinned_at and v.is_active), None)
    waiting = rows[0] if pinned and rows[0].version > pinned.version else None
    return Versions(target=target, rows=rows, total=stored.count(), pinned=pinned, waiting=waiting)


def version_of(body: Body, pk: int) -> TriageModel | None:
    """Give one of the body's model versions, without its bytes, or None."""
    return TriageModel.objects.filter(body=body, pk=pk).defer("classifier").first()


@dataclass(frozen=True)
class HistoryVectors:
    """How many appeals the next training of a target reads, and how many have a vector."""

    target: str
    appeals: int
    with_vector: int


# What this process remembers of the vectors it checked: appeal id -> (the stored
# vector's digest and the appeal's version when checked, whether that digest is the
# digest of the text). Hashing 10,000 texts costs about half a second and the page polls
# every 10 s, so a check is reused while neither the vector's digest nor the appeal's
# version changed: a new vector (or one of a new text) is checked at once. An edit of the
# text that bypasses the actions (the admin site, SQL) leaves the version alone, so
# everything is checked again after MEMO_SECONDS.
MEMO_SECONDS = 300
MEMO_LIMIT = 200_000  # appeal ids: some 30 MB at most
_memo: dict[int, tuple[tuple[str, int], bool]] = {}
_memo_since = [0.0]


def forget_vector_checks() -> None:
    """Forget every remembered check: the next count hashes the texts again."""
    _memo.clear()
    _memo_since[0] = time.time()


def current_vector_ids(body: Body, appeal_ids: list[int]) -> set[int]:
    """Give the body's appeals among these whose stored vector is of the current model and text.

    Reads digests, never the vectors; like ``embeddings.stored_vectors``, a vector of
    another embedder or of an edited text does not count, nor one stored without its
    latent terms (training makes them). Texts are read and hashed only
    for the appeals whose vector digest or version changed since this process last
    checked them (at most MEMO_SECONDS ago).
    """
    if time.time() - _memo_since[0] > MEMO_SECONDS or len(_memo) > MEMO_LIMIT:
        forget_vector_checks()
    wanted = set(appeal_ids)
    # All the body's current-model vectors in one query: cheaper than id lists of 10,000.
    rows = AppealEmbedding.objects.filter(
        appeal__body=body, model=MODEL_NAME, concepts__isnull=False
    ).values_list("appeal_id", "digest", "appeal__version")
    current: set[int] = set()
    unknown: dict[int, tuple[str, int]] = {}
    for pk, digest, version in rows.iterator(chunk_size=5000):
        if pk not in wanted:
            continue
        known = _memo.get(pk)
        if known is None or known[0] != (digest, version):
            unknown[pk] = (digest, version)
        elif known[1]:
            current.add(pk)
    ids = sorted(unknown)
    for start in range(0, len(ids), 500):
        texts = Appeal.objects.filter(pk__in=ids[start : start + 500]).values_list("pk", "text")
        for pk, text in texts:
            matches = unknown[pk][0] == digest_of(text)
            _memo[pk] = (unknown[pk], matches)
            if matches:
                current.add(pk)
    return current


def history_vectors(body: Body) -> list[HistoryVectors]:
    """Give, per target, the appeals the next training reads and how many have a vector."""
    histories = {target: history_ids(body, target) for target in Target.values}
    current = current_vector_ids(body, [pk for ids in histories.values() for pk in ids])
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
    active: bool = False  # whether that version is the active one now (not, behind a pin)


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
    if not isinstance(value, int) or kind == "embed":
        return Job(kind, "done", latest.finished_at)
    body_id, target = args
    active = TriageModel.objects.filter(
        body_id=body_id, target=target, version=value, is_active=True
    ).exists()
    return Job(kind, "done", latest.finished_at, value, active)


def jobs_of(body: Body) -> list[Job]:
    """Give the latest history-embedding and retraining jobs of the body that exist."""
    found = [_job("embed", EMBED_TASK, [body.pk])]
    found += [_job(target, RETRAIN_TASK, [body.pk, target]) for target in Target.values]
    return [job for job in found if job is not None]


def is_busy(found: list[Job]) -> bool:
    """Tell whether any of these jobs still waits or runs (the page keeps polling)."""
    return any(job.state in ("waiting", "running") for job in found)
