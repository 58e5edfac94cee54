"""Extensions and pauses move a deadline, never earlier, and only as the policy allows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from ratusha_core.deadlines import (
    BelarusAppealsLaw2023,
    Deadline,
    DeadlineRuleError,
    Extension,
    Pause,
    PauseReason,
    TermKind,
    TermLength,
    TermUnit,
    adjust_deadline,
    bundled_calendar_file,
    compute_deadline,
)

MINSK = "Europe/Minsk"
CAL = bundled_calendar_file().calendar()
LAW = BelarusAppealsLaw2023()
PAUSING_LAW = replace(LAW, allowed_pause_reasons=frozenset(PauseReason))


def at(m: int, d: int, hh: int = 10) -> datetime:
    return datetime(2026, m, d, hh, 0, tzinfo=ZoneInfo(MINSK))


def base(kind: TermKind = TermKind.STANDARD, registered: datetime | None = None) -> Deadline:
    # Registered Monday 2 March 2026: the standard term ends Tuesday 17 March.
    return compute_deadline(registered or at(3, 2), kind, calendar=CAL, policy=LAW, time_zone=MINSK)


def extend(new_due: date, granted: datetime | None = None, reason: str = "site visit") -> Extension:
    return Extension(granted_at=granted or at(3, 10), new_due_date=new_due, reason=reason)


def test_extension_sets_the_new_term() -> None:
    d = adjust_deadline(base(), extensions=[extend(date(2026, 3, 31))], calendar=CAL, policy=LAW)
    assert d.due_date == date(2026, 3, 31)
    assert d.statutory_due_date == date(2026, 3, 17)
    assert d.extensions_applied == 1
    assert d.ends_at == datetime(2026, 4, 1, tzinfo=ZoneInfo(MINSK))


def test_extension_to_a_day_off_moves_to_next_working_day() -> None:
    d = adjust_deadline(base(), extensions=[extend(date(2026, 3, 28))], calendar=CAL, policy=LAW)
    assert d.nominal_last_day == date(2026, 3, 28)
    assert d.due_date == date(2026, 3, 30)


@pytest.mark.parametrize(
    ("extensions", "code"),
    [
        (
            [extend(date(2026, 3, 31)), extend(date(2026, 4, 10), at(3, 20))],
            "extension_limit_reached",
        ),
        ([extend(date(2026, 3, 31), reason="  ")], "extension_reason_required"),
        ([extend(date(2026, 3, 17))], "extension_not_later"),
        ([extend(date(2026, 3, 10))], "extension_not_later"),
        ([extend(date(2026, 3, 31), at(3, 18, 0))], "extension_after_due"),
        ([extend(date(2026, 3, 31), at(3, 1))], "extension_before_registration"),
        (
            [Extension(at(3, 10), date(2026, 3, 31), "visit", applicant_notified=False)],
            "extension_notice_required",
        ),
    ],
)
def test_extension_refusals(extensions: list[Extension], code: str) -> None:
    with pytest.raises(DeadlineRuleError) as refused:
        adjust_deadline(base(), extensions=extensions, calendar=CAL, policy=LAW)
    assert refused.value.code == code
    assert refused.value.message


def test_extension_on_the_last_day_is_still_in_time() -> None:
    d = adjust_deadline(
        base(), extensions=[extend(date(2026, 3, 31), at(3, 17, 23))], calendar=CAL, policy=LAW
    )
    assert d.due_date == date(2026, 3, 31)


def test_settings_two_extensions_and_a_cap() -> None:
    policy = replace(LAW, max_extensions=2, extension_max_total=TermLength(1, TermUnit.MONTHS))
    ok = adjust_deadline(
        base(),
        extensions=[extend(date(2026, 3, 24)), extend(date(2026, 4, 2), at(3, 20))],
        calendar=CAL,
        policy=policy,
    )
    assert ok.due_date == date(2026, 4, 2) and ok.extensions_applied == 2
    with pytest.raises(DeadlineRuleError) as refused:
        adjust_deadline(base(), extensions=[extend(date(2026, 4, 3))], calendar=CAL, policy=policy)
    assert refused.value.code == "extension_beyond_cap"


def test_late_extension_allowed_when_the_setting_is_off() -> None:
    policy = replace(LAW, extension_only_before_due=False)
    d = adjust_deadline(
        base(), extensions=[extend(date(2026, 3, 31), at(3, 25))], calendar=CAL, policy=policy
    )
    assert d.due_date == date(2026, 3, 31)


def test_pauses_are_off_for_belarus_by_default() -> None:
    pause = Pause(at(3, 5), PauseReason.AWAITING_APPLICANT, at(3, 9))
    with pytest.raises(DeadlineRuleError) as refused:
        adjust_deadline(base(), pauses=[pause], calendar=CAL, policy=LAW)
    assert refused.value.code == "pause_not_allowed"


def test_closed_pause_adds_the_days_the_clock_stood() -> None:
    # Paused 5 March 10:00 to 9 March 15:00: four midnights, so 17 -> 21 March (a
    # Saturday) -> Monday 23 March.
    pause = Pause(at(3, 5), PauseReason.AWAITING_APPLICANT, at(3, 9, 15))
    d = adjust_deadline(base(), pauses=[pause], calendar=CAL, policy=PAUSING_LAW)
    assert (d.paused_days, d.nominal_last_day, d.due_date) == (
        4,
        date(2026, 3, 21),
        date(2026, 3, 23),
    )
    assert not d.paused


def test_pause_within_one_day_adds_nothing() -> None:
    pause = Pause(at(3, 5, 9), PauseReason.AWAITING_APPLICANT, at(3, 5, 17))
    d = adjust_deadline(base(), pauses=[pause], calendar=CAL, policy=PAUSING_LAW)
    assert d.due_date == date(2026, 3, 17) and d.paused_days == 0


def test_running_pause_counts_up_to_now() -> None:
    pause = Pause(at(3, 5), PauseReason.AWAITING_OTHER_BODY)
    d = adjust_deadline(base(), pauses=[pause], calendar=CAL, policy=PAUSING_LAW, now=at(3, 7))
    assert d.paused and d.paused_days == 2 and d.due_date == date(2026, 3, 19)
    with pytest.raises(DeadlineRuleError) as refused:
        adjust_deadline(base(), pauses=[pause], calendar=CAL, policy=PAUSING_LAW)
    assert refused.value.code == "pause_open_needs_now"


def test_forwarding_pause_counts_working_days() -> None:
    # Registered Thursday 16 April: forwarding term ends Saturday 25 April (worked day).
    # Paused Friday 17 to Wednesday 22 April covers only one working day (17th).
    fwd = base(TermKind.FORWARDING, at(4, 16))
    assert fwd.due_date == date(2026, 4, 25)
    pause = Pause(at(4, 17), PauseReason.AWAITING_APPLICANT, at(4, 22))
    d = adjust_deadline(fwd, pauses=[pause], calendar=CAL, policy=PAUSING_LAW)
    assert d.paused_days == 1
    assert d.due_date == date(2026, 4, 27)


def test_extension_after_a_pause_must_beat_the_paused_term() -> None:
    pause = Pause(at(3, 5), PauseReason.AWAITING_APPLICANT, at(3, 9, 15))
    with pytest.raises(DeadlineRuleError) as refused:
        adjust_deadline(
            base(),
            pauses=[pause],
            extensions=[extend(date(2026, 3, 20), at(3, 12))],
            calendar=CAL,
            policy=PAUSING_LAW,
        )
    assert refused.value.code == "extension_not_later"


@pytest.mark.parametrize(
    ("pauses", "code"),
    [
        (
            [
                Pause(at(3, 5), PauseReason.AWAITING_APPLICANT, at(3, 9)),
                Pause(at(3, 8), PauseReason.AWAITING_OTHER_BODY, at(3, 10)),
            ],
            "pauses_overlap",
        ),
        ([Pause(at(3, 18), PauseReason.AWAITING_APPLICANT, at(3, 19))], "pause_after_due"),
        ([Pause(at(3, 1), PauseReason.AWAITING_APPLICANT, at(3, 3))], "pause_before_registration"),
        ([Pause(at(3, 5), PauseReason.AWAITING_APPLICANT, at(3, 4))], "pause_ends_before_start"),
    ],
)
def test_pause_refusals(pauses: list[Pause], code: str) -> None:
    with pytest.raises(DeadlineRuleError) as refused:
        adjust_deadline(base(), pauses=pauses, calendar=CAL, policy=PAUSING_LAW)
    assert refused.value.code == code


def test_naive_event_times_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        adjust_deadline(
            base(),
            extensions=[Extension(datetime(2026, 3, 10), date(2026, 3, 31), "x")],
            calendar=CAL,
            policy=LAW,
        )
