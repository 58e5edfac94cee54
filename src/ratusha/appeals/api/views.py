"""How appeals read in the API: the list row and the full appeal, for staff or the applicant."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ratusha.accounts.models import User
from ratusha.appeals.actions import acting_roles
from ratusha.appeals.actions.transitions import snapshot_of
from ratusha.appeals.models import Appeal
from ratusha.appeals.policy import local_today, rules_for
from ratusha_core.workflow import CLOCK_RUNNING_STATES, AppealState, allowed_actions, public_status

# Workflow actions the API offers at /appeals/{id}/actions/{action}; answers have their own.
STAFF_ACTIONS = frozenset(
    {
        "assign",
        "reassign",
        "start_work",
        "return_draft",
        "close",
        "forward",
        "leave_without_consideration",
        "withdraw",
        "merge",
        "extend_deadline",
        "reopen",
        "uphold_complaint",
        "dismiss_complaint",
        "ask_applicant",
        "applicant_reply",
        "add_information",
    }
)
# The answer endpoints, under the names of the workflow actions they perform.
ANSWER_ACTIONS = {"draft_answer": "answer", "approve_answer": "answer/approve"}


def is_overdue(appeal: Appeal) -> bool:
    """Tell whether the body's term ran out while the answer is still owed."""
    if appeal.due_date is None or AppealState(appeal.state) not in CLOCK_RUNNING_STATES:
        return False
    return bool(appeal.due_date < local_today(appeal.body, timezone.now()))


def summary_of(appeal: Appeal, staff: bool) -> dict[str, Any]:
    """Give the list row of an appeal; the applicant does not see internal states."""
    return {
        "id": appeal.pk,
        "number": appeal.number,
        "body": appeal.body.code,
        "registered_at": appeal.registered_at,
        "channel": appeal.channel,
        "state": appeal.state if staff else None,
        "status": public_status(AppealState(appeal.state)).value,
        "summary": appeal.summary,
        "category": appeal.category.code if appeal.category else None,
        "department": appeal.department.code if appeal.department else None,
        "executor": appeal.executor_id if staff else None,
        "due_date": appeal.due_date,
        "overdue": is_overdue(appeal),
        "information_requested_at": appeal.information_requested_at if staff else None,
        "applicant_news_at": appeal.applicant_news_at if staff else None,
        "version": appeal.version,
    }


def _offered(appeal: Appeal, user: User) -> list[str]:
    snapshot = snapshot_of(appeal)
    rules = rules_for(appeal.body)
    names: set[str] = set()
    for role in acting_roles(user, appeal):
        names.update(row.action.value for row in allowed_actions(snapshot, role, rules=rules))
    return sorted(n for n in names if n in STAFF_ACTIONS or n in ANSWER_ACTIONS)


def detail_of(appeal: Appeal, user: User, staff: bool) -> dict[str, Any]:
    """Give the whole appeal: history, questions, answers and attachments' metadata."""
    events = appeal.events.all() if staff else appeal.events.filter(public=True)
    answers = appeal.answers.order_by("drafted_at", "pk")
    if not staff:
        answers = answers.filter(sent_at__isnull=False)
    return {
        **summary_of(appeal, staff),
        "text": appeal.text,
        "language": appeal.language,
        "applicant_kind": appeal.applicant_kind,
        "applicant_name": appeal.applicant_name,
        "applicant_email": appeal.applicant_email,
        "applicant_phone": appeal.applicant_phone,
        "sms_notices": appeal.sms_notices,
        "applicant_address": appeal.applicant_address,
        "answer_by_post": appeal.answer_by_post,
        "organisation": appeal.organisation,
        "co_applicants": [
            {"name": p.name, "email": p.email, "phone": p.phone, "address": p.address}
            for p in appeal.co_applicants.all()
        ],
        "address": appeal.address,
        "latitude": appeal.latitude,
        "longitude": appeal.longitude,
        "consent_to_publish": appeal.consent_to_publish,
        "processing": appeal.processing,
        "questions": [
            {"id": q.pk, "text": q.text, "answered": q.answered} for q in appeal.questions.all()
        ],
        "answers": [
            {
                "id": a.pk,
                "text": a.text,
                "drafted_at": a.drafted_at,
                "approved_at": a.approved_at,
                "sent_at": a.sent_at,
            }
            for a in answers
        ],
        "attachments": [
            {
                "id": f.pk,
                "name": f.original_name,
                "content_type": f.content_type,
                "size": f.size,
                "sha256": f.sha256,
                "is_scan": f.is_scan,
            }
            for f in appeal.attachments.all()
        ],
        "events": [
            {
                "at": e.at,
                "action": e.action,
                "actor_role": e.actor_role,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "reason": e.reason,
                "public": e.public,
                "text": e.said,
            }
            for e in events
        ],
        "allowed_actions": _offered(appeal, user) if staff else [],
    }
