"""The guards of the transition table: checks that need more than state and role.

A guard gets the snapshot, the checked data (None when only asking whether the action
could be offered, as `allowed_actions` does), the moment and the rules. It raises
`TransitionRefused` or gives extra values for the event.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from zoneinfo import ZoneInfo

from ratusha_core.workflow.rules import WorkflowRules
from ratusha_core.workflow.snapshot import AppealSnapshot, JsonValue, TransitionRefused
from ratusha_core.workflow.transitions import Guard

GuardCheck = Callable[
    [AppealSnapshot, Mapping[str, object] | None, datetime, WorkflowRules], dict[str, JsonValue]
]


def _today(snapshot: AppealSnapshot, now: datetime) -> date:
    return now.astimezone(ZoneInfo(snapshot.time_zone)).date()


def all_questions_answered(
    snapshot: AppealSnapshot, data: Mapping[str, object] | None, now: datetime, rules: WorkflowRules
) -> dict[str, JsonValue]:
    """Refuse approval while a question of the appeal is left without an answer."""
    if not snapshot.questions and rules.require_recorded_questions:
        raise TransitionRefused(
            "questions_not_recorded",
            "Record the questions raised in the appeal before approving the answer, "
            "so that the answer can be checked to cover each of them.",
        )
    open_ids = [q.question_id for q in snapshot.questions if not q.answered]
    if open_ids:
        raise TransitionRefused(
            "questions_unanswered",
            f"The answer cannot be approved: {len(open_ids)} question(s) are still "
            f"unanswered ({', '.join(open_ids)}). An answer must cover every question.",
            {"count": str(len(open_ids)), "questions": ", ".join(open_ids)},
        )
    return {"questions_answered": len(snapshot.questions)}


def forwarding_term(
    snapshot: AppealSnapshot, data: Mapping[str, object] | None, now: datetime, rules: WorkflowRules
) -> dict[str, JsonValue]:
    """Flag (or refuse, if the rules say so) forwarding after its term."""
    if snapshot.forward_by is None:
        return {}
    late = _today(snapshot, now) > snapshot.forward_by
    if late and rules.late_forwarding_refused:
        raise TransitionRefused(
            "forwarding_late",
            f"The term to forward this appeal ended on {snapshot.forward_by.isoformat()}.",
            {"forward_by": snapshot.forward_by.isoformat()},
        )
    return {"forward_by": snapshot.forward_by.isoformat(), "late": late}


def statutory_reason(
    snapshot: AppealSnapshot, data: Mapping[str, object] | None, now: datetime, rules: WorkflowRules
) -> dict[str, JsonValue]:
    """Refuse a reason to leave an appeal without consideration that the law does not list."""
    if data is None:
        return {}
    reason = data.get("reason")
    if reason not in rules.without_consideration_reasons:
        allowed = ", ".join(sorted(rules.without_consideration_reasons))
        raise TransitionRefused(
            "reason_not_statutory",
            f"'{reason}' is not a reason the law gives for leaving an appeal without "
            f"consideration. Allowed: {allowed}.",
            {"reason": str(reason), "allowed": allowed},
        )
    return {}


def not_into_itself(
    snapshot: AppealSnapshot, data: Mapping[str, object] | None, now: datetime, rules: WorkflowRules
) -> dict[str, JsonValue]:
    """Refuse merging an appeal into itself."""
    if data is not None and snapshot.appeal_id and data.get("target_appeal") == snapshot.appeal_id:
        raise TransitionRefused("merge_into_itself", "An appeal cannot be merged into itself.")
    return {}


def extension_allowed(
    snapshot: AppealSnapshot, data: Mapping[str, object] | None, now: datetime, rules: WorkflowRules
) -> dict[str, JsonValue]:
    """Refuse an extension beyond the allowed count, after the term, or not later than it."""
    if snapshot.due_date is None:
        raise TransitionRefused("no_deadline", "This appeal has no term to extend.")
    if snapshot.extensions_used >= rules.max_extensions:
        raise TransitionRefused(
            "extension_limit_reached",
            f"The term can be extended at most {rules.max_extensions} time(s).",
            {"max": str(rules.max_extensions)},
        )
    if rules.extension_only_before_due and _today(snapshot, now) > snapshot.due_date:
        raise TransitionRefused(
            "extension_after_due",
            f"The term ended on {snapshot.due_date.isoformat()}; it can no longer be extended.",
            {"due_date": snapshot.due_date.isoformat()},
        )
    if data is None:
        return {}
    new_due = data["new_due_date"]
    if not isinstance(new_due, date):  # the field check gives a date; keep mypy honest
        raise TypeError("new_due_date must be a date")
    if new_due <= snapshot.due_date:
        raise TransitionRefused(
            "extension_not_later",
            f"The new term {new_due.isoformat()} must be later than the current one "
            f"{snapshot.due_date.isoformat()}.",
            {"new_due_date": new_due.isoformat(), "due_date": snapshot.due_date.isoformat()},
        )
    if rules.extension_requires_reason and not data.get("reason"):
        raise TransitionRefused("extension_reason_required", "An extension needs its reasons.")
    if rules.extension_requires_applicant_notice and data.get("applicant_notified") is False:
        raise TransitionRefused(
            "extension_notice_required",
            "The applicant must be notified of the extension, its reasons and the new term.",
        )
    return {
        "previous_due_date": snapshot.due_date.isoformat(),
        "applicant_notice_required": rules.extension_requires_applicant_notice,
    }


def information_requested(
    snapshot: AppealSnapshot, data: Mapping[str, object] | None, now: datetime, rules: WorkflowRules
) -> dict[str, JsonValue]:
    """Refuse a reply of the applicant that nobody asked for (or that came already)."""
    if not snapshot.information_requested:
        raise TransitionRefused(
            "information_not_requested",
            "No request for information waits for the applicant's reply.",
        )
    return {}


GUARDS: Mapping[Guard, GuardCheck] = MappingProxyType(
    {
        Guard.ALL_QUESTIONS_ANSWERED: all_questions_answered,
        Guard.FORWARDING_TERM: forwarding_term,
        Guard.STATUTORY_REASON: statutory_reason,
        Guard.NOT_INTO_ITSELF: not_into_itself,
        Guard.EXTENSION_ALLOWED: extension_allowed,
        Guard.INFORMATION_REQUESTED: information_requested,
    }
)
