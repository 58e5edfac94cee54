"""The appeals a token holder may see, and the staff's work on them.

Staff see the appeals their roles reach (``access.appeals_for``); a citizen's token sees
the appeals filed from that account. Anything out of reach is a 404, never a 403.
"""

from typing import Any

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Status

from ratusha.accounts.models import User
from ratusha.accounts.permissions import is_staff_member
from ratusha.appeals.access import access_appeal, appeals_for, appeals_of_citizen
from ratusha.appeals.actions import check_approve_answer, check_draft_answer, check_transition
from ratusha.appeals.api.auth import staff_or_citizen, token_auth
from ratusha.appeals.api.problems import Problem, invalid, not_found
from ratusha.appeals.api.routers import appeals
from ratusha.appeals.api.schemas import (
    ActionIn,
    AppealDetailOut,
    AppealFilters,
    AppealPageOut,
    ApproveIn,
    DraftIn,
    problems,
)
from ratusha.appeals.api.views import STAFF_ACTIONS, detail_of, summary_of
from ratusha.appeals.models import Appeal
from ratusha.bodies.access import public_bodies
from ratusha.bodies.models import Department
from ratusha_core.workflow import CLOCK_RUNNING_STATES


def _reachable(user: User) -> tuple[models.QuerySet[Appeal], bool]:
    if is_staff_member(user):
        return appeals_for(user), True
    return appeals_of_citizen(user), False


def _filtered(
    appeals: models.QuerySet[Appeal], f: AppealFilters, staff: bool
) -> models.QuerySet[Appeal]:
    if f.applicant_news is not None and not staff:
        raise invalid({"applicant_news": [_("Only the staff can filter by this.")]})
    if f.waiting_for_applicant is not None:
        appeals = appeals.filter(information_requested_at__isnull=not f.waiting_for_applicant)
    if f.applicant_news is not None:
        appeals = appeals.filter(applicant_news_at__isnull=not f.applicant_news)
    if f.status:
        appeals = appeals.filter(state__in=[s.value for s in f.status])
    if f.category:
        appeals = appeals.filter(category__code=f.category)
    if f.department:
        appeals = appeals.filter(department__code=f.department)
    if f.executor is not None:
        appeals = appeals.filter(executor_id=f.executor)
    if f.due_before:
        appeals = appeals.filter(due_date__lte=f.due_before)
    if f.due_after:
        appeals = appeals.filter(due_date__gte=f.due_after)
    if f.channel:
        appeals = appeals.filter(channel=f.channel.value)
    if f.q and f.q.strip():
        q = f.q.strip()
        appeals = appeals.filter(Q(number__icontains=q) | Q(text__icontains=q))
    return appeals


def by_deadline_risk(appeals: models.QuerySet[Appeal]) -> models.QuerySet[Appeal]:
    """Order appeals whose term runs first, overdue ones first, then the soonest due."""
    running = [s.value for s in CLOCK_RUNNING_STATES]
    return appeals.annotate(
        _closed=Case(When(state__in=running, then=Value(0)), default=Value(1))
    ).order_by("_closed", F("due_date").asc(nulls_last=True), "registered_at", "pk")


@appeals.get(
    "/appeals",
    response={200: AppealPageOut, **problems(401, 422)},
    auth=token_auth,
    summary="Appeals the token may see",
)
def list_appeals(request: HttpRequest, filters: Query[AppealFilters]) -> dict[str, Any]:
    user = staff_or_citizen(request)
    appeals, staff = _reachable(user)
    appeals = _filtered(appeals, filters, staff)
    page = by_deadline_risk(appeals).select_related("body", "category", "department")[
        filters.offset : filters.offset + filters.limit
    ]
    return {
        "count": appeals.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [summary_of(a, staff) for a in page],
    }


def _appeal(user: User, appeal_id: int) -> tuple[Appeal, bool]:
    if is_staff_member(user):
        return access_appeal(user, appeal_id), True
    found = (
        appeals_of_citizen(user)
        .select_related("body", "category", "department")
        .filter(pk=appeal_id)
        .first()
    )
    if found is None:
        raise not_found()
    return found, False


@appeals.get(
    "/appeals/{appeal_id}",
    response={200: AppealDetailOut, **problems(401, 404)},
    auth=token_auth,
    summary="One appeal in full",
)
def get_appeal(request: HttpRequest, appeal_id: int) -> dict[str, Any]:
    user = staff_or_citizen(request)
    appeal, staff = _appeal(user, appeal_id)
    return detail_of(appeal, user, staff)


