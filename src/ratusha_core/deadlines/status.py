"""Where a deadline stands at a given moment, and when to remind the executor and head.

    on_track  -> more than `due_soon_days` calendar days left
    due_soon  -> 1..`due_soon_days` days left
    due_today -> the last day is today (in the body's zone)
    overdue   -> `now` is at or after the midnight ending the last day
    paused    -> the clock is stopped (see `adjust_deadline`)

Reminders go out `reminder_days_before` calendar days before the last day (3 and 1 by
default), moved back to the previous working day when that day is a day off, so a
reminder never waits over a weekend; and once when the term runs out. Two reminders
that land on the same day are sent once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from ratusha_core.deadlines.calendar import WorkingCalendar
from ratusha_core.deadlines.policy import AppealsPolicy
from ratusha_core.deadlines.terms import Deadline, local_date, require_aware


class DeadlineStatus(StrEnum):
    """The risk band of a deadline at a moment; inboxes sort by it."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"
    PAUSED = "paused"


@dataclass(frozen=True)
class DeadlineReading:
    """A deadline read at `now`: status, days left (negative when overdue) and days late."""

    status: DeadlineStatus
    now: datetime
    today: date
    due_date: date
    days_left: int
    working_days_left: int
    days_overdue: int


def deadline_status(
    deadline: Deadline, now: datetime, *, calendar: WorkingCalendar, policy: AppealsPolicy
) -> DeadlineReading:
    """Give the status of `deadline` at `now`.

    `working_days_left` counts working days from today to the last day, both included
    (so 1 on a working last day); it is 0 once the term has run out.
    """
    require_aware(now, "now")
    today = local_date(now, deadline.time_zone)
    days_left = (deadline.due_date - today).days
    overdue = now >= deadline.ends_at
    if deadline.paused:
        status = DeadlineStatus.PAUSED
    elif overdue:
        status = DeadlineStatus.OVERDUE
    elif days_left == 0:
        status = DeadlineStatus.DUE_TODAY
    elif days_left <= policy.due_soon_days:
        status = DeadlineStatus.DUE_SOON
    else:
        status = DeadlineStatus.ON_TRACK
    return DeadlineReading(
        status=status,
        now=now,
        today=today,
        due_date=deadline.due_date,
        days_left=days_left,
        working_days_left=0 if overdue else calendar.working_days_in(today, deadline.due_date),
        days_overdue=max(0, (today - deadline.due_date).days),
    )


def answered_in_time(deadline: Deadline, answered_at: datetime) -> bool:
    """Give True when an answer sent at `answered_at` met the deadline."""
    require_aware(answered_at, "answered_at")
    return answered_at < deadline.ends_at


class ReminderKind(StrEnum):
    """Why a reminder is sent."""

    BEFORE_DUE = "before_due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Reminder:
    """A reminder to send at `send_at` (aware) about the term ending on `due_date`."""

    kind: ReminderKind
    send_at: datetime
    due_date: date
    days_before: int
    working_days_left: int


def reminder_schedule(
    deadline: Deadline, *, calendar: WorkingCalendar, policy: AppealsPolicy
) -> tuple[Reminder, ...]:
    """Give the reminders for `deadline`, in time order, none before registration.

    Recompute the schedule whenever the deadline moves (extension, pause).
    """
    zone = ZoneInfo(deadline.time_zone)
    reminders: list[Reminder] = []
    used_days: set[date] = set()
    for days_before in sorted(set(policy.reminder_days_before), reverse=True):
        day = calendar.previous_working_day(deadline.due_date - timedelta(days=days_before))
        send_at = datetime.combine(day, policy.reminder_time, tzinfo=zone)
        if send_at <= deadline.registered_at or day in used_days:
            continue
        used_days.add(day)
        reminders.append(
            Reminder(
                kind=ReminderKind.BEFORE_DUE,
                send_at=send_at,
                due_date=deadline.due_date,
                days_before=(deadline.due_date - day).days,
                working_days_left=calendar.working_days_in(day, deadline.due_date),
            )
        )
    reminders.append(
        Reminder(
            kind=ReminderKind.OVERDUE,
            send_at=deadline.ends_at,
            due_date=deadline.due_date,
            days_before=0,
            working_days_left=0,
        )
    )
    return tuple(sorted(reminders, key=lambda r: r.send_at))
