"""The administrator's page of a body's triage models: versions, rollback, pin, vectors, retraining.

Only those who may change the body (its administrators, administrators of a higher body,
system administrators) see it; anyone else gets a 404, like the category examples pages.
Embedding the history and retraining run in the task worker; the page only queues them
and, while one waits or runs, its history-vectors part reloads itself every 10 seconds
(htmx; without JavaScript a reload shows the same).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha.appeals.access import appeals_for
from ratusha.appeals.actions import TransitionNotAllowed
from ratusha.appeals.views_staff.common import staff_view
from ratusha.bodies import access as body_access
from ratusha.bodies.models import Body, Category
from ratusha.triage import model_status
from ratusha.triage.actions_models import (
    check_activate_model,
    check_enqueue_history_embedding,
    check_enqueue_retraining,
    check_pin_model,
    check_unpin_model,
)
from ratusha.triage.duplicate_policy_form import DuplicatePolicyForm
from ratusha.triage.embeddings import embeddings_enabled
from ratusha.triage.link_what_if_data import link_what_if
from ratusha.triage.models import Target, TriageModel
from ratusha.triage.policy_form import RoutingPolicyForm
from ratusha.triage.routing_outlook import routing_outlook
from ratusha_core.permissions import Action


def changeable_body(request: HttpRequest, pk: int) -> Body:
    """Give the body if the user may change it (its administrators), else a 404."""
    return body_access.access_body(request.user, pk, Action.CHANGE)


def _version(request: HttpRequest, pk: int, model_pk: int) -> tuple[Body, TriageModel]:
    """Give the body the user may change and one of its stored versions, or a 404."""
    body = changeable_body(request, pk)
    model = model_status.version_of(body, model_pk)
    if model is None:
        raise Http404
    return body, model


def _vectors_context(body: Body) -> dict[str, object]:
    jobs = model_status.jobs_of(body)
    vectors_on = embeddings_enabled()
    return {
        "body": body,
        "vectors_on": vectors_on,
        "vectors": model_status.history_vectors(body) if vectors_on else [],
        "jobs": jobs,
        "busy": model_status.is_busy(jobs),
    }


@staff_view
def models_page(request: HttpRequest, pk: int) -> HttpResponse:
    """List each target's versions with their metrics, the history vectors and the jobs."""
    return render_models_page(request, changeable_body(request, pk))


def render_models_page(
    request: HttpRequest,
    body: Body,
    policy_form: RoutingPolicyForm | None = None,
    status: int = 200,
    duplicate_form: DuplicatePolicyForm | None = None,
) -> HttpResponse:
    """Render the page; a policy form that failed to validate keeps what was typed."""
    visible = appeals_for(request.user).filter(body=body)
    context = {
        **_vectors_context(body),
        "targets": [model_status.versions_of(body, target) for target in Target.values],
        "shown": model_status.VERSIONS_SHOWN,
        "policy_form": policy_form or RoutingPolicyForm.of(body),
        "manual_categories": Category.objects.filter(body=body, auto_route=False).count(),
        "routing_outlook": routing_outlook(body),
        "duplicate_form": duplicate_form or DuplicatePolicyForm.of(body),
        "link_what_if": link_what_if(visible, body.duplicate_min_score, timezone.now()),
    }
    return render(request, "triage/models.html", context, status=status)


@staff_view
def history_vectors(request: HttpRequest, pk: int) -> HttpResponse:
    """The history-vectors part alone, which the page polls while a job waits or runs."""
    body = changeable_body(request, pk)
    context = {**_vectors_context(body), "polled": True}
    return render(request, "triage/_history_vectors.html", context)


@require_POST
@staff_view
def activate(request: HttpRequest, pk: int, model_pk: int) -> HttpResponse:
    """Make a stored version the active one: first a confirmation page, then the change."""
    body, model = _version(request, pk, model_pk)
    if request.POST.get("confirm") != "yes" and model.archived_at is None:
        active = next(
            (v for v in model_status.versions_of(body, model.target).rows if v.is_active), None
        )
        context = {
            "body": body,
            "model": model,
            "chosen": model_status.version_row(model),
            "active": active,
        }
        return render(request, "triage/model_activate_confirm.html", context)
    values = {"version": model.version}
    pin = request.POST.get("pin") == "yes"
    try:
        changed = check_activate_model(request.user, model, pin=pin)
    except TransitionNotAllowed as refused:
        messages.error(request, refused.message)
        return redirect("triage:models", body.pk)
    if changed:
        activated = {
            Target.CATEGORY: _("Version %(version)s of the category model is active now."),
            Target.DEPARTMENT: _("Version %(version)s of the department model is active now."),
        }
        messages.success(request, activated[Target(model.target)] % values)
        if pin:
            messages.info(request, _("It is pinned: later trainings will not replace it."))
    else:
        messages.info(request, _("Version %(version)s was active already.") % values)
    return redirect("triage:models", body.pk)


@require_POST
@staff_view
def embed(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the embedding of the history the next trainings read."""
    body = changeable_body(request, pk)
    if not embeddings_enabled():
        messages.error(request, _("Sentence vectors are switched off in this installation."))
    elif check_enqueue_history_embedding(request.user, body):
        messages.success(
            request,
            _("The history will be embedded in the background. This page shows how far it is."),
        )
    else:
        messages.info(request, _("The history is being embedded already."))
    return redirect("triage:models", body.pk)


@require_POST
@staff_view
def retrain(request: HttpRequest, pk: int, target: str) -> HttpResponse:
    """Queue a new training of one of the body's models."""
    body = changeable_body(request, pk)
    if target not in Target.values:
        raise Http404
    if check_enqueue_retraining(request.user, body, target):
        queued = {
            Target.CATEGORY: _("The category model will be retrained in the background."),
            Target.DEPARTMENT: _("The department model will be retrained in the background."),
        }
        messages.success(request, queued[Target(target)])
    else:
        already = {
            Target.CATEGORY: _("A retraining of the category model is queued already."),
            Target.DEPARTMENT: _("A retraining of the department model is queued already."),
        }
        messages.info(request, already[Target(target)])
    return redirect("triage:models", body.pk)


@require_POST
@staff_view
def pin(request: HttpRequest, pk: int, model_pk: int) -> HttpResponse:
    """Pin the active version, so that later trainings store theirs without activating them."""
    body, model = _version(request, pk, model_pk)
    values = {"version": model.version}
    try:
        pinned = check_pin_model(request.user, model)
    except TransitionNotAllowed as refused:
        messages.error(request, refused.message)
    else:
        if pinned:
            done = {
                Target.CATEGORY: _(
                    "Version %(version)s of the category model is pinned: later trainings "
                    "store their versions without making them active."
                ),
                Target.DEPARTMENT: _(
                    "Version %(version)s of the department model is pinned: later trainings "
                    "store their versions without making them active."
                ),
            }
            messages.success(request, done[Target(model.target)] % values)
        else:
            messages.info(request, _("Version %(version)s was pinned already.") % values)
    return redirect("triage:models", body.pk)


@require_POST
@staff_view
def unpin(request: HttpRequest, pk: int, model_pk: int) -> HttpResponse:
    """Lift the pin of a version: the next training makes its new version active again."""
    body, model = _version(request, pk, model_pk)
    values = {"version": model.version}
    if check_unpin_model(request.user, model):
        messages.success(
            request,
            _(
                "The pin of version %(version)s is lifted: the next training makes its new "
                "version active."
            )
            % values,
        )
    else:
        messages.info(request, _("Version %(version)s was not pinned.") % values)
    return redirect("triage:models", body.pk)
