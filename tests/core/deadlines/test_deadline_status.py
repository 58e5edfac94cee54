"""Deadline status at a moment, and the reminder schedule."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ratusha_core.deadlines import (
    BelarusAppealsLaw2023,
    Deadline,
    DeadlineStatus,
    Pause,
    PauseReason,
    ReminderKind,
    TermKind,
    adjust_deadline,
    answered_in_time,
    bundled_calendar_file,
    compute_deadline,
    deadline_status,
    reminder_schedule,
)

MINSK = "Europe/Minsk"
ZONE = ZoneInfo(MINSK)
CAL = bundled_calendar_file().calendar()
LAW = BelarusAppealsLaw2023()


def at(m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(2026, m, d, hh, mm, tzinfo=ZONE)


def deadline(registered: datetime, kind: TermKind = TermKind.STANDARD) -> Deadline:
    return compute_deadline(registered, kind, calendar=CAL, policy=LAW, time_zone=MINSK)


# Registered Monday 2 March 2026, due Tuesday 17 March.
MARCH = deadline(at(3, 2))


@pytest.mark.parametrize(
    ("now", "status", "days_left", "working_left", "overdue"),
    [
        (at(3, 2, 11), DeadlineStatus.ON_TRACK, 15, 12, 0),
        (at(3, 13), DeadlineStatus.ON_TRACK, 4, 3, 0),
        (at(3, 14), DeadlineStatus.DUE_SOON, 3, 2, 0),
        (at(3, 16, 23, 59), DeadlineStatus.DUE_SOON, 1, 2, 0),
        (at(3, 17, 0, 0), DeadlineStatus.DUE_TODAY, 0, 1, 0),
        (at(3, 17, 23, 59), DeadlineStatus.DUE_TODAY, 0, 1, 0),
        (at(3, 18, 0, 0), DeadlineStatus.OVERDUE, -1, 0, 1),
        (at(3, 25), DeadlineStatus.OVERDUE, -8, 0, 8),
    ],
)
def test_status_table(
    now: datetime, status: DeadlineStatus, days_left: int, working_left: int, overdue: int
) -> None:
    reading = deadline_status(MARCH, now, calendar=CAL, policy=LAW)
    assert reading.status is status
    assert (reading.days_left, reading.working_days_left, reading.days_overdue) == (
        days_left,
        working_left,
        overdue,
    )


def test_status_uses_the_bodys_zone() -> None:
    # 21:30 UTC on 17 March is already 18 March in Minsk: overdue.
    now = datetime(2026, 3, 17, 21, 30, tzinfo=UTC)
    assert deadline_status(MARCH, now, calendar=CAL, policy=LAW).status is DeadlineStatus.OVERDUE


def test_due_soon_days_is_a_setting() -> None:
    policy = replace(LAW, due_soon_days=5)
    assert deadline_status(MARCH, at(3, 12), calendar=CAL, policy=policy).status is (
        DeadlineStatus.DUE_SOON
    )


def test_paused_status() -> None:
    policy = replace(LAW, allowed_pause_reasons=frozenset({PauseReason.AWAITING_APPLICANT}))
    paused = adjust_deadline(
        MARCH,
        pauses=[Pause(at(3, 5), PauseReason.AWAITING_APPLICANT)],
        calendar=CAL,
        policy=policy,
        now=at(3, 20),
    )
    assert deadline_status(paused, at(3, 20), calendar=CAL, policy=policy).status is (
        DeadlineStatus.PAUSED
    )


def test_status_with_a_frozen_clock() -> None:
    # The Django side reads "now" once and passes it; time-machine freezes that read.
    with time_machine.travel(datetime(2026, 3, 17, 12, 0, tzinfo=ZONE), tick=False):
        now = datetime.now(UTC)
    assert deadline_status(MARCH, now, calendar=CAL, policy=LAW).status is DeadlineStatus.DUE_TODAY


def test_naive_now_refused() -> None:
    with pytest.raises(ValueError):
        deadline_status(MARCH, datetime(2026, 3, 10), calendar=CAL, policy=LAW)


def test_answered_in_time() -> None:
    assert answered_in_time(MARCH, at(3, 17, 23, 59))
    assert not answered_in_time(MARCH, at(3, 18, 0, 0))


def test_reminders_three_days_one_day_and_overdue() -> None:
    # 3 days before Tuesday 17 March is Saturday 14th, moved back to Friday 13th.
    reminders = reminder_schedule(MARCH, calendar=CAL, policy=LAW)
    assert [(r.kind, r.send_at) for r in reminders] == [
        (ReminderKind.BEFORE_DUE, at(3, 13, 9)),
        (ReminderKind.BEFORE_DUE, at(3, 16, 9)),
        (ReminderKind.OVERDUE, datetime(2026, 3, 18, tzinfo=ZONE)),
    ]
    assert [r.days_before for r in reminders] == [4, 1, 0]
    assert [r.working_days_left for r in reminders] == [3, 2, 0]
    assert all(r.due_date == date(2026, 3, 17) for r in reminders)


def test_reminders_on_the_same_day_are_sent_once() -> None:
    # Registered Sunday 8 March: due Monday 23 March. Both "3 days" (Fri 20th) and
    # "1 day" (Sun 22nd, moved back) land on Friday 20th.
    due_monday = deadline(at(3, 8))
    assert due_monday.due_date == date(2026, 3, 23)
    before = [
        r
        for r in reminder_schedule(due_monday, calendar=CAL, policy=LAW)
        if r.kind is ReminderKind.BEFORE_DUE
    ]
    assert [r.send_at for r in before] == [at(3, 20, 9)]


def test_no_reminder_before_registration() -> None:
    # Forwarding term from Thursday 16 April ends Saturday 25 April (a worked day):
    # 3 days before is 22 April, 1 day before is Friday 24th.
    fwd = deadline(at(4, 16), TermKind.FORWARDING)
    sends = [r.send_at for r in reminder_schedule(fwd, calendar=CAL, policy=LAW)]
    assert sends == [at(4, 22, 9), at(4, 24, 9), datetime(2026, 4, 26, tzinfo=ZONE)]
    short = replace(LAW, reminder_days_before=(10, 1), reminder_time=time(8, 30))
    sends = [r.send_at for r in reminder_schedule(fwd, calendar=CAL, policy=short)]
    assert sends == [at(4, 24, 8, 30), datetime(2026, 4, 26, tzinfo=ZONE)]
