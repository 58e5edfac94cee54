"""The transition table, exhaustively: every allowed move works, every other is refused."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from itertools import product
from zoneinfo import ZoneInfo

import pytest

from ratusha_core.permissions import Role as StaffRole
from ratusha_core.workflow import (
    BELARUS_2023_RULES,
    CLOSED_STATES,
    FINAL_STATES,
    OPEN_STATES,
    PUBLIC_STATES,
    TRANSITIONS,
    Action,
    ActorRole,
    AppealSnapshot,
    AppealState,
    PublicStatus,
    QuestionStatus,
    TransitionRefused,
    allowed_actions,
    apply,
    clock_running,
    is_open,
    public_status,
)

MINSK = ZoneInfo("Europe/Minsk")
REGISTERED_AT = datetime(2026, 3, 2, 10, 0, tzinfo=MINSK)
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=MINSK)

VALID_DATA: Mapping[Action, Mapping[str, object]] = {
    Action.ASSIGN: {"department": "roads", "executor": "officer-7"},
    Action.REASSIGN: {"department": "housing", "reason": "wrong department"},
    Action.DRAFT_ANSWER: {"answer": "draft-1"},
    Action.RETURN_DRAFT: {"reason": "add the repair date"},
    Action.FORWARD: {"target_body": "MINSK-HOUSING"},
    Action.LEAVE_WITHOUT_CONSIDERATION: {"reason": "unreadable"},
    Action.MERGE: {"target_appeal": "ADM-2026-000001"},
    Action.EXTEND_DEADLINE: {"new_due_date": "2026-03-31", "reason": "site visit"},
    Action.REOPEN: {"reason": "the repair was not done"},
    Action.FILE_COMPLAINT: {"higher_body": "REGION"},
    Action.UPHOLD_COMPLAINT: {"reason": "answer incomplete"},
    Action.DISMISS_COMPLAINT: {"reason": "answer was complete"},
    Action.ASK_APPLICANT: {"question": "Which entrance of the house?"},
    Action.APPLICANT_REPLY: {"reply": "The second entrance."},
    Action.ADD_INFORMATION: {"information": "A photo of the hole is attached."},
}


def snapshot(state: AppealState) -> AppealSnapshot:
    """Give an appeal in `state` on which every guard of the table passes at NOW."""
    return AppealSnapshot(
        state=state,
        registered_at=REGISTERED_AT,
        time_zone="Europe/Minsk",
        appeal_id="ADM-2026-000042",
        questions=(QuestionStatus("q1", True), QuestionStatus("q2", True)),
        due_date=date(2026, 3, 17),
        forward_by=date(2026, 3, 9),
        department="roads",
        executor="officer-7",
        information_requested=True,
    )


ALLOWED = [
    (row.action, state, role)
    for row in TRANSITIONS
    for state in sorted(row.sources)
    for role in sorted(row.roles)
]
NOT_FROM_STATE = [
    (row.action, state) for row in TRANSITIONS for state in sorted(set(AppealState) - row.sources)
]
WRONG_ROLE = [
    (row.action, state, role)
    for row in TRANSITIONS
    for state in sorted(row.sources)
    for role in sorted(set(ActorRole) - row.roles)
]


@pytest.mark.parametrize(("action", "state", "role"), ALLOWED)
def test_every_allowed_transition_works(
    action: Action, state: AppealState, role: ActorRole
) -> None:
    row = BELARUS_2023_RULES.transition(action)
    assert row is not None
    before = snapshot(state)
    result = apply(before, action, role, VALID_DATA.get(action, {}), NOW)
    expected = row.target or state
    assert result.snapshot.state is expected
    assert result.snapshot.version == before.version + 1
    assert result.snapshot.changed_at == NOW
    event = result.event
    assert (event.action, event.actor_role, event.at) == (action, role, NOW)
    assert (event.from_state, event.to_state) == (state, expected)
    assert event.version == result.snapshot.version
    assert event.reason == VALID_DATA.get(action, {}).get("reason", "")
    assert action in {r.action for r in allowed_actions(before, role, now=NOW)}


@pytest.mark.parametrize(("action", "state"), NOT_FROM_STATE)
def test_every_move_from_a_wrong_state_is_refused(action: Action, state: AppealState) -> None:
    for role in ActorRole:
        with pytest.raises(TransitionRefused) as refused:
            apply(snapshot(state), action, role, VALID_DATA.get(action, {}), NOW)
        assert refused.value.code == "not_allowed_in_state"
        assert refused.value.state is state and refused.value.action == action
        assert f"'{state}'" in refused.value.message
        assert action not in {r.action for r in allowed_actions(snapshot(state), role, now=NOW)}


@pytest.mark.parametrize(("action", "state", "role"), WRONG_ROLE)
def test_every_wrong_role_is_refused(action: Action, state: AppealState, role: ActorRole) -> None:
    with pytest.raises(TransitionRefused) as refused:
        apply(snapshot(state), action, role, VALID_DATA.get(action, {}), NOW)
    assert refused.value.code == "role_not_permitted"
    assert role.value in refused.value.message


def test_matrix_is_complete() -> None:
    cells = len(list(product(TRANSITIONS, AppealState)))
    allowed_cells = sum(len(row.sources) for row in TRANSITIONS)
    assert len(NOT_FROM_STATE) + allowed_cells == cells
    assert len(ALLOWED) + len(WRONG_ROLE) == allowed_cells * len(ActorRole)
    assert {row.action for row in TRANSITIONS} == set(Action)


def test_every_state_is_reachable_from_registered() -> None:
    reached, frontier = {AppealState.REGISTERED}, [AppealState.REGISTERED]
    while frontier:
        state = frontier.pop()
        for row in TRANSITIONS:
            if state in row.sources and row.target and row.target not in reached:
                reached.add(row.target)
                frontier.append(row.target)
    assert reached == set(AppealState)


def test_only_final_states_are_dead_ends() -> None:
    with_exit = {s for row in TRANSITIONS if row.target is not None for s in row.sources}
    assert set(AppealState) - with_exit == FINAL_STATES


def test_open_closed_and_public_sets() -> None:
    assert OPEN_STATES | CLOSED_STATES == set(AppealState)
    assert not OPEN_STATES & CLOSED_STATES
    assert is_open(AppealState.COMPLAINT) and not is_open(AppealState.ANSWERED)
    assert not clock_running(AppealState.COMPLAINT) and clock_running(AppealState.REOPENED)
    assert {AppealState.TRIAGE, AppealState.ANSWER_DRAFTED, AppealState.ANSWER_APPROVED} == (
        set(AppealState) - PUBLIC_STATES
    )
    assert public_status(AppealState.TRIAGE) is PublicStatus.REGISTERED
    assert public_status(AppealState.ANSWER_APPROVED) is PublicStatus.IN_PROGRESS
    assert {public_status(s) for s in AppealState} == set(PublicStatus)


def test_staff_roles_match_the_permission_roles() -> None:
    staff = set(ActorRole) - {ActorRole.CITIZEN, ActorRole.SYSTEM}
    assert {r.value for r in staff} <= {r.value for r in StaffRole}
    # A permissions role object works as the actor role.
    row = apply(snapshot(AppealState.REGISTERED), "start_triage", StaffRole.REGISTRY_CLERK, {}, NOW)
    assert row.event.actor_role is ActorRole.REGISTRY_CLERK


def test_internal_steps_are_not_public_events() -> None:
    result = apply(snapshot(AppealState.IN_PROGRESS), "draft_answer", "department_officer", {}, NOW)
    assert not result.event.public
    result = apply(
        snapshot(AppealState.IN_PROGRESS),
        "extend_deadline",
        "department_head",
        VALID_DATA[Action.EXTEND_DEADLINE],
        NOW,
    )
    assert result.event.public and result.event.from_state is result.event.to_state


def test_docstring_examples_hold() -> None:
    import doctest

    import ratusha_core.workflow.machine as machine_module

    result = doctest.testmod(machine_module)
    assert result.attempted > 0 and result.failed == 0
