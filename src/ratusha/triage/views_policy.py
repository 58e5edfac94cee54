"""Saving a body's triage routing policy from the models page (administrators only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha.appeals.views_staff.common import staff_view
from ratusha.triage.actions_policy import check_set_routing_policy
from ratusha.triage.policy_form import RoutingPolicyForm
from ratusha.triage.routing_outlook import follows_at_once
from ratusha.triage.views_models import changeable_body, render_models_page


@require_POST
@staff_view
def routing_policy(request: HttpRequest, pk: int) -> HttpResponse:
    """Save whether appeals are routed automatically, and at what precision."""
    body = changeable_body(request, pk)
    form = RoutingPolicyForm(request.POST, body=body)
    if not form.is_valid():
        return render_models_page(request, body, policy_form=form, status=422)
    auto_route = form.cleaned_data["auto_route"]
    percent = form.cleaned_data["precision_percent"]
    changed = check_set_routing_policy(
        request.user,
        body,
        auto_route=auto_route,
        precision=percent / 100,
        urgent_department=form.cleaned_data["urgent_department"],
    )
    if not changed:
        messages.info(request, _("The routing policy was already so; nothing changed."))
    elif auto_route and follows_at_once(body):
        messages.success(
            request,
            _(
                "Saved: appeals are routed automatically when the AI is sure enough for "
                "%(percent)s%% precision, from the next appeal triaged."
            )
            % {"percent": percent},
        )
    elif auto_route:  # a model stored before training kept a threshold per precision
        messages.success(
            request,
            _(
                "Saved: appeals are routed automatically when the AI is sure enough for "
                "%(percent)s%% precision. A new precision applies from the next training; "
                "retrain now to apply it at once."
            )
            % {"percent": percent},
        )
    else:
        messages.success(
            request,
            _("Saved: every suggestion now waits for a clerk in the triage queue."),
        )
    return redirect("triage:models", body.pk)
