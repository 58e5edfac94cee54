"""Saving a body's duplicate threshold from the models page (administrators only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha.appeals.views_staff.common import staff_view
from ratusha.triage.actions_duplicate_policy import check_set_duplicate_policy
from ratusha.triage.duplicate_policy_form import DuplicatePolicyForm
from ratusha.triage.views_models import changeable_body, render_models_page


@require_POST
@staff_view
def duplicate_policy(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the score two of the body's appeals need to be linked as likely duplicates."""
    body = changeable_body(request, pk)
    form = DuplicatePolicyForm(request.POST, auto_id="duplicate-%s")
    if not form.is_valid():
        return render_models_page(request, body, duplicate_form=form, status=422)
    score = float(form.cleaned_data["min_score"])
    previous = check_set_duplicate_policy(request.user, body, min_score=score)
    values = {"score": number_format(score, 2), "previous": number_format(previous or 0, 2)}
    if previous is None:
        messages.info(request, _("The duplicate threshold was already so; nothing changed."))
    elif score > previous:
        messages.success(
            request,
            _(
                "Saved: two appeals are linked from a score of %(score)s (it was %(previous)s). "
                "Stored links below it have left the clusters."
            )
            % values,
        )
    else:
        messages.success(
            request,
            _(
                "Saved: two appeals are linked from a score of %(score)s (it was %(previous)s). "
                "This applies to appeals triaged from now on; pairs below the old score were "
                "never stored, so existing clusters do not grow."
            )
            % values,
        )
    return redirect("triage:models", body.pk)
