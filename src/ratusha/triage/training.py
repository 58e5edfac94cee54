"""Training, storing, activating and retraining the per-body triage models."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.triage.embeddings import (
    Progress,
    StoredVectors,
    do_embed_appeals,
    embeddings_enabled,
    progress_line,
    stored_vectors,
)
from ratusha.triage.models import Target, TriageLabel, TriageModel

# The model code (scikit-learn, SciPy) loads when a model is trained or applied, so the
# web processes that never do either stay small.
from ratusha_core.triage.classify.types import ClassifierConfig, LabelledText

MAX_HISTORY = 10_000
# Below this many appeals a cross-validation costs little and gives macro-F1 too.
CROSS_VALIDATE_UP_TO = 1500
MIN_EXAMPLES = 10
RETRAIN_CORRECTIONS = 20
RETRAIN_AGE = timedelta(days=7)

_loaded: dict[tuple[int, int, str], Any] = {}
log = logging.getLogger(__name__)


def labelled_history(body: Body, target: str, limit: int = MAX_HISTORY) -> list[LabelledText]:
    """Give the body's recent appeals with their category or department as label.

    An officer's latest label (accept or correction) wins over what the appeal holds.
    """
    return [example for _, example in _history(body, target, limit)]


def _sources(body: Body, target: str) -> tuple[str, QuerySet[Appeal], QuerySet[TriageLabel]]:
    """Give what a training of the target reads: the appeal field holding the label, the
    body's appeals with one (newest first; the caller takes the latest), and the
    officers' labels."""
    field = "category_id" if target == Target.CATEGORY else "department_id"
    labelled = Appeal.objects.filter(body=body, **{f"{field}__isnull": False})
    labels = TriageLabel.objects.filter(body=body, target=target)
    return field, labelled.order_by("-registered_at", "-pk"), labels


def _history(body: Body, target: str, limit: int) -> list[tuple[int, LabelledText]]:
    """Give the labelled appeals, each with its topic: the appeal's category as it stands.

    Only a model that reads topics (the department model, ``topic_of``) uses it.
    """
    field, labelled, corrected = _sources(body, target)
    rows = list(
        labelled.values_list("pk", "text", field, "category_id", "category__parent_id")[:limit]
    )
    texts = {pk: text for pk, text, _, _, _ in rows}
    labels = {pk: str(value) for pk, _, value, _, _ in rows}
    topics = {pk: topic_of(category, parent) for pk, _, _, category, parent in rows}
    corrections = corrected.order_by("at", "pk").values_list(
        "appeal_id", "chosen", "appeal__text", "appeal__category_id", "appeal__category__parent_id"
    )
    for appeal_id, chosen, text, category, parent in corrections:
        labels[appeal_id] = chosen
        texts.setdefault(appeal_id, text)
        topics.setdefault(appeal_id, topic_of(category, parent))
    return [(pk, LabelledText(texts[pk], labels[pk], topics[pk])) for pk in sorted(labels)]


def topic_of(category_id: int | None, parent_id: int | None = None) -> str | None:
    """Give an appeal's category as the topic a model reads, or None.

    A sub-category is a path from its parent (``"12/34"``), so the model also learns what
    the parent says, which helps a sub-category with few appeals (``topic_levels``).
    """
    if category_id is None:
        return None
    return f"{parent_id}/{category_id}" if parent_id is not None else str(category_id)


def reads_topic(target: str) -> bool:
    """Tell whether the target's model reads the topic the citizen chose.

    The department model does: the category a citizen picks says much that the text
    leaves out (which service, which district office). The category model does not: its
    suggestion is there to check that very choice. ``RATUSHA_TRIAGE_TOPIC = False``
    switches it off.
    """
    return target == Target.DEPARTMENT and getattr(settings, "RATUSHA_TRIAGE_TOPIC", True)


def reads_concepts(target: str) -> bool:
    """Tell whether the target's model reads the sentence model's latent terms.

    The category model does: on the Ryazan appeals they gave +0.9 point of top-1 and 2-4
    points more appeals routed, on two seeds. For the department model they changed
    nothing beyond the noise (``benchmarks/triage_classifier.md``, round 9).
    """
    return target == Target.CATEGORY


def train_config(examples: int) -> ClassifierConfig:
    """Give the training settings: the core's for this size of history.

    The sentence embedding is used when the installation makes the vectors anyway
    (``RATUSHA_TRIAGE_EMBEDDINGS``, for duplicates).
    """
    return ClassifierConfig.for_history(examples, use_embedding=embeddings_enabled())


def history_ids(body: Body, target: str, limit: int = MAX_HISTORY) -> list[int]:
    """Give the ids of the appeals the next training of this target reads, in id order.

    The same appeals as ``_history`` (the latest labelled ones and every corrected one),
    read without their texts: the models page asks for them on every view.
    """
    _field, labelled, corrected = _sources(body, target)
    latest = labelled.values_list("pk", flat=True)[:limit]
    return sorted({*latest, *corrected.values_list("appeal_id", flat=True)})


