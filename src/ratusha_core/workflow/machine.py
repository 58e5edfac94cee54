"""Applying an action to an appeal: checks in a fixed order, then the new state and its event.

Checks run in this order, and the first failure is the refusal:
unknown action -> unknown role -> time (aware, not before the last change) -> state ->
role -> fields (missing, unexpected, wrong type) -> guards.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> at = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Minsk"))
    >>> snap = AppealSnapshot(AppealState.REGISTERED, at, "Europe/Minsk")
    >>> result = apply(snap, "assign", "registry_clerk", {"department": "roads"}, at)
    >>> result.snapshot.state, result.event.from_state, result.snapshot.version
    (<AppealState.ASSIGNED: 'assigned'>, <AppealState.REGISTERED: 'registered'>, 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from types import MappingProxyType

from ratusha_core.workflow.guards import GUARDS
from ratusha_core.workflow.rules import BELARUS_2023_RULES, WorkflowRules
from ratusha_core.workflow.snapshot import (
    AppealSnapshot,
    JsonValue,
    TransitionEvent,
    TransitionRefused,
    TransitionResult,
)
from ratusha_core.workflow.states import ActorRole, AppealState, is_public_step
from ratusha_core.workflow.transitions import (
    REPLY_STATES,
    Action,
    FieldKind,
    FieldSpec,
    Transition,
)


def _refuse(code: str, message: str, **params: str) -> TransitionRefused:
    return TransitionRefused(code, message, params)


def _check_time(snapshot: AppealSnapshot, now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise _refuse("naive_time", "The time of an action must carry its time zone.")
    if now < snapshot.last_change:
        raise _refuse(
            "time_before_last_change",
            f"The action is dated {now.isoformat()}, before the appeal's last change at "
            f"{snapshot.last_change.isoformat()}.",
            now=now.isoformat(),
            last_change=snapshot.last_change.isoformat(),
        )


def _state_refusal(row: Transition, state: AppealState) -> TransitionRefused:
    sources = ", ".join(sorted(s.value for s in row.sources))
    hint = f"{row.refusal_hint} " if row.refusal_hint else ""
    return _refuse(
        "not_allowed_in_state",
        f"{hint}The action '{row.action}' is not possible while the appeal is '{state}'; "
        f"it is possible from: {sources}.",
        action=row.action.value,
        state=state.value,
        allowed_from=sources,
    )


def _parse_value(spec: FieldSpec, value: object) -> object:
    """Give the typed value of a field, or raise when it has the wrong type."""
    match spec.kind:
        case FieldKind.TEXT | FieldKind.REASON:
            if isinstance(value, str) and value.strip():
                return value.strip()
        case FieldKind.REFERENCE:
            if isinstance(value, bool):
                pass
            elif isinstance(value, int):
                return str(value)
            elif isinstance(value, str) and value.strip():
                return value.strip()
        case FieldKind.DATE:
            if isinstance(value, datetime):
                pass  # a moment is not a day: refuse rather than guess the zone
            elif isinstance(value, date):
                return value
            elif isinstance(value, str):
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    pass
        case FieldKind.FLAG:
            if isinstance(value, bool):
                return value
    raise _refuse(
        "field_invalid",
        f"The field '{spec.name}' must be a {spec.kind.value}, got {value!r}.",
        field=spec.name,
        kind=spec.kind.value,
    )


def _parse_data(row: Transition, data: Mapping[str, object]) -> dict[str, object]:
    known = {spec.name for spec in row.fields}
    unexpected = sorted(set(data) - known)
    if unexpected:
        raise _refuse(
            "field_unexpected",
            f"The action '{row.action}' takes no field(s) {', '.join(unexpected)}.",
            fields=", ".join(unexpected),
        )
    values: dict[str, object] = {}
    for spec in row.fields:
        value = data.get(spec.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.required:
                raise _refuse(
                    "field_required",
                    f"The action '{row.action}' needs the field '{spec.name}'.",
                    field=spec.name,
                )
            continue
        values[spec.name] = _parse_value(spec, value)
    return values


def _json(value: object) -> JsonValue:
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def _next_snapshot(
    snapshot: AppealSnapshot, row: Transition, values: Mapping[str, object], now: datetime
) -> AppealSnapshot:
    new = replace(
        snapshot, state=row.target or snapshot.state, version=snapshot.version + 1, changed_at=now
    )
    if row.action in (Action.ASSIGN, Action.REASSIGN):
        executor = values.get("executor")
        new = replace(
            new,
            department=str(values["department"]),
            executor=executor if isinstance(executor, str) else None,
        )
    if row.action in (Action.ASK_APPLICANT, Action.APPLICANT_REPLY):
        new = replace(new, information_requested=row.action is Action.ASK_APPLICANT)
    elif new.information_requested and new.state not in REPLY_STATES:
        new = replace(new, information_requested=False)  # answered, forwarded, withdrawn...
    if row.action is Action.EXTEND_DEADLINE:
        new_due = values["new_due_date"]
        if isinstance(new_due, date):
            new = replace(new, due_date=new_due, extensions_used=snapshot.extensions_used + 1)
    return new


def _find_row(action: str, rules: WorkflowRules, state: AppealState) -> Transition:
    row = rules.transition(action)
    if row is None:
        raise TransitionRefused(
            "unknown_action", f"There is no action '{action}'.", {"action": action}, state=state
        )
    return row


def apply(
    snapshot: AppealSnapshot,
    action: str,
    actor_role: str,
    data: Mapping[str, object],
    now: datetime,
    *,
    rules: WorkflowRules = BELARUS_2023_RULES,
) -> TransitionResult:
    """Give the appeal after `actor_role` performs `action` at `now`, with its event.

    Raises `TransitionRefused` (with a stable `code`) when the rules do not allow it.
    """
    row = _find_row(action, rules, snapshot.state)
    try:
        try:
            role = ActorRole(actor_role)
        except ValueError:
            raise _refuse("unknown_role", f"There is no role '{actor_role}'.") from None
        _check_time(snapshot, now)
        if snapshot.state not in row.sources:
            raise _state_refusal(row, snapshot.state)
        if role not in row.roles:
            allowed = ", ".join(sorted(r.value for r in row.roles))
            raise _refuse(
                "role_not_permitted",
                f"A {role.value} cannot perform '{row.action}'; it is for: {allowed}.",
                role=role.value,
                allowed_roles=allowed,
            )
        values = _parse_data(row, data)
        extra: dict[str, JsonValue] = {}
        for guard in row.guards:
            extra.update(GUARDS[guard](snapshot, MappingProxyType(values), now, rules))
    except TransitionRefused as refusal:
        refusal.action, refusal.state = row.action.value, snapshot.state
        raise
    new = _next_snapshot(snapshot, row, values, now)
    reason = values.get("reason")
    for name, value in values.items():
        if name != "reason":
            extra[name] = _json(value)
    event = TransitionEvent(
        action=row.action,
        actor_role=role,
        at=now,
        from_state=snapshot.state,
        to_state=new.state,
        reason=reason if isinstance(reason, str) else "",
        extra=MappingProxyType(extra),
        public=row.public if row.public is not None else is_public_step(new.state),
        version=new.version,
    )
    return TransitionResult(snapshot=new, event=event)


def allowed_actions(
    snapshot: AppealSnapshot,
    role: str,
    *,
    now: datetime | None = None,
    rules: WorkflowRules = BELARUS_2023_RULES,
) -> tuple[Transition, ...]:
    """Give the actions `role` may offer now (state, role and data-free guards pass).

    The data the user then types can still be refused by `apply`.
    """
    try:
        actor = ActorRole(role)
    except ValueError:
        return ()
    moment = now or snapshot.last_change
    offered = []
    for row in rules.transitions:
        if snapshot.state not in row.sources or actor not in row.roles:
            continue
        try:
            for guard in row.guards:
                GUARDS[guard](snapshot, None, moment, rules)
        except TransitionRefused:
            continue
        offered.append(row)
    return tuple(offered)
