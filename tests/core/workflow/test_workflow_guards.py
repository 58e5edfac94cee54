"""Guards, field checks and refusal messages of the appeal state machine."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from ratusha_core.deadlines import BelarusAppealsLaw2023, WithoutConsiderationReason
from ratusha_core.workflow import (
    BELARUS_2023_RULES,
    TRANSITIONS,
    Action,
    AppealSnapshot,
    AppealState,
    QuestionStatus,
    TransitionRefused,
    WorkflowRules,
    allowed_actions,
    apply,
)

MINSK = ZoneInfo("Europe/Minsk")
S = AppealState


def at(m: int, d: int, hh: int = 12) -> datetime:
    return datetime(2026, m, d, hh, 0, tzinfo=MINSK)


def snap(state: AppealState, **changes: object) -> AppealSnapshot:
    base = AppealSnapshot(
        state=state,
        registered_at=at(3, 2, 10),
        time_zone="Europe/Minsk",
        appeal_id="ADM-2026-000042",
        questions=(QuestionStatus("q1", True),),
        due_date=date(2026, 3, 17),
        forward_by=date(2026, 3, 9),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def refusal(
    snapshot: AppealSnapshot,
    action: str,
    role: str,
    data: dict[str, object] | None = None,
    now: datetime | None = None,
    rules: WorkflowRules = BELARUS_2023_RULES,
) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as refused:
        apply(snapshot, action, role, data or {}, now or at(3, 4), rules=rules)
    return refused.value


# --- the "on the merits" rule ---------------------------------------------------------


def test_answer_not_approved_while_a_question_is_open() -> None:
    open_question = snap(
        S.ANSWER_DRAFTED, questions=(QuestionStatus("q1", True), QuestionStatus("q2", False))
    )
    refused = refusal(open_question, "approve_answer", "department_head")
    assert refused.code == "questions_unanswered"
    assert "q2" in refused.message and refused.params["count"] == "1"
    names = {r.action for r in allowed_actions(open_question, "department_head")}
    assert Action.APPROVE_ANSWER not in names and Action.RETURN_DRAFT in names


def test_answer_needs_recorded_questions_unless_switched_off() -> None:
    none_recorded = snap(S.ANSWER_DRAFTED, questions=())
    assert refusal(none_recorded, "approve_answer", "department_head").code == (
        "questions_not_recorded"
    )
    lenient = replace(BELARUS_2023_RULES, require_recorded_questions=False)
    result = apply(none_recorded, "approve_answer", "department_head", {}, at(3, 4), rules=lenient)
    assert result.snapshot.state is S.ANSWER_APPROVED


def test_approval_records_the_number_of_questions() -> None:
    result = apply(snap(S.ANSWER_DRAFTED), "approve_answer", "department_head", {}, at(3, 4))
    assert result.event.extra["questions_answered"] == 1


# --- forwarding within 5 working days -------------------------------------------------


def test_forwarding_in_time_and_late() -> None:
    in_time = apply(snap(S.TRIAGE), "forward", "registry_clerk", {"target_body": "X"}, at(3, 9, 23))
    assert in_time.event.extra == {"target_body": "X", "forward_by": "2026-03-09", "late": False}
    late = apply(snap(S.TRIAGE), "forward", "registry_clerk", {"target_body": "X"}, at(3, 10, 0))
    assert late.snapshot.state is S.FORWARDED and late.event.extra["late"] is True


def test_late_forwarding_refused_when_the_policy_says_so() -> None:
    strict = WorkflowRules.from_policy(BelarusAppealsLaw2023(late_forwarding_refused=True))
    refused = refusal(
        snap(S.TRIAGE), "forward", "registry_clerk", {"target_body": "X"}, at(3, 10), strict
    )
    assert refused.code == "forwarding_late" and refused.params["forward_by"] == "2026-03-09"
    offered = {r.action for r in allowed_actions(snap(S.TRIAGE), "registry_clerk", now=at(3, 10))}
    assert Action.FORWARD in offered  # default rules only flag lateness
    offered = {
        r.action
        for r in allowed_actions(snap(S.TRIAGE), "registry_clerk", now=at(3, 10), rules=strict)
    }
    assert Action.FORWARD not in offered


def test_forwarding_without_a_known_term_is_not_flagged() -> None:
    result = apply(
        snap(S.REGISTERED, forward_by=None), "forward", "body_admin", {"target_body": "X"}, at(4, 1)
    )
    assert "late" not in result.event.extra


# --- left without consideration, withdrawal, merge ------------------------------------


@pytest.mark.parametrize("reason", list(WithoutConsiderationReason))
def test_each_statutory_reason_is_accepted(reason: WithoutConsiderationReason) -> None:
    result = apply(
        snap(S.IN_PROGRESS),
        "leave_without_consideration",
        "department_head",
        {"reason": reason.value, "explanation": "  apply to the court  "},
        at(3, 4),
    )
    assert result.snapshot.state is S.LEFT_WITHOUT_CONSIDERATION
    assert result.event.reason == reason.value
    assert result.event.extra == {"explanation": "apply to the court"}


def test_other_reasons_are_refused() -> None:
    refused = refusal(
        snap(S.REGISTERED), "leave_without_consideration", "registry_clerk", {"reason": "boring"}
    )
    assert refused.code == "reason_not_statutory" and "unreadable" in refused.params["allowed"]


@pytest.mark.parametrize("state", [S.ANSWER_APPROVED, S.ANSWERED, S.CLOSED, S.COMPLAINT])
def test_withdrawal_only_before_consideration(state: AppealState) -> None:
    refused = refusal(snap(state), "withdraw", "citizen")
    assert refused.code == "not_allowed_in_state"
    assert refused.message.startswith("An appeal can be withdrawn only before it is considered")


def test_citizen_may_withdraw_a_fresh_appeal_and_nothing_else_staff_like() -> None:
    names = {r.action for r in allowed_actions(snap(S.REGISTERED), "citizen")}
    assert names == {Action.WITHDRAW, Action.ADD_INFORMATION}
    names = {r.action for r in allowed_actions(snap(S.ANSWERED), "citizen")}
    assert names == {Action.FILE_COMPLAINT}
    assert allowed_actions(snap(S.REGISTERED), "mayor") == ()


@pytest.mark.parametrize("state", list(S))
def test_information_is_added_unasked_only_until_the_answer(state: AppealState) -> None:
    offered = {r.action for r in allowed_actions(snap(state), "citizen")}
    until_answer = {S.REGISTERED, S.TRIAGE, S.ASSIGNED, S.IN_PROGRESS, S.REOPENED}
    assert (Action.ADD_INFORMATION in offered) is (state in until_answer | {S.ANSWER_DRAFTED})
    if state in until_answer:
        added = apply(snap(state), "add_information", "citizen", {"information": "Also"}, at(3, 5))
        assert added.snapshot.state is state and added.event.public
        assert added.event.extra == {"information": "Also"}
        assert not added.snapshot.information_requested


def test_merge_into_itself_refused() -> None:
    refused = refusal(
        snap(S.REGISTERED), "merge", "registry_clerk", {"target_appeal": "ADM-2026-000042"}
    )
    assert refused.code == "merge_into_itself"


# --- extensions ------------------------------------------------------------------------


def extend(snapshot: AppealSnapshot, data: dict[str, object], now: datetime) -> AppealSnapshot:
    return apply(snapshot, "extend_deadline", "department_head", data, now).snapshot


def test_extension_moves_the_due_date_once() -> None:
    data: dict[str, object] = {"new_due_date": date(2026, 3, 31), "reason": "site visit"}
    result = apply(snap(S.IN_PROGRESS), "extend_deadline", "department_head", data, at(3, 10))
    assert result.snapshot.due_date == date(2026, 3, 31)
    assert result.snapshot.extensions_used == 1
    assert result.event.extra == {
        "new_due_date": "2026-03-31",
        "previous_due_date": "2026-03-17",
        "applicant_notice_required": True,
    }
    again = refusal(
        result.snapshot,
        "extend_deadline",
        "department_head",
        {"new_due_date": "2026-04-10", "reason": "more"},
        at(3, 20),
    )
    assert again.code == "extension_limit_reached"
    assert Action.EXTEND_DEADLINE not in {
        r.action for r in allowed_actions(result.snapshot, "department_head")
    }


@pytest.mark.parametrize(
    ("snapshot_changes", "data", "now", "code"),
    [
        ({}, {"new_due_date": "2026-03-17", "reason": "x"}, at(3, 10), "extension_not_later"),
        ({}, {"new_due_date": "2026-03-31", "reason": "x"}, at(3, 18, 0), "extension_after_due"),
        ({}, {"new_due_date": "2026-03-31"}, at(3, 10), "extension_reason_required"),
        (
            {},
            {"new_due_date": "2026-03-31", "reason": "x", "applicant_notified": False},
            at(3, 10),
            "extension_notice_required",
        ),
        (
            {"due_date": None},
            {"new_due_date": "2026-03-31", "reason": "x"},
            at(3, 10),
            "no_deadline",
        ),
    ],
)
def test_extension_refusals(
    snapshot_changes: dict[str, object], data: dict[str, object], now: datetime, code: str
) -> None:
    refused = refusal(
        snap(S.IN_PROGRESS, **snapshot_changes), "extend_deadline", "department_head", data, now
    )
    assert refused.code == code


# --- fields, time, unknowns ------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "data", "code", "field"),
    [
        ("assign", {}, "field_required", "department"),
        ("assign", {"department": "   "}, "field_required", "department"),
        ("assign", {"department": True}, "field_invalid", "department"),
        ("assign", {"department": 12.5}, "field_invalid", "department"),
        ("assign", {"department": "roads", "colour": "red"}, "field_unexpected", ""),
        ("forward", {"target_body": ["X"]}, "field_invalid", "target_body"),
    ],
)
def test_field_checks(action: str, data: dict[str, object], code: str, field: str) -> None:
    refused = refusal(snap(S.REGISTERED), action, "registry_clerk", data)
    assert refused.code == code
    if field:
        assert refused.params["field"] == field


@pytest.mark.parametrize("value", [datetime(2026, 3, 31, tzinfo=UTC), "31.03.2026", 20260331])
def test_date_fields_need_a_day(value: object) -> None:
    refused = refusal(
        snap(S.IN_PROGRESS),
        "extend_deadline",
        "department_head",
        {"new_due_date": value, "reason": "x"},
    )
    assert refused.code == "field_invalid"


def test_flag_fields_need_a_bool() -> None:
    refused = refusal(
        snap(S.IN_PROGRESS),
        "extend_deadline",
        "department_head",
        {"new_due_date": "2026-03-31", "reason": "x", "applicant_notified": "no"},
    )
    assert refused.code == "field_invalid"


def test_numeric_references_become_strings() -> None:
    result = apply(snap(S.REGISTERED), "assign", "registry_clerk", {"department": 7}, at(3, 4))
    assert result.snapshot.department == "7" and result.snapshot.executor is None


def test_reassign_replaces_the_executor() -> None:
    assigned = snap(S.IN_PROGRESS, department="roads", executor="officer-7")
    result = apply(
        assigned, "reassign", "department_head", {"department": "parks", "reason": "r"}, at(3, 4)
    )
    assert (result.snapshot.department, result.snapshot.executor) == ("parks", None)


def test_unknown_action_and_role() -> None:
    assert refusal(snap(S.REGISTERED), "teleport", "registry_clerk").code == "unknown_action"
    assert refusal(snap(S.REGISTERED), "start_triage", "mayor").code == "unknown_role"


def test_time_must_be_aware_and_move_forward() -> None:
    assert refusal(snap(S.REGISTERED), "start_triage", "system", now=datetime(2026, 3, 4)).code == (
        "naive_time"
    )
    later = snap(S.TRIAGE, changed_at=at(3, 5))
    refused = refusal(later, "assign", "system", {"department": "roads"}, now=at(3, 4))
    assert refused.code == "time_before_last_change"
    assert refusal(snap(S.REGISTERED), "start_triage", "system", now=at(3, 1)).code == (
        "time_before_last_change"
    )


def test_snapshot_validation() -> None:
    with pytest.raises(ValueError):
        AppealSnapshot(S.REGISTERED, datetime(2026, 3, 2), "Europe/Minsk")
    with pytest.raises(ValueError):
        AppealSnapshot(S.REGISTERED, at(3, 2), "Europe/Minsk", version=-1)
    assert AppealSnapshot("triage", at(3, 2), "Europe/Minsk").state is S.TRIAGE  # type: ignore[arg-type]


def test_refusal_text() -> None:
    refused = refusal(snap(S.CLOSED), "draft_answer", "department_officer")
    assert str(refused).startswith("[not_allowed_in_state] ")
    assert refused.params["allowed_from"] == "in_progress"


# --- the table itself ------------------------------------------------------------------


def test_rules_refuse_a_duplicate_row() -> None:
    with pytest.raises(ValueError, match="twice"):
        WorkflowRules(transitions=(*TRANSITIONS, TRANSITIONS[0]))


def test_rules_refuse_a_row_leaving_a_final_state() -> None:
    bad = replace(TRANSITIONS[0], sources=frozenset({S.MERGED}))
    with pytest.raises(ValueError, match="final"):
        WorkflowRules(transitions=(bad, *TRANSITIONS[1:]))


def test_rules_read_the_policy() -> None:
    rules = WorkflowRules.from_policy(BelarusAppealsLaw2023(max_extensions=2))
    assert rules.max_extensions == 2
    assert rules.without_consideration_reasons == BELARUS_2023_RULES.without_consideration_reasons
    assert rules.transition("nonsense") is None


def test_a_reply_is_taken_only_while_a_request_for_information_waits() -> None:
    start = snap(S.IN_PROGRESS)
    with pytest.raises(TransitionRefused) as refused:
        apply(start, "applicant_reply", "citizen", {"reply": "Here it is."}, at(3, 5))
    assert refused.value.code == "information_not_requested"
    assert Action.APPLICANT_REPLY not in {r.action for r in allowed_actions(start, "citizen")}
    asked = apply(start, "ask_applicant", "department_officer", {"question": "Which?"}, at(3, 5))
    assert asked.snapshot.information_requested and asked.snapshot.state is S.IN_PROGRESS
    assert asked.event.public and asked.event.extra == {"question": "Which?"}
    offered = {r.action for r in allowed_actions(asked.snapshot, "citizen", now=at(3, 6))}
    assert Action.APPLICANT_REPLY in offered
    replied = apply(asked.snapshot, "applicant_reply", "citizen", {"reply": "This."}, at(3, 6))
    assert not replied.snapshot.information_requested
    with pytest.raises(TransitionRefused):
        apply(replied.snapshot, "applicant_reply", "citizen", {"reply": "Again."}, at(3, 7))
    with pytest.raises(TransitionRefused) as drafted:
        apply(
            snap(S.ANSWER_DRAFTED), "ask_applicant", "department_head", {"question": "?"}, at(3, 5)
        )
    assert drafted.value.code == "not_allowed_in_state"


def test_leaving_the_states_of_consideration_ends_the_request_for_information() -> None:
    asked = apply(
        snap(S.ASSIGNED), "ask_applicant", "department_officer", {"question": "?"}, at(3, 5)
    ).snapshot
    started = apply(asked, "start_work", "department_officer", {}, at(3, 5))
    assert started.snapshot.information_requested  # still waiting while considered
    forwarded = apply(asked, "forward", "registry_clerk", {"target_body": "B"}, at(3, 5))
    assert not forwarded.snapshot.information_requested