def logged_progress(what: str) -> Progress:
    """Log an embedding run's progress in the worker's log, as "WHAT: how far it is"."""

    def tell(checked: int, total: int, embedded: int, seconds: float) -> None:
        if embedded:
            log.info("%s: %s", what, progress_line(checked, total, embedded, seconds))

    return tell


def do_train_model(
    body: Body,
    target: str,
    *,
    config: ClassifierConfig | None = None,
    random_state: int = 0,
    activate: bool = True,
    cross_validation: bool = True,
    limit: int = MAX_HISTORY,
) -> TriageModel | None:
    """Train a new version on the body's labelled history, store it, and activate it.

    Every training path (the scheduled retraining, "Retrain now", ``ratusha triage train``)
    comes here, so this is where a pin is obeyed: while an administrator keeps a version
    of this target pinned, the new version is stored with its metrics but left inactive
    (``model.is_active`` tells which happened). Gives None when the history is too small
    (fewer than MIN_EXAMPLES appeals or one label).
    """
    history = _history(body, target, limit)
    examples = [example for _, example in history]
    if len(examples) < MIN_EXAMPLES or len({e.label for e in examples}) < 2:
        return None
    # The body's routing policy sets the precision the auto-route threshold must reach.
    chosen = config or train_config(len(examples))
    config = replace(
        chosen,
        target_precision=body.auto_route_precision,
        use_topic=reads_topic(target),
        use_concepts=chosen.use_concepts and reads_concepts(target),
    )
    from ratusha_core.triage.classify import classifier_to_bytes, train
    from ratusha_core.triage.evaluation import cross_validate

    embedder = None
    if config.use_embedding:
        # Normally every appeal was embedded by its triage task; the first training after
        # switching embeddings on (or an upgrade) embeds and stores the rest once.
        pks = [pk for pk, _ in history]
        do_embed_appeals(
            pks, progress=logged_progress(f"training {body.code} {target}, history vectors")
        )
        embedder = stored_vectors(pks)
    classifier = train(examples, config, random_state=random_state, embedder=embedder)
    inner = classifier.metrics
    metrics: dict[str, Any] = {
        "accuracy": inner.get("inner_accuracy"),
        "top3_accuracy": inner.get("inner_top3_accuracy"),
        "coverage": inner.get("inner_coverage"),
        "routed_precision": inner.get("inner_routed_precision"),
        "threshold": classifier.threshold,
        "target_precision": config.target_precision,
        # What each precision a body may ask would route, for the models page.
        "routing": [
            [c.target_precision, c.threshold, c.coverage, c.precision] for c in classifier.routing
        ],
        "examples": len(examples),
        "labels": len(classifier.labels),
        "train_seconds": inner.get("train_seconds"),
        "macro_f1": None,
        # A model that reads the topic predicts an appeal without one by its text-only
        # twin: its own accuracy and share routed, for the models page.
        "without_topic_accuracy": inner.get("text_only_inner_accuracy"),
        "without_topic_coverage": inner.get("text_only_inner_coverage"),
    }
    if cross_validation and len(examples) <= CROSS_VALIDATE_UP_TO:
        folds = max(2, min(3, min(_label_counts(examples).values())))
        scores = cross_validate(
            examples, config, folds, random_state, embedder=embedder, latency_sample=0
        )
        metrics.update(
            accuracy=scores.accuracy,
            macro_f1=scores.macro_f1,
            top3_accuracy=scores.top3_accuracy,
            coverage=scores.coverage_at_target,
            folds=folds,
        )
        if scores.without_topic is not None:
            metrics["without_topic_accuracy"] = scores.without_topic[0]
    now = timezone.now()
    metrics["trained_at"] = now.isoformat()
    corrections = TriageLabel.objects.filter(body=body, target=target).count()
    with transaction.atomic():
        # The target's versions, locked, so that a pin set meanwhile is seen (or waits).
        rows = TriageModel.objects.filter(body=body, target=target)
        locked = list(rows.select_for_update().values_list("pk", "pinned_at"))
        pinned = next((pk for pk, at in locked if at is not None), None)
        last = rows.aggregate(v=Max("version"))
        model = TriageModel.objects.create(
            body=body,
            target=target,
            version=(last["v"] or 0) + 1,
            classifier=classifier_to_bytes(classifier),
            metrics=metrics,
            trained_at=now,
            labels_used=corrections,
        )
        if activate and pinned is None:
            do_activate_model(model)
        do_archive_old_versions(body, target)
    return model


