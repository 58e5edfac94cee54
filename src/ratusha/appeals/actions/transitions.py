"""Moving an appeal through the workflow of ``ratusha_core.workflow``, one locked row at a time."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.accounts.models import User
from ratusha.accounts.permissions import grants_of
from ratusha.appeals.actions.errors import AppealConflict, TransitionNotAllowed
from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.appeals.policy import rules_for
from ratusha.appeals.signals import appeal_event_committed
from ratusha.bodies.models import Body, Department
from ratusha_core.permissions import Role
from ratusha_core.workflow import (
    TAKES_MERGED_STATES,
    ActorRole,
    AppealSnapshot,
    QuestionStatus,
    TransitionRefused,
    TransitionResult,
    apply,
)

# The order in which a person's roles are tried for an action: the most specific first.
_ROLE_ORDER = [
    ActorRole.DEPARTMENT_OFFICER,
    ActorRole.DEPARTMENT_HEAD,
    ActorRole.REGISTRY_CLERK,
    ActorRole.BODY_ADMIN,
]


# The applicant's own texts (a reply, information added), and the roles whose next step
# shows they were read.
APPLICANT_STEPS = frozenset({"applicant_reply", "add_information"})
EXECUTOR_ROLES = frozenset({ActorRole.DEPARTMENT_OFFICER, ActorRole.DEPARTMENT_HEAD})


def acting_roles(user: User | None, appeal: Appeal) -> list[ActorRole]:
    """Give the workflow roles the person holds for this appeal, most specific first."""
    if user is None:
        return []
    path = {int(p) for p in appeal.body.path.strip("/").split("/") if p}
    held: set[ActorRole] = set()
    for grant in grants_of(user):
        if grant.role is Role.SYSTEM_ADMIN:
            held.add(ActorRole.BODY_ADMIN)
        elif grant.role is Role.BODY_ADMIN and grant.body_id in path:
            held.add(ActorRole.BODY_ADMIN)
        elif grant.role is Role.REGISTRY_CLERK and grant.body_id == appeal.body_id:
            held.add(ActorRole.REGISTRY_CLERK)
        elif (
            grant.role in (Role.DEPARTMENT_OFFICER, Role.DEPARTMENT_HEAD)
            and appeal.department_id is not None
            and grant.department_id == appeal.department_id
        ):
            held.add(ActorRole(grant.role.value))
    roles = [role for role in _ROLE_ORDER if role in held]
    if appeal.citizen_id is not None and appeal.citizen_id == user.pk:
        roles.append(ActorRole.CITIZEN)
    return roles


def snapshot_of(appeal: Appeal) -> AppealSnapshot:
    """Give the facts about the appeal that the state machine reads."""
    return AppealSnapshot(
        state=appeal.state,
        registered_at=appeal.registered_at,
        time_zone=appeal.body.time_zone,
        appeal_id=str(appeal.pk),
        version=appeal.version,
        changed_at=appeal.changed_at,
        questions=tuple(
            QuestionStatus(str(pk), answered)
            for pk, answered in appeal.questions.values_list("pk", "answered")
        ),
        due_date=appeal.due_date,
        forward_by=appeal.forward_by,
        extensions_used=appeal.extensions_used,
        department=str(appeal.department_id) if appeal.department_id else None,
        executor=str(appeal.executor_id) if appeal.executor_id else None,
        information_requested=appeal.information_requested_at is not None,
    )


_MESSAGES: dict[str, Callable[[], str]] = {
    "not_allowed_in_state": lambda: _(
        "This action is not possible in the appeal's current status."
    ),
    "role_not_permitted": lambda: _("Your role does not allow this action on this appeal."),
    "questions_unanswered": lambda: _("Every question of the appeal must be answered first."),
    "questions_not_recorded": lambda: _("Record the questions of the appeal first."),
    "field_required": lambda: _("A required detail is missing."),
    "field_invalid": lambda: _("A detail has a wrong value."),
    "reason_not_statutory": lambda: _("Choose one of the reasons the law allows."),
    "merge_into_itself": lambda: _("An appeal cannot be merged into itself."),
    "forwarding_late": lambda: _("The term for forwarding this appeal has ended."),
    "extension_limit_reached": lambda: _("The term cannot be extended again."),
    "extension_after_due": lambda: _("The term has ended and can no longer be extended."),
    "extension_not_later": lambda: _("The new term must be later than the current one."),
    "extension_reason_required": lambda: _("Give the reasons for the extension."),
    "extension_notice_required": lambda: _("The applicant must be told of the extension."),
    "no_deadline": lambda: _("This appeal has no term to extend."),
    "information_not_requested": lambda: _(
        "Nobody has asked for more information, or the reply has already been given."
    ),
}


def refusal_message(refused: TransitionRefused) -> str:
    """Give a translated message for a refusal, falling back to a general one."""
    message = _MESSAGES.get(refused.code)
    if message is not None:
        return message()
    return _("The action was refused: %(detail)s") % {"detail": refused.message}


def _apply_fields(appeal: Appeal, result: TransitionResult, data: Mapping[str, Any]) -> None:
    snapshot = result.snapshot
    appeal.state = str(snapshot.state)
    appeal.version = snapshot.version
    appeal.changed_at = snapshot.changed_at
    appeal.extensions_used = snapshot.extensions_used
    appeal.due_date = snapshot.due_date
    if snapshot.information_requested != (appeal.information_requested_at is not None):
        asked = snapshot.information_requested  # asked again: waiting since the first request
        appeal.information_requested_at = snapshot.changed_at if asked else None
    if "department" in data:
        department = Department.objects.get(pk=data["department"], body_id=appeal.body_id)
        appeal.department = department
        appeal.executor_id = int(data["executor"]) if data.get("executor") else None
    if "target_body" in data:
        appeal.forwarded_to = Body.objects.get(pk=data["target_body"])
    if "target_appeal" in data:
        appeal.merged_into = Appeal.objects.get(pk=data["target_appeal"], body_id=appeal.body_id)


def _validate_references(appeal: Appeal, data: Mapping[str, Any]) -> None:
    if "department" in data:
        department = Department.objects.filter(
            pk=data["department"], body_id=appeal.body_id
        ).first()
        if department is None:
            raise TransitionNotAllowed(_("Choose a department of this body."), "bad_department")
        executor = data.get("executor")
        if executor and not department.role_grants.filter(user_id=executor).exists():
            raise TransitionNotAllowed(
                _("The executor must work in the chosen department."), "bad_executor"
            )
    if "target_appeal" in data:
        target = Appeal.objects.filter(pk=data["target_appeal"], body_id=appeal.body_id).first()
        if target is None:
            raise TransitionNotAllowed(_("Choose an appeal of this body."), "bad_target_appeal")
        refuse_unless_it_takes_merged(target)


def refuse_unless_it_takes_merged(target: Appeal) -> None:
    """Refuse merging into an appeal whose answer is sent, or that is merged itself.

    The merged applicants receive the target's answer when it is sent, so they would
    otherwise wait for an answer that never comes.
    """
    if target.state not in TAKES_MERGED_STATES:
        raise TransitionNotAllowed(
            _(
                "%(number)s can no longer take merged appeals: its answer is sent or it "
                "is closed. Choose another appeal."
            )
            % {"number": target.number},
            "target_takes_no_merged",
        )


def announce(event: AppealEvent) -> None:
    """Tell listeners (the ledger) about the event once the transaction commits."""
    transaction.on_commit(
        lambda: appeal_event_committed.send(sender=AppealEvent, event=event), robust=True
    )


def do_transition(
    appeal: Appeal,
    action: str,
    role: ActorRole,
    data: Mapping[str, Any],
    actor: User | None,
    now: datetime,
) -> TransitionResult:
    """Apply one action to a locked appeal and record the event (the caller holds the lock)."""
    try:
        result = apply(snapshot_of(appeal), action, role, data, now, rules=rules_for(appeal.body))
    except TransitionRefused as refused:
        raise TransitionNotAllowed(refusal_message(refused), refused.code) from refused
    _apply_fields(appeal, result, data)
    if action in APPLICANT_STEPS:
        appeal.applicant_news_at = now  # the inbox marks it until an executor acts
    elif role in EXECUTOR_ROLES:
        appeal.applicant_news_at = None
    if result.snapshot.state in ("answered",) and appeal.answered_at is None:
        appeal.answered_at = now
    appeal.save()
    event = result.event
    row = AppealEvent.objects.create(
        appeal=appeal,
        at=event.at,
        actor=actor,
        actor_role=str(event.actor_role),
        action=str(event.action),
        from_state=str(event.from_state),
        to_state=str(event.to_state),
        reason=event.reason,
        extra=dict(event.extra),
        public=event.public,
    )
    announce(row)
    return result


def check_transition(
    appeal_id: int,
    action: str,
    actor: User | None,
    data: Mapping[str, Any] | None = None,
    *,
    expected_version: int | None = None,
    as_system: bool = False,
    as_citizen: bool = False,
    now: datetime | None = None,
) -> Appeal:
    """Lock the appeal, check who may act and that nobody changed it meanwhile, then act.

    ``as_citizen`` is for the holder of the tracking link; ``as_system`` for tasks.
    """
    data = {k: v for k, v in (data or {}).items() if v not in (None, "")}
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().select_related("body").get(pk=appeal_id)
        if expected_version is not None and appeal.version != expected_version:
            raise AppealConflict(
                _("Someone else changed this appeal meanwhile. Reload it and try again."),
            )
        _validate_references(appeal, data)
        if as_system:
            roles = [ActorRole.SYSTEM]
        elif as_citizen:
            roles = [ActorRole.CITIZEN]
        else:
            roles = acting_roles(actor, appeal)
        if not roles:
            raise TransitionNotAllowed(
                _("Your role does not allow this action on this appeal."), "role_not_permitted"
            )
        moment = now or timezone.now()
        last: TransitionNotAllowed | None = None
        for role in roles:
            try:
                do_transition(appeal, action, role, data, actor, moment)
                return appeal
            except TransitionNotAllowed as refused:
                last = refused
                if refused.code != "role_not_permitted":
                    raise
        assert last is not None
        raise last


def check_mark_news_read(user: User, appeal: Appeal) -> bool:
    """Clear the appeal's mark of new information from the applicant, for its executor or
    a head of its department who read it and needs no step; give whether it was set."""
    if not EXECUTOR_ROLES & set(acting_roles(user, appeal)):
        raise TransitionNotAllowed(
            _("Your role does not allow this action on this appeal."), "role_not_permitted"
        )
    return bool(
        Appeal.objects.filter(pk=appeal.pk, applicant_news_at__isnull=False).update(
            applicant_news_at=None
        )
    )
