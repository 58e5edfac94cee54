"""The states of an appeal, the roles that act on it, and how states show outside.

Main path: registered -> (triage) -> assigned -> in_progress -> answer_drafted ->
answer_approved -> answered -> closed. Side branches: forwarded, left_without_consideration,
withdrawn, merged, reopened and complaint.

- *Open* states still need work from the body; *closed* ones do not (Open311 status).
- The *deadline clock* runs in the open states before the answer is sent, except while
  a complaint about the original answer is with the higher body.
- The citizen tracking page shows only *public* steps, and shows each internal state as
  the nearest public one (triage reads as registered, a draft reads as in progress).
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType


class AppealState(StrEnum):
    """Where an appeal is in the body's work."""

    REGISTERED = "registered"
    TRIAGE = "triage"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    ANSWER_DRAFTED = "answer_drafted"
    ANSWER_APPROVED = "answer_approved"
    ANSWERED = "answered"
    CLOSED = "closed"
    FORWARDED = "forwarded"
    LEFT_WITHOUT_CONSIDERATION = "left_without_consideration"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    REOPENED = "reopened"
    COMPLAINT = "complaint"


class ActorRole(StrEnum):
    """Who performs an action; staff values match `ratusha_core.permissions.Role`."""

    REGISTRY_CLERK = "registry_clerk"
    DEPARTMENT_OFFICER = "department_officer"
    DEPARTMENT_HEAD = "department_head"
    BODY_ADMIN = "body_admin"
    CITIZEN = "citizen"
    SYSTEM = "system"


S = AppealState

OPEN_STATES = frozenset(
    {
        S.REGISTERED,
        S.TRIAGE,
        S.ASSIGNED,
        S.IN_PROGRESS,
        S.ANSWER_DRAFTED,
        S.ANSWER_APPROVED,
        S.REOPENED,
        S.COMPLAINT,
    }
)
CLOSED_STATES = frozenset(AppealState) - OPEN_STATES

# The answer is due while the body still owes it; a complaint is the higher body's term.
CLOCK_RUNNING_STATES = OPEN_STATES - {S.COMPLAINT}

# Appeals others may be merged into: their answer is not yet sent, so what is merged now
# receives it when it is (the same states as those with the clock running).
TAKES_MERGED_STATES = CLOCK_RUNNING_STATES

# States with the department (and usually an executor) set.
ASSIGNED_STATES = frozenset(
    {S.ASSIGNED, S.IN_PROGRESS, S.ANSWER_DRAFTED, S.ANSWER_APPROVED, S.ANSWERED}
)

# No action leads out of these (a closed appeal can still be reopened or complained of).
FINAL_STATES = frozenset({S.FORWARDED, S.WITHDRAWN, S.MERGED})


class PublicStatus(StrEnum):
    """What the citizen's tracking page says about an appeal."""

    REGISTERED = "registered"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"
    FORWARDED = "forwarded"
    LEFT_WITHOUT_CONSIDERATION = "left_without_consideration"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    REOPENED = "reopened"
    COMPLAINT = "complaint"


P = PublicStatus
PUBLIC_STATUS = MappingProxyType(
    {
        S.REGISTERED: P.REGISTERED,
        S.TRIAGE: P.REGISTERED,
        S.ASSIGNED: P.ASSIGNED,
        S.IN_PROGRESS: P.IN_PROGRESS,
        S.ANSWER_DRAFTED: P.IN_PROGRESS,
        S.ANSWER_APPROVED: P.IN_PROGRESS,
        S.ANSWERED: P.ANSWERED,
        S.CLOSED: P.CLOSED,
        S.FORWARDED: P.FORWARDED,
        S.LEFT_WITHOUT_CONSIDERATION: P.LEFT_WITHOUT_CONSIDERATION,
        S.WITHDRAWN: P.WITHDRAWN,
        S.MERGED: P.MERGED,
        S.REOPENED: P.REOPENED,
        S.COMPLAINT: P.COMPLAINT,
    }
)

# Entering one of these is a step in the citizen's history; the others are internal.
PUBLIC_STATES = frozenset(s for s in AppealState if s.value == PUBLIC_STATUS[s].value)


def public_status(state: AppealState) -> PublicStatus:
    """Give the status the citizen sees for an internal state."""
    return PUBLIC_STATUS[state]


def is_public_step(state: AppealState) -> bool:
    """Give True when entering `state` appears in the citizen's history."""
    return state in PUBLIC_STATES


def is_open(state: AppealState) -> bool:
    """Give True when the body still has work to do on the appeal (Open311 "open")."""
    return state in OPEN_STATES


def clock_running(state: AppealState) -> bool:
    """Give True when the statutory term runs in `state`."""
    return state in CLOCK_RUNNING_STATES
