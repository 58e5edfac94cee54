"""Extensions and pauses: how a statutory deadline moves after registration.

Both are applied in the order they happened. A pause adds the days the clock stood
still, counted in the term's own unit (working days for the forwarding term, calendar
days otherwise), to the nominal last day; the day-off rule is then applied again. An
extension sets a new last day chosen by the head. Neither can move a deadline earlier:
an extension that would is refused with a `DeadlineRuleError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from ratusha_core.deadlines.calendar import WorkingCalendar
from ratusha_core.deadlines.policy import AppealsPolicy, PauseReason, TermUnit
from ratusha_core.deadlines.terms import (
    Deadline,
    end_of_day,
    last_day_of_term,
    local_date,
    require_aware,
    settle_on_working_day,
)


class DeadlineRuleError(ValueError):
    """An extension or pause the policy does not allow; `code` is stable for translation."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Extension:
    """A decision to extend the term to `new_due_date`, with its reason."""

    granted_at: datetime
    new_due_date: date
    reason: str
    applicant_notified: bool = True


@dataclass(frozen=True)
class Pause:
    """A stop of the clock; `ended_at` is None while the pause lasts."""

    started_at: datetime
    reason: PauseReason
    ended_at: datetime | None = None


def _paused_amount(
    pause: Pause, until: datetime, deadline: Deadline, calendar: WorkingCalendar
) -> int:
    """Give how many days of the term's unit the pause took (midnights crossed)."""
    first = local_date(pause.started_at, deadline.time_zone)
    resume = local_date(until, deadline.time_zone)
    if resume <= first:
        return 0
    if deadline.term.unit is TermUnit.WORKING_DAYS:
        return calendar.working_days_in(first, resume - timedelta(days=1))
    return (resume - first).days


def _shift(day: date, amount: int, unit: TermUnit, calendar: WorkingCalendar) -> date:
    """Give `day` moved forward by `amount` days of the unit."""
    if amount == 0:
        return day
    if unit is TermUnit.WORKING_DAYS:
        return calendar.nth_working_day_from(day + timedelta(days=1), amount)
    return day + timedelta(days=amount)


def check_extension(
    current: Deadline,
    extension: Extension,
    *,
    calendar: WorkingCalendar,
    policy: AppealsPolicy,
) -> None:
    """Raise `DeadlineRuleError` unless the policy allows this extension of `current`."""
    require_aware(extension.granted_at, "granted_at")
    if current.extensions_applied >= policy.max_extensions:
        raise DeadlineRuleError(
            "extension_limit_reached",
            f"The term can be extended at most {policy.max_extensions} time(s).",
        )
    if policy.extension_requires_reason and not extension.reason.strip():
        raise DeadlineRuleError("extension_reason_required", "An extension needs a reason.")
    if policy.extension_requires_applicant_notice and not extension.applicant_notified:
        raise DeadlineRuleError(
            "extension_notice_required",
            "The applicant must be notified of the extension, its reasons and the new term.",
        )
    if extension.granted_at < current.registered_at:
        raise DeadlineRuleError(
            "extension_before_registration", "An extension cannot precede registration."
        )
    if policy.extension_only_before_due and extension.granted_at >= current.ends_at:
        raise DeadlineRuleError(
            "extension_after_due",
            f"The term ended on {current.due_date.isoformat()}; it can no longer be extended.",
        )
    new_due = settle_on_working_day(extension.new_due_date, calendar, policy)
    if new_due <= current.due_date:
        raise DeadlineRuleError(
            "extension_not_later",
            f"The new term {new_due.isoformat()} must be later than the current one "
            f"{current.due_date.isoformat()}.",
        )
    if policy.extension_max_total is not None:
        cap = settle_on_working_day(
            last_day_of_term(current.registered_on, policy.extension_max_total, calendar, policy),
            calendar,
            policy,
        )
        if new_due > cap:
            raise DeadlineRuleError(
                "extension_beyond_cap",
                f"The whole term cannot exceed {policy.extension_max_total} from registration "
                f"(last day {cap.isoformat()}).",
            )


def _check_pause(current: Deadline, pause: Pause, policy: AppealsPolicy) -> None:
    require_aware(pause.started_at, "started_at")
    if pause.reason not in policy.allowed_pause_reasons:
        raise DeadlineRuleError(
            "pause_not_allowed", f"The rules do not allow stopping the clock for {pause.reason}."
        )
    if pause.started_at < current.registered_at:
        raise DeadlineRuleError("pause_before_registration", "A pause cannot precede registration.")
    if pause.started_at >= current.ends_at:
        raise DeadlineRuleError(
            "pause_after_due", "The term had already run out; the clock cannot be stopped."
        )
    if pause.ended_at is not None:
        require_aware(pause.ended_at, "ended_at")
        if pause.ended_at < pause.started_at:
            raise DeadlineRuleError(
                "pause_ends_before_start", "A pause cannot end before it starts."
            )


def adjust_deadline(
    base: Deadline,
    *,
    extensions: Sequence[Extension] = (),
    pauses: Sequence[Pause] = (),
    calendar: WorkingCalendar,
    policy: AppealsPolicy,
    now: datetime | None = None,
) -> Deadline:
    """Give `base` moved by its extensions and pauses, applied in the order they happened.

    A pause still running at `now` counts up to `now` and leaves `paused=True`; `now` is
    required when a pause has no end. Pauses may not overlap.
    """
    events: list[tuple[datetime, int, Extension | Pause]] = [
        (e.granted_at, 1, e) for e in extensions
    ] + [(p.started_at, 0, p) for p in pauses]
    for moment, _, _ in events:
        require_aware(moment, "event time")
    events.sort(key=lambda item: (item[0], item[1]))
    current = base
    pause_ended: datetime | None = None
    for _, _, event in events:
        if isinstance(event, Extension):
            check_extension(current, event, calendar=calendar, policy=policy)
            nominal = event.new_due_date
            current = replace(current, extensions_applied=current.extensions_applied + 1)
        else:
            _check_pause(current, event, policy)
            if pause_ended is not None and event.started_at < pause_ended:
                raise DeadlineRuleError("pauses_overlap", "Pauses of the clock cannot overlap.")
            until = event.ended_at
            if until is None:
                if now is None:
                    raise DeadlineRuleError(
                        "pause_open_needs_now", "A running pause needs `now` to be measured."
                    )
                require_aware(now, "now")
                until = max(now, event.started_at)
                current = replace(current, paused=True)
            pause_ended = until
            amount = _paused_amount(event, until, current, calendar)
            nominal = _shift(current.nominal_last_day, amount, current.term.unit, calendar)
            current = replace(current, paused_days=current.paused_days + amount)
        due = settle_on_working_day(nominal, calendar, policy)
        current = replace(
            current,
            nominal_last_day=nominal,
            due_date=due,
            ends_at=end_of_day(due, current.time_zone),
            calendar_covers=current.calendar_covers and calendar.covers(due),
        )
    return current
