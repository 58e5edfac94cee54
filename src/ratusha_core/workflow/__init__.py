"""The appeal state machine: states, allowed transitions as data, guards and events.

    registered -> triage -> assigned -> in_progress -> answer_drafted -> answer_approved
               -> answered -> closed
    side branches: forwarded, withdrawn, merged (final: nothing leads out),
    left_without_consideration, reopened, complaint (to the higher body)

`apply(snapshot, action, actor_role, data, now)` gives a `TransitionResult` (the new
snapshot and a `TransitionEvent`) or raises `TransitionRefused` with a stable `code`
and an English message. `allowed_actions(snapshot, role)` lists the buttons a UI may
show. The table (`TRANSITIONS`) says, for each action, its source states, target
state, roles and fields; guards add:

- approval needs every recorded question answered (the "on the merits" rule), and at
  least one question recorded (`require_recorded_questions`);
- forwarding after the 5-working-day term is flagged `late` in the event (or refused
  when `late_forwarding_refused`);
- leaving without consideration needs a reason from the policy's statutory list;
- an extension needs a term to extend, a later date, a reason, no more than
  `max_extensions`, and (by default) comes before the term runs out;
- an appeal cannot be merged into itself.

Readings of the law that are ours (UNVERIFIED): withdrawal "before consideration on the
merits" is allowed up to the drafted answer, not after the head's approval; a complaint
is a state of the original appeal, the complaint itself being a new linked appeal at
the higher body; an extension event is public because the applicant is notified.
Every snapshot carries a `version` for optimistic locking.
"""

from ratusha_core.workflow.machine import allowed_actions, apply
from ratusha_core.workflow.rules import BELARUS_2023_RULES, WorkflowRules
from ratusha_core.workflow.snapshot import (
    AppealSnapshot,
    JsonValue,
    QuestionStatus,
    TransitionEvent,
    TransitionRefused,
    TransitionResult,
)
from ratusha_core.workflow.states import (
    CLOCK_RUNNING_STATES,
    CLOSED_STATES,
    FINAL_STATES,
    OPEN_STATES,
    PUBLIC_STATES,
    PUBLIC_STATUS,
    TAKES_MERGED_STATES,
    ActorRole,
    AppealState,
    PublicStatus,
    clock_running,
    is_open,
    is_public_step,
    public_status,
)
from ratusha_core.workflow.transitions import (
    TRANSITIONS,
    Action,
    FieldKind,
    FieldSpec,
    Guard,
    Transition,
)

__all__ = [
    "BELARUS_2023_RULES",
    "CLOCK_RUNNING_STATES",
    "CLOSED_STATES",
    "FINAL_STATES",
    "OPEN_STATES",
    "PUBLIC_STATES",
    "PUBLIC_STATUS",
    "TAKES_MERGED_STATES",
    "TRANSITIONS",
    "Action",
    "ActorRole",
    "AppealSnapshot",
    "AppealState",
    "FieldKind",
    "FieldSpec",
    "Guard",
    "JsonValue",
    "PublicStatus",
    "QuestionStatus",
    "Transition",
    "TransitionEvent",
    "TransitionRefused",
    "TransitionResult",
    "WorkflowRules",
    "allowed_actions",
    "apply",
    "clock_running",
    "is_open",
    "is_public_step",
    "public_status",
]