def _staff_appeal(user: User, appeal_id: int) -> Appeal:
    appeal, staff = _appeal(user, appeal_id)
    if not staff:
        raise not_found()  # a citizen's token acts through /track, like the tracking link
    return appeal


def _action_data(appeal: Appeal, user: User, payload: ActionIn) -> dict[str, Any]:
    """Give the action's data with codes and numbers turned into the ids the workflow takes."""
    data: dict[str, Any] = {
        "executor": payload.executor,
        "reason": payload.reason,
        "explanation": payload.explanation,
        "new_due_date": payload.new_due_date,
        "applicant_notified": payload.applicant_notified,
        "question": payload.question,
        "reply": payload.reply,
        "information": payload.information,
    }
    if payload.department:
        department = Department.objects.filter(
            body_id=appeal.body_id, code=payload.department
        ).first()
        if department is None:
            raise invalid({"department": [_("This body has no department with this code.")]})
        data["department"] = department.pk
    if payload.target_body:
        body = public_bodies().filter(code=payload.target_body).first()
        if body is None:
            raise invalid({"target_body": [_("There is no body with this code.")]})
        data["target_body"] = body.pk
    if payload.target_appeal:
        target = appeals_for(user).filter(number=payload.target_appeal).first()
        if target is None:
            raise invalid({"target_appeal": [_("There is no appeal with this number.")]})
        data["target_appeal"] = target.pk
    return {k: v for k, v in data.items() if v is not None}


def _after(user: User, changed: Appeal) -> dict[str, Any]:
    # The action's own copy of the appeal: it may have left the caller's reach (reassigned
    # elsewhere), and the caller should still see what their action did.
    return detail_of(changed, user, staff=True)


@appeals.post(
    "/appeals/{appeal_id}/actions/{action}",
    auth=token_auth,
    response={200: AppealDetailOut, **problems(401, 403, 404, 409, 422)},
    summary="Take a workflow action (optimistic locking by expected_version)",
)
def take_action(
    request: HttpRequest, appeal_id: int, action: str, payload: ActionIn
) -> dict[str, Any]:
    user = staff_or_citizen(request)
    appeal = _staff_appeal(user, appeal_id)
    if action not in STAFF_ACTIONS:
        raise Problem(
            404,
            "unknown-action",
            _("There is no action %(action)s for appeals here.") % {"action": action[:40]},
        )
    changed = check_transition(
        appeal.pk,
        action,
        user,
        _action_data(appeal, user, payload),
        expected_version=payload.expected_version,
    )
    return _after(user, changed)


@appeals.post(
    "/appeals/{appeal_id}/answer",
    auth=token_auth,
    response={201: AppealDetailOut, **problems(401, 403, 404, 409, 422)},
    summary="Draft the answer and mark the questions it answers",
)
def draft_answer(request: HttpRequest, appeal_id: int, payload: DraftIn) -> Any:
    user = staff_or_citizen(request)
    appeal = _staff_appeal(user, appeal_id)
    known = set(appeal.questions.values_list("pk", flat=True))
    strangers = sorted(set(payload.answered_questions) - known)
    if strangers:
        raise invalid(
            {
                "answered_questions": [
                    _("These are not questions of this appeal: %(ids)s")
                    % {"ids": ", ".join(map(str, strangers))}
                ]
            }
        )
    answer = check_draft_answer(
        appeal.pk,
        user,
        payload.text,
        payload.answered_questions,
        expected_version=payload.expected_version,
    )
    return Status(201, _after(user, answer.appeal))


@appeals.post(
    "/appeals/{appeal_id}/answer/approve",
    auth=token_auth,
    response={200: AppealDetailOut, **problems(401, 403, 404, 409)},
    summary="The head approves the draft; it is sent to the applicant",
)
def approve_answer(request: HttpRequest, appeal_id: int, payload: ApproveIn) -> dict[str, Any]:
    user = staff_or_citizen(request)
    appeal = _staff_appeal(user, appeal_id)
    answer = check_approve_answer(appeal.pk, user, expected_version=payload.expected_version)
    return _after(user, answer.appeal)


@appeals.get(
    "/appeals/{appeal_id}/attachments/{attachment_id}",
    response=problems(401, 404),
    auth=token_auth,
    summary="Download an attachment",
    openapi_extra={
        "responses": {"200": {"description": "The file as it was uploaded."}},
    },
)
def download_attachment(request: HttpRequest, appeal_id: int, attachment_id: int) -> Any:
    user = staff_or_citizen(request)
    appeal, _staff = _appeal(user, appeal_id)
    attachment = appeal.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise not_found()
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
