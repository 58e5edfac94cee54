"""Writes of the models page: roll back to a version, pin it, queue embedding or retraining.

``check_*`` functions refuse anyone who may not change the body (its administrators,
administrators of a higher body, system administrators) and then call the trusted
``do_*``. The background work itself runs in the task worker (``triage.tasks``), never in
the request.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ratusha.accounts.permissions import can
from ratusha.appeals.actions import TransitionNotAllowed
from ratusha.bodies.models import Body
from ratusha.ledger.actions import append_on_commit
from ratusha.triage.embeddings import do_embed_appeals, embeddings_enabled
from ratusha.triage.model_status import pending_job
from ratusha.triage.models import Target, TriageModel
from ratusha.triage.training import (
    do_activate_model,
    do_pin_model,
    do_train_model,
    do_unpin_model,
    history_ids,
    logged_progress,
)
from ratusha_core.permissions import Action

MODEL_ACTIVATED = "triage.model_activated"
MODEL_PINNED = "triage.model_pinned"
MODEL_UNPINNED = "triage.model_unpinned"
log = logging.getLogger(__name__)


def require_admin(user: Any, body: Body) -> None:
    if not can(user, Action.CHANGE, body):
        raise PermissionDenied


def _record(model: TriageModel, event: str, version: int) -> None:
    append_on_commit(
        model.body,
        event,
        {"model_target": str(model.target), "model_version": version},
        subject=f"{model.target}-v{version}",
    )


def _locked(model: TriageModel) -> dict[int, tuple[int, bool, bool]]:
    """Lock the versions of the model's target; give pk: (version, active, pinned)."""
    rows = TriageModel.objects.select_for_update().filter(
        body_id=model.body_id, target=model.target
    )
    return {
        pk: (version, active, at is not None)
        for pk, version, active, at in rows.values_list("pk", "version", "is_active", "pinned_at")
    }


def check_activate_model(user: Any, model: TriageModel, *, pin: bool = False) -> bool:
    """Make this version the body's active one (a rollback, or forward again).

    With ``pin`` the version is also pinned (a pin of the version it replaces moves to
    it), so that later trainings store their versions without making them active;
    without, a standing pin is lifted. Gives False when it was active already (nothing
    changes); raises ``TransitionNotAllowed`` for an archived version. The change goes
    into the body's ledger (``triage.model_activated``: ``model_target``,
    ``model_version`` and ``previous_version``, no names), since the
    ledger's ``triage.routed`` entries name the version that routed; the pin's change
    follows it (``triage.model_pinned`` or ``triage.model_unpinned``).
    """
    require_admin(user, model.body)
    with transaction.atomic():
        # The versions of this target, locked, so two administrators do not cross.
        versions = _locked(model)
        active = next((pk for pk, (_v, on, _p) in versions.items() if on), None)
        pinned = next((pk for pk, (_v, _a, at) in versions.items() if at), None)
        if active == model.pk:
            return False
        if TriageModel.objects.filter(pk=model.pk, archived_at__isnull=False).exists():
            raise TransitionNotAllowed(
                _(
                    "Version %(version)s is archived: only its figures are kept, not the "
                    "trained model. Choose a newer version, or retrain."
                )
                % {"version": model.version},
                "archived",
            )
        do_activate_model(model)
        append_on_commit(
            model.body,
            MODEL_ACTIVATED,
            {
                "model_target": str(model.target),
                "model_version": model.version,
                "previous_version": versions[active][0] if active is not None else None,
            },
            subject=f"{model.target}-v{model.version}",
        )
        if pin:
            do_pin_model(model, user)
            _record(model, MODEL_PINNED, model.version)
        elif pinned is not None:
            do_unpin_model(model)
            _record(model, MODEL_UNPINNED, versions[pinned][0])
    log.info(
        "user %s activated %s model v%s of %s%s",
        user.pk,
        model.target,
        model.version,
        model.body,
        " and pinned it" if pin else "",
    )
    return True


def check_pin_model(user: Any, model: TriageModel) -> bool:
    """Pin the active version: later trainings store new versions without activating them.

    Gives False when it was pinned already. Raises ``TransitionNotAllowed`` (a message in
    the user's language) for a version that is not active. Recorded in the body's ledger
    as ``triage.model_pinned`` (``model_target``, ``model_version``, no names).
    """
    require_admin(user, model.body)
    with transaction.atomic():
        versions = _locked(model)
        version, active, pinned = versions.get(model.pk, (model.version, False, False))
        if not active:
            raise TransitionNotAllowed(
                _("Only the active version can be pinned. Make version %(version)s active first.")
                % {"version": version},
                "not_active",
            )
        if pinned:
            return False
        do_pin_model(model, user)  # and lifts any other pin of the target
        _record(model, MODEL_PINNED, version)
    log.info("user %s pinned %s model v%s of %s", user.pk, model.target, version, model.body)
    return True


def check_unpin_model(user: Any, model: TriageModel) -> bool:
    """Lift the pin of this version: the next training makes its new version active again.

    Gives False when it was not pinned. Recorded in the body's ledger as
    ``triage.model_unpinned`` (``model_target``, ``model_version``).
    """
    require_admin(user, model.body)
    with transaction.atomic():
        versions = _locked(model)
        version, _active, pinned = versions.get(model.pk, (model.version, False, False))
        if not pinned:
            return False
        do_unpin_model(model)
        _record(model, MODEL_UNPINNED, version)
    log.info("user %s unpinned %s model v%s of %s", user.pk, model.target, version, model.body)
    return True


def _enqueue_once(body: Body, task: Any, args: list[Any]) -> bool:
    """Queue the task unless the same job already waits or runs; tell whether it was queued.

    The body's row is locked meanwhile (on SQLite, the IMMEDIATE transaction locks the
    database), so two clicks at once still make one job: the database backend inserts the
    job's row in this transaction.
    """
    with transaction.atomic():
        Body.objects.select_for_update().filter(pk=body.pk).values_list("pk").first()
        if pending_job(task.module_path, args) is not None:
            return False
        task.enqueue(*args)
    return True


def check_enqueue_history_embedding(user: Any, body: Body) -> bool:
    """Queue the embedding of the appeals the next trainings read; False if queued already."""
    from ratusha.triage.tasks import embed_history

    require_admin(user, body)
    queued = _enqueue_once(body, embed_history, [body.pk])
    if queued:
        log.info("user %s queued the history embedding of %s", user.pk, body)
    return queued


def check_enqueue_retraining(user: Any, body: Body, target: str) -> bool:
    """Queue a new training of the body's model for the target; False if queued already."""
    from ratusha.triage.tasks import retrain_model

    require_admin(user, body)
    if target not in Target.values:
        raise ValueError(target)
    queued = _enqueue_once(body, retrain_model, [body.pk, target])
    if queued:
        log.info("user %s queued a retraining of the %s model of %s", user.pk, target, body)
    return queued


def do_embed_history(body_id: int) -> int:
    """Store the vectors the next trainings of both targets need; give how many were made.

    Nothing happens while embeddings are off (they were switched off after queueing).
    """
    if not embeddings_enabled():
        return 0
    body = Body.objects.get(pk=body_id)
    ids = sorted({pk for target in Target.values for pk in history_ids(body, target)})
    return do_embed_appeals(ids, progress=logged_progress(f"history vectors of {body.code}"))


def do_retrain(body_id: int, target: str) -> int | None:
    """Train a new version (active unless a pin holds another); give its number or None.

    None when the history is too small.
    """
    model = do_train_model(Body.objects.get(pk=body_id), target)
    return None if model is None else model.version
