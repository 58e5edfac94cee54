"""Answers from the staff side: the executor drafts, the head approves (and it is sent)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha.appeals.actions import (
    AppealConflict,
    AppealInvalid,
    TransitionNotAllowed,
    check_approve_answer,
    check_draft_answer,
)
from ratusha.appeals.forms_staff import DraftAnswerForm, VersionForm
from ratusha.appeals.views_staff.appeal import after_change, load, render_appeal
from ratusha.appeals.views_staff.common import staff_view


@require_POST
@staff_view
def draft_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the draft and submit it for approval; errors keep the typed answer."""
    appeal = load(request.user, pk)
    questions = [(q.pk, q.text) for q in appeal.questions.all()]
    form = DraftAnswerForm(request.POST, questions=questions)
    if not form.is_valid():
        return render_appeal(request, appeal, draft_form=form, status=400)
    try:
        check_draft_answer(
            appeal.pk,
            request.user,  # type: ignore[arg-type]
            form.cleaned_data["text"],
            form.cleaned_data["questions"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except AppealInvalid as invalid:
        for field, errors in invalid.errors.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return render_appeal(request, appeal, draft_form=form, status=400)
    except AppealConflict as conflict:
        fresh = load(request.user, pk)
        data = request.POST.copy()
        data["expected_version"] = str(fresh.version)
        again = DraftAnswerForm(data, questions=questions)
        return render_appeal(request, fresh, draft_form=again, error=conflict.message, status=409)
    except TransitionNotAllowed as refused:
        return render_appeal(request, appeal, draft_form=form, error=refused.message, status=400)
    messages.success(request, _("The draft answer was sent to the head for approval."))
    return after_change(request, pk)


@require_POST
@staff_view
def approve_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The head approves the latest draft; it goes to the applicant at once."""
    appeal = load(request.user, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return render_appeal(request, appeal, error=_("Reload the page and try again."), status=400)
    try:
        check_approve_answer(
            appeal.pk,
            request.user,  # type: ignore[arg-type]
            expected_version=form.cleaned_data["expected_version"],
        )
    except (AppealConflict, TransitionNotAllowed) as refused:
        fresh = load(request.user, pk)
        status = 409 if isinstance(refused, AppealConflict) else 400
        return render_appeal(request, fresh, error=refused.message, status=status)
    messages.success(request, _("The answer is approved and sent to the applicant."))
    return after_change(request, pk)
