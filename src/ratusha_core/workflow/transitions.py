"""The allowed transitions of an appeal, as data.

Each `Transition` names an action, the states it may start from, the state it leads to
(None: the appeal stays where it is and only an event is recorded, as for an
extension), the roles allowed to perform it, the fields it needs, and the guards that
must pass. `TRANSITIONS` is the default table; `WorkflowRules` may carry another.

Interpretations worth knowing:
- "Withdrawal before consideration on the merits" is read as: until the head approves
  the answer (UNVERIFIED reading of the law).
- Forwarding is allowed until the answer is drafted; after the 5-working-day term it is
  recorded with `late: true` (or refused when the policy says so).
- A complaint goes to the higher body; its decision comes back as "uphold" (reopened)
  or "dismiss" (closed), recorded by the system or the body's administrator.
- The executor may ask the applicant for more information while considering the appeal;
  the term keeps running (the rules name no pause). The applicant's reply (or a clerk's
  entry of one given on paper) is taken only while a request waits for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ratusha_core.workflow.states import ActorRole, AppealState

S = AppealState
R = ActorRole


class Action(StrEnum):
    """The actions a person or the system can take on an appeal."""

    START_TRIAGE = "start_triage"
    ASSIGN = "assign"
    REASSIGN = "reassign"
    START_WORK = "start_work"
    DRAFT_ANSWER = "draft_answer"
    RETURN_DRAFT = "return_draft"
    APPROVE_ANSWER = "approve_answer"
    SEND_ANSWER = "send_answer"
    CLOSE = "close"
    FORWARD = "forward"
    LEAVE_WITHOUT_CONSIDERATION = "leave_without_consideration"
    WITHDRAW = "withdraw"
    MERGE = "merge"
    EXTEND_DEADLINE = "extend_deadline"
    REOPEN = "reopen"
    FILE_COMPLAINT = "file_complaint"
    UPHOLD_COMPLAINT = "uphold_complaint"
    DISMISS_COMPLAINT = "dismiss_complaint"
    ASK_APPLICANT = "ask_applicant"
    APPLICANT_REPLY = "applicant_reply"
    ADD_INFORMATION = "add_information"


class FieldKind(StrEnum):
    """The type of a value in an action's data."""

    TEXT = "text"  # free text, non-blank
    REFERENCE = "reference"  # an identifier of a body, department, person or appeal
    DATE = "date"  # a `date` or an ISO 8601 date string
    FLAG = "flag"  # a bool
    REASON = "reason"  # a code from the policy's list of reasons


class Guard(StrEnum):
    """Checks beyond state, role and fields; the machine implements each one."""

    ALL_QUESTIONS_ANSWERED = "all_questions_answered"
    FORWARDING_TERM = "forwarding_term"
    STATUTORY_REASON = "statutory_reason"
    NOT_INTO_ITSELF = "not_into_itself"
    EXTENSION_ALLOWED = "extension_allowed"
    INFORMATION_REQUESTED = "information_requested"


@dataclass(frozen=True)
class FieldSpec:
    """One field of an action's data."""

    name: str
    kind: FieldKind
    required: bool = True


@dataclass(frozen=True)
class Transition:
    """One row of the transition table."""

    action: Action
    sources: frozenset[AppealState]
    target: AppealState | None
    roles: frozenset[ActorRole]
    fields: tuple[FieldSpec, ...] = ()
    guards: tuple[Guard, ...] = ()
    summary: str = ""
    refusal_hint: str = ""
    # None: the event is public when the target state is a public step.
    public: bool | None = None


def _t(
    action: Action,
    sources: set[AppealState],
    target: AppealState | None,
    roles: set[ActorRole],
    *fields: FieldSpec,
    guards: tuple[Guard, ...] = (),
    summary: str,
    refusal_hint: str = "",
    public: bool | None = None,
) -> Transition:
    return Transition(
        action,
        frozenset(sources),
        target,
        frozenset(roles),
        fields,
        guards,
        summary,
        refusal_hint,
        public,
    )