def do_archive_old_versions(body: Body, target: str, keep: int | None = None) -> int:
    """Delete the trained models of versions beyond the newest ``keep``; give how many.

    Their rows and figures stay (the models page and the ledger still name them), but they
    can no longer be made active. The active and the pinned version are never archived.
    ``keep`` defaults to ``RATUSHA_TRIAGE_KEEP_VERSIONS``; 0 keeps every model.
    """
    keep = settings.RATUSHA_TRIAGE_KEEP_VERSIONS if keep is None else keep
    if keep <= 0:
        return 0
    newest = TriageModel.objects.filter(body=body, target=target).order_by("-version")
    cut = list(newest.values_list("version", flat=True)[keep : keep + 1])
    if not cut:
        return 0
    old = TriageModel.objects.filter(
        body=body,
        target=target,
        version__lte=cut[0],
        is_active=False,
        pinned_at__isnull=True,
        archived_at__isnull=True,
    )
    return old.update(classifier=b"", archived_at=timezone.now())


def _label_counts(examples: list[LabelledText]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for example in examples:
        counts[example.label] = counts.get(example.label, 0) + 1
    return counts


def do_activate_model(model: TriageModel) -> None:
    """Make this version the one that triages the body's appeals (a rollback, if older)."""
    with transaction.atomic():
        TriageModel.objects.filter(body_id=model.body_id, target=model.target).exclude(
            pk=model.pk
        ).update(is_active=False)
        TriageModel.objects.filter(pk=model.pk).update(is_active=True)
        model.is_active = True


def pinned_model(body_id: int, target: str) -> TriageModel | None:
    """Give the body's pinned version of the target (without its bytes), or None."""
    return (
        TriageModel.objects.filter(body_id=body_id, target=target, pinned_at__isnull=False)
        .defer("classifier")
        .select_related("pinned_by")
        .first()
    )


def do_pin_model(model: TriageModel, by: Any) -> None:
    """Pin this (active) version, lifting any other pin of its target; trust the caller."""
    now = timezone.now()
    with transaction.atomic():
        TriageModel.objects.filter(body_id=model.body_id, target=model.target).exclude(
            pk=model.pk
        ).update(pinned_at=None, pinned_by=None)
        TriageModel.objects.filter(pk=model.pk).update(pinned_at=now, pinned_by=by)
    model.pinned_at, model.pinned_by = now, by


def do_unpin_model(model: TriageModel) -> None:
    """Lift the pin of the target this version belongs to: training activates again."""
    TriageModel.objects.filter(body_id=model.body_id, target=model.target).update(
        pinned_at=None, pinned_by=None
    )
    model.pinned_at, model.pinned_by = None, None


def active_model(body_id: int, target: str) -> tuple[Any, int] | None:
    """Give the active classifier of a body for the target and its version, loaded once.

    It routes at the threshold for the body's precision now (``at_precision``): a new
    policy applies at once, without training again (models stored before the threshold
    table was kept still route at their trained threshold).
    """
    row = (
        TriageModel.objects.filter(body_id=body_id, target=target, is_active=True)
        .values_list("pk", "version", "trained_at", "body__auto_route_precision")
        .first()
    )
    if row is None:
        return None
    pk, version, trained_at, precision = row
    # Stored rows never change; the training time also tells apart a reused id.
    key = (pk, version, trained_at.isoformat())
    if key not in _loaded:
        data = TriageModel.objects.values_list("classifier", flat=True).get(pk=pk)
        if len(_loaded) > 32:  # a few bodies per process
            _loaded.clear()
        from ratusha_core.triage.classify import classifier_from_bytes

        # A model with embeddings reuses stored vectors (see ``StoredVectors``).
        _loaded[key] = classifier_from_bytes(bytes(data), embedder=StoredVectors())
    return _loaded[key].at_precision(precision), version


def do_train_missing_models(bodies: Any, limit: int = 2000) -> list[TriageModel]:
    """Train a first model for each body and target that has none (the demo's quick start).

    Only the latest ``limit`` appeals are used, without the sentence embedding (which
    would embed each of them, ~0.1 s apiece) or cross-validation, so that seeding stays
    quick; the scheduled retraining later learns from the whole history with embeddings.
    """
    made = []
    for body in bodies:
        for target in (Target.CATEGORY, Target.DEPARTMENT):
            if TriageModel.objects.filter(body=body, target=target).exists():
                continue
            model = do_train_model(
                body,
                target,
                config=ClassifierConfig(use_embedding=False, c_grid=(1.0,)),
                cross_validation=False,
                limit=limit,
            )
            if model is not None:
                made.append(model)
    return made


def due_for_retraining(body: Body, target: str, now: datetime | None = None) -> bool:
    """Tell whether a body needs a new model: enough corrections since, or too old.

    Measured from the newest stored version, active or not: while a pin keeps an older
    version active, the versions trained meanwhile still count, so a pinned body is
    retrained weekly (or after corrections) like any other, not every day.
    """
    moment = now or timezone.now()
    current = TriageModel.objects.filter(body=body, target=target).order_by("-version").first()
    if current is None:
        return Appeal.objects.filter(body=body).exists()
    since = TriageLabel.objects.filter(
        body=body, target=target, accepted=False, at__gt=current.trained_at
    ).count()
    return since >= RETRAIN_CORRECTIONS or moment - current.trained_at >= RETRAIN_AGE
