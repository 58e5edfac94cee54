"""Random walks through the state machine: states stay valid and events stay consistent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from ratusha_core.workflow import (
    BELARUS_2023_RULES,
    FINAL_STATES,
    Action,
    ActorRole,
    AppealSnapshot,
    AppealState,
    QuestionStatus,
    TransitionEvent,
    TransitionRefused,
    allowed_actions,
    apply,
)
from ratusha_core.workflow.states import ASSIGNED_STATES

MINSK = ZoneInfo("Europe/Minsk")
START = AppealSnapshot(
    state=AppealState.REGISTERED,
    registered_at=datetime(2026, 3, 2, 10, 0, tzinfo=MINSK),
    time_zone="Europe/Minsk",
    appeal_id="A-1",
    questions=(QuestionStatus("q1", False), QuestionStatus("q2", False)),
    due_date=date(2026, 3, 17),
    forward_by=date(2026, 3, 9),
)


def good_data(action: Action, snapshot: AppealSnapshot) -> dict[str, object]:
    """Give data that passes the field checks and data guards for `snapshot`."""
    due = snapshot.due_date or date(2026, 3, 17)
    table: dict[Action, dict[str, object]] = {
        Action.ASSIGN: {"department": "roads", "executor": "officer-7"},
        Action.REASSIGN: {"department": "parks", "reason": "load"},
        Action.RETURN_DRAFT: {"reason": "rework"},
        Action.FORWARD: {"target_body": "B-2"},
        Action.LEAVE_WITHOUT_CONSIDERATION: {"reason": "unreadable"},
        Action.MERGE: {"target_appeal": "A-0"},
        Action.EXTEND_DEADLINE: {"new_due_date": due + timedelta(days=7), "reason": "visit"},
        Action.REOPEN: {"reason": "again"},
        Action.FILE_COMPLAINT: {"higher_body": "REGION"},
        Action.UPHOLD_COMPLAINT: {"reason": "upheld"},
        Action.DISMISS_COMPLAINT: {"reason": "dismissed"},
        Action.ASK_APPLICANT: {"question": "Which entrance?"},
        Action.APPLICANT_REPLY: {"reply": "The second one."},
        Action.ADD_INFORMATION: {"information": "It got worse."},
    }
    return table.get(action, {})


MAIN_PATH = [
    Action.START_TRIAGE,
    Action.ASSIGN,
    Action.START_WORK,
    Action.DRAFT_ANSWER,
    Action.APPROVE_ANSWER,
    Action.SEND_ANSWER,
    Action.CLOSE,
    Action.FILE_COMPLAINT,
    Action.UPHOLD_COMPLAINT,
]

BAD_DATA: list[dict[str, object]] = [
    {},
    {"reason": "boring"},
    {"department": ""},
    {"new_due_date": "2026-01-01", "reason": "x"},
    {"target_appeal": "A-1"},
    {"unexpected": 1},
]

steps = st.lists(
    st.tuples(
        # The next main-path step, an offered (action, role) pair by index, or any
        # action by any role.
        st.one_of(st.just("main"), st.integers(0, 1000), st.sampled_from(list(Action))),
        st.sampled_from(list(ActorRole)),
        st.one_of(st.none(), st.sampled_from(BAD_DATA)),  # None: good data for the state
        st.integers(0, 72),  # hours that pass before the step
        st.sampled_from([None, "q1", "q2"]),  # an officer marks a question answered
    ),
    max_size=40,
)


def check_event(before: AppealSnapshot, after: AppealSnapshot, event: TransitionEvent) -> None:
    row = BELARUS_2023_RULES.transition(event.action)
    assert row is not None
    assert before.state in row.sources and event.actor_role in row.roles
    assert event.from_state is before.state
    assert event.to_state is after.state is (row.target or before.state)
    assert event.version == after.version == before.version + 1
    assert event.at == after.changed_at and event.at >= before.last_change
    if event.action is Action.APPROVE_ANSWER:
        assert before.questions and all(q.answered for q in before.questions)
    if event.action is Action.EXTEND_DEADLINE:
        assert before.due_date is not None and after.due_date is not None
        assert after.due_date > before.due_date


@settings(max_examples=250, deadline=None)
@given(steps)
def test_random_walks_stay_valid(
    walk: list[tuple[Action | int | str, ActorRole, object, int, object]],
) -> None:
    snapshot, now = START, START.registered_at
    events: list[TransitionEvent] = []
    for pick, any_role, bad, hours, mark in walk:
        now += timedelta(hours=hours)
        pairs = [
            (r.action, role) for role in ActorRole for r in allowed_actions(snapshot, role, now=now)
        ]
        if isinstance(pick, Action):
            action, role = pick, any_role
        elif isinstance(pick, int) and pairs:
            action, role = pairs[pick % len(pairs)]
        elif pick == "main" and pairs:
            action, role = min(
                pairs, key=lambda p: MAIN_PATH.index(p[0]) if p[0] in MAIN_PATH else 99
            )
        else:
            continue
        if isinstance(mark, str):
            snapshot = replace(
                snapshot,
                questions=tuple(
                    replace(q, answered=True) if q.question_id == mark else q
                    for q in snapshot.questions
                ),
            )
        data = good_data(action, snapshot) if not isinstance(bad, dict) else bad
        offered = {a for a, r in pairs if r is role}
        try:
            result = apply(snapshot, action, role, data, now)
        except TransitionRefused as refused:
            assert refused.code and refused.message
            # An offered action with good data is never refused.
            assert not (bad is None and action in offered), refused
            continue
        assert action in offered
        check_event(snapshot, result.snapshot, result.event)
        snapshot = result.snapshot
        events.append(result.event)
        assert isinstance(snapshot.state, AppealState)
        if snapshot.state in ASSIGNED_STATES:
            assert snapshot.department is not None
        if snapshot.state in FINAL_STATES:
            assert all(allowed_actions(snapshot, r, now=now) == () for r in ActorRole)
    # The events alone replay the history.
    state = START.state
    for event in events:
        assert event.from_state is state
        state = event.to_state
    assert state is snapshot.state
    assert snapshot.version == len(events)
    assert [e.at for e in events] == sorted(e.at for e in events)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(sorted(FINAL_STATES)),
    st.sampled_from(list(Action)),
    st.sampled_from(list(ActorRole)),
)
def test_final_states_refuse_everything(
    state: AppealState, action: Action, role: ActorRole
) -> None:
    final = replace(START, state=state)
    try:
        apply(final, action, role, good_data(action, final), START.registered_at)
    except TransitionRefused as refused:
        assert refused.code == "not_allowed_in_state"
    else:
        raise AssertionError(f"{action} left final state {state}")