REASON_TEXT = FieldSpec("reason", FieldKind.TEXT)
BEFORE_ANSWER = {S.REGISTERED, S.TRIAGE, S.ASSIGNED, S.IN_PROGRESS, S.REOPENED}
ANSWERED_OR_REFUSED = {S.ANSWERED, S.CLOSED, S.LEFT_WITHOUT_CONSIDERATION}
STAFF = {R.REGISTRY_CLERK, R.DEPARTMENT_HEAD, R.BODY_ADMIN}
EXECUTORS = {R.DEPARTMENT_OFFICER, R.DEPARTMENT_HEAD}
# Where a request for information can wait for the applicant's reply; leaving them (an
# answer, a forwarding, a withdrawal...) ends the request.
REPLY_STATES = frozenset({S.ASSIGNED, S.IN_PROGRESS, S.ANSWER_DRAFTED})

TRANSITIONS: tuple[Transition, ...] = (
    _t(
        Action.START_TRIAGE,
        {S.REGISTERED},
        S.TRIAGE,
        {R.REGISTRY_CLERK, R.SYSTEM},
        summary="Send the appeal to triage (automatic or the clerk's queue).",
    ),
    _t(
        Action.ASSIGN,
        {S.REGISTERED, S.TRIAGE, S.REOPENED},
        S.ASSIGNED,
        STAFF | {R.SYSTEM},
        FieldSpec("department", FieldKind.REFERENCE),
        FieldSpec("executor", FieldKind.REFERENCE, required=False),
        summary="Route the appeal to a department, and optionally an executor.",
    ),
    _t(
        Action.REASSIGN,
        {S.ASSIGNED, S.IN_PROGRESS, S.ANSWER_DRAFTED},
        S.ASSIGNED,
        {R.DEPARTMENT_HEAD, R.BODY_ADMIN},
        FieldSpec("department", FieldKind.REFERENCE),
        FieldSpec("executor", FieldKind.REFERENCE, required=False),
        REASON_TEXT,
        summary="Give the appeal to another department or executor.",
    ),
    _t(
        Action.START_WORK,
        {S.ASSIGNED},
        S.IN_PROGRESS,
        EXECUTORS,
        summary="The executor starts considering the appeal.",
    ),
    _t(
        Action.DRAFT_ANSWER,
        {S.IN_PROGRESS},
        S.ANSWER_DRAFTED,
        EXECUTORS,
        FieldSpec("answer", FieldKind.REFERENCE, required=False),
        summary="The executor submits a draft answer for approval.",
    ),
    _t(
        Action.RETURN_DRAFT,
        {S.ANSWER_DRAFTED},
        S.IN_PROGRESS,
        EXECUTORS,
        REASON_TEXT,
        summary="The draft goes back for rework.",
    ),
    _t(
        Action.APPROVE_ANSWER,
        {S.ANSWER_DRAFTED},
        S.ANSWER_APPROVED,
        {R.DEPARTMENT_HEAD},
        guards=(Guard.ALL_QUESTIONS_ANSWERED,),
        summary="The head approves (and later signs) the answer.",
        refusal_hint="Only a drafted answer can be approved.",
    ),
    _t(
        Action.SEND_ANSWER,
        {S.ANSWER_APPROVED},
        S.ANSWERED,
        {R.DEPARTMENT_OFFICER, R.DEPARTMENT_HEAD, R.REGISTRY_CLERK, R.SYSTEM},
        FieldSpec("delivery", FieldKind.TEXT, required=False),
        summary="The approved answer is sent to the applicant.",
        refusal_hint="Only an approved answer can be sent.",
    ),
    _t(
        Action.CLOSE,
        {S.ANSWERED},
        S.CLOSED,
        STAFF | {R.SYSTEM},
        summary="Close the answered appeal.",
    ),
    _t(
        Action.FORWARD,
        {S.REGISTERED, S.TRIAGE, S.ASSIGNED, S.IN_PROGRESS},
        S.FORWARDED,
        STAFF,
        FieldSpec("target_body", FieldKind.REFERENCE),
        guards=(Guard.FORWARDING_TERM,),
        summary="Forward to the competent body and notify the applicant.",
        refusal_hint="Forwarding is possible only before an answer is drafted.",
    ),
    _t(
        Action.LEAVE_WITHOUT_CONSIDERATION,
        BEFORE_ANSWER,
        S.LEFT_WITHOUT_CONSIDERATION,
        STAFF,
        FieldSpec("reason", FieldKind.REASON),
        FieldSpec("explanation", FieldKind.TEXT, required=False),
        guards=(Guard.STATUTORY_REASON,),
        summary="Leave without consideration on the merits, for a statutory reason.",
    ),
    _t(
        Action.WITHDRAW,
        BEFORE_ANSWER | {S.ANSWER_DRAFTED},
        S.WITHDRAWN,
        {R.CITIZEN, R.REGISTRY_CLERK},
        FieldSpec("reason", FieldKind.TEXT, required=False),
        summary="The applicant withdraws the appeal.",
        refusal_hint="An appeal can be withdrawn only before it is considered on the merits.",
    ),
    _t(
        Action.MERGE,
        BEFORE_ANSWER,
        S.MERGED,
        STAFF,
        FieldSpec("target_appeal", FieldKind.REFERENCE),
        guards=(Guard.NOT_INTO_ITSELF,),
        summary="Merge into another appeal on the same question.",
    ),
    _t(
        Action.EXTEND_DEADLINE,
        {S.ASSIGNED, S.IN_PROGRESS, S.ANSWER_DRAFTED},
        None,
        {R.DEPARTMENT_HEAD, R.BODY_ADMIN},
        FieldSpec("new_due_date", FieldKind.DATE),
        FieldSpec("reason", FieldKind.TEXT, required=False),
        FieldSpec("applicant_notified", FieldKind.FLAG, required=False),
        guards=(Guard.EXTENSION_ALLOWED,),
        summary="Extend the term, with reasons; the applicant is notified.",
        refusal_hint="The term can be extended only while the appeal is being considered.",
        public=True,  # the applicant is told of the new term
    ),
    _t(
        Action.REOPEN,
        ANSWERED_OR_REFUSED,
        S.REOPENED,
        {R.DEPARTMENT_HEAD, R.BODY_ADMIN},
        REASON_TEXT,
        summary="Reopen an answered or refused appeal.",
    ),
    _t(
        Action.FILE_COMPLAINT,
        ANSWERED_OR_REFUSED,
        S.COMPLAINT,
        {R.CITIZEN, R.REGISTRY_CLERK},
        FieldSpec("higher_body", FieldKind.REFERENCE),
        FieldSpec("complaint_appeal", FieldKind.REFERENCE, required=False),
        summary="The applicant complains about the answer to the higher body.",
        refusal_hint="A complaint can be filed once the appeal is answered or refused.",
    ),
    _t(
        Action.UPHOLD_COMPLAINT,
        {S.COMPLAINT},
        S.REOPENED,
        {R.BODY_ADMIN, R.SYSTEM},
        REASON_TEXT,
        summary="The higher body upheld the complaint; the appeal is considered again.",
    ),
    _t(
        Action.ASK_APPLICANT,
        {S.ASSIGNED, S.IN_PROGRESS},
        None,
        EXECUTORS,
        FieldSpec("question", FieldKind.TEXT),
        summary="Ask the applicant for more information; the term keeps running.",
        refusal_hint="The applicant can be asked only while the appeal is being considered.",
        public=True,  # the applicant reads the request and replies on the tracking page
    ),
    _t(
        Action.APPLICANT_REPLY,
        set(REPLY_STATES),
        None,
        {R.CITIZEN, R.REGISTRY_CLERK},
        FieldSpec("reply", FieldKind.TEXT),
        guards=(Guard.INFORMATION_REQUESTED,),
        summary="The applicant gives the information asked for (a clerk enters a paper reply).",
        refusal_hint="A reply is possible while the appeal is being considered.",
        public=True,
    ),
    _t(
        Action.ADD_INFORMATION,
        BEFORE_ANSWER | {S.ANSWER_DRAFTED},
        None,
        {R.CITIZEN, R.REGISTRY_CLERK},
        FieldSpec("information", FieldKind.TEXT),
        summary="The applicant adds information unasked (a clerk enters one given on paper).",
        refusal_hint="Information can be added only until the appeal is answered.",
        public=True,  # the applicant sees it in the history of the tracking page
    ),
    _t(
        Action.DISMISS_COMPLAINT,
        {S.COMPLAINT},
        S.CLOSED,
        {R.BODY_ADMIN, R.SYSTEM},
        REASON_TEXT,
        summary="The higher body dismissed the complaint.",
    ),
)
