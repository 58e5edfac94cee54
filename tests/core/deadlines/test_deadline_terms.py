"""Due dates worked out by hand from the rules in appeals-law-belarus.md."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from ratusha_core.deadlines import (
    AppealForm,
    AppealsPolicy,
    BelarusAppealsLaw2023,
    TermKind,
    TermLength,
    TermUnit,
    WithoutConsiderationReason,
    add_months,
    bundled_calendar_file,
    compute_deadline,
)

MINSK = "Europe/Minsk"
CAL = bundled_calendar_file().calendar()
LAW = BelarusAppealsLaw2023()


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0, zone: str = MINSK) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=ZoneInfo(zone))


def due(registered: datetime, kind: TermKind, policy: AppealsPolicy = LAW) -> date:
    return compute_deadline(registered, kind, calendar=CAL, policy=policy, time_zone=MINSK).due_date


@pytest.mark.parametrize(
    ("registered", "kind", "expected", "why"),
    [
        (at(2026, 3, 2), TermKind.STANDARD, date(2026, 3, 17), "day 1 is 3 March, day 15 is 17th"),
        (
            at(2026, 4, 3),
            TermKind.STANDARD,
            date(2026, 4, 22),
            "day 15 is Sat 18 April; 19 Sun, 20 moved day off, 21 Radunitsa",
        ),
        (
            at(2026, 12, 17),
            TermKind.STANDARD,
            date(2027, 1, 4),
            "day 15 is 1 January; 2 Jan holiday, 3 Sunday",
        ),
        (at(2026, 1, 15), TermKind.FURTHER_STUDY, date(2026, 2, 16), "15 Feb is a Sunday"),
        (at(2026, 1, 31), TermKind.FURTHER_STUDY, date(2026, 3, 2), "no 31 Feb; 28th Saturday"),
        (at(2026, 3, 10), TermKind.FURTHER_STUDY, date(2026, 4, 10), "same day next month"),
        (
            at(2026, 4, 16),
            TermKind.FORWARDING,
            date(2026, 4, 25),
            "17, 22, 23, 24 and the worked Saturday 25 April",
        ),
        (at(2026, 12, 30), TermKind.FORWARDING, date(2027, 1, 8), "31 Dec, 4, 5, 6, 8 Jan"),
        (at(2026, 3, 6), TermKind.FORWARDING, date(2026, 3, 13), "Mar 8 is a Sunday: no effect"),
    ],
)
def test_worked_examples(registered: datetime, kind: TermKind, expected: date, why: str) -> None:
    assert due(registered, kind) == expected, why


def test_deadline_fields() -> None:
    d = compute_deadline(
        at(2026, 4, 3), TermKind.STANDARD, calendar=CAL, policy=LAW, time_zone=MINSK
    )
    assert d.registered_on == date(2026, 4, 3)
    assert d.first_counted_day == date(2026, 4, 4)
    assert d.nominal_last_day == date(2026, 4, 18)
    assert d.moved_off_day_off
    assert d.statutory_due_date == d.due_date
    assert d.ends_at == datetime(2026, 4, 23, 0, 0, tzinfo=ZoneInfo(MINSK))
    assert d.term == TermLength(15, TermUnit.CALENDAR_DAYS)
    assert d.calendar_covers
    assert (d.paused_days, d.extensions_applied, d.paused) == (0, 0, False)


def test_registration_day_is_read_in_the_bodys_zone() -> None:
    # 22:30 UTC on 2 March is 01:30 on 3 March in Minsk (UTC+3).
    late = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)
    d = compute_deadline(late, TermKind.STANDARD, calendar=CAL, policy=LAW, time_zone=MINSK)
    assert d.registered_on == date(2026, 3, 3)
    assert d.due_date == date(2026, 3, 18)
    london = compute_deadline(
        late, TermKind.STANDARD, calendar=CAL, policy=LAW, time_zone="Europe/London"
    )
    assert london.registered_on == date(2026, 3, 2)


def test_naive_datetime_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        compute_deadline(
            datetime(2026, 3, 2, 10), TermKind.STANDARD, calendar=CAL, policy=LAW, time_zone=MINSK
        )


def test_unverified_setting_working_days() -> None:
    policy = replace(LAW, standard_term=TermLength(15, TermUnit.WORKING_DAYS))
    assert due(at(2026, 3, 2), TermKind.STANDARD, policy) == date(2026, 3, 23)


def test_unverified_setting_no_move_off_day_off() -> None:
    policy = replace(LAW, move_last_day_off_to_next_working_day=False)
    assert due(at(2026, 4, 3), TermKind.STANDARD, policy) == date(2026, 4, 18)


def test_counting_from_registration_day() -> None:
    policy = replace(LAW, count_from_day_after_registration=False)
    assert due(at(2026, 3, 2), TermKind.STANDARD, policy) == date(2026, 3, 16)
    assert due(at(2026, 3, 10), TermKind.FURTHER_STUDY, policy) == date(2026, 4, 9)
    assert due(at(2026, 3, 5), TermKind.FORWARDING, policy) == date(2026, 3, 11)


def test_outside_the_calendar_is_flagged() -> None:
    d = compute_deadline(
        at(2028, 6, 1), TermKind.STANDARD, calendar=CAL, policy=LAW, time_zone=MINSK
    )
    assert not d.calendar_covers
    assert d.due_date == date(2028, 6, 16)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), 3, date(2026, 6, 30)),
        (date(2026, 5, 20), 12, date(2027, 5, 20)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_belarus_policy_parameters() -> None:
    assert LAW.term(TermKind.STANDARD) == TermLength(15, TermUnit.CALENDAR_DAYS)
    assert LAW.term(TermKind.FURTHER_STUDY) == TermLength(1, TermUnit.MONTHS)
    assert LAW.term(TermKind.FORWARDING) == TermLength(5, TermUnit.WORKING_DAYS)
    assert LAW.term(TermKind.STANDARD, AppealForm.ELECTRONIC) == LAW.term(TermKind.STANDARD)
    assert LAW.max_extensions == 1 and LAW.extension_max_total is None
    assert LAW.allowed_pause_reasons == frozenset()
    assert LAW.without_consideration_reasons == {r.value for r in WithoutConsiderationReason}
    assert LAW.accepts_language("BE") and LAW.accepts_language("ru")
    assert not LAW.accepts_language("en")
    assert not LAW.starts_deadline(anonymous=True) and LAW.starts_deadline(anonymous=False)
    assert str(LAW.standard_term) == "15 calendar days"


THIRTY_DAYS = TermLength(30, TermUnit.CALENDAR_DAYS)
TWO_MONTHS = TermLength(2, TermUnit.MONTHS)
SEVEN_DAYS = TermLength(7, TermUnit.CALENDAR_DAYS)


@dataclass(frozen=True, kw_only=True)
class ExampleElectronicLaw(AppealsPolicy):
    """A made-up jurisdiction whose electronic appeals get 10 working days."""

    code: str = "example"
    title: str = "Example"
    standard_term: TermLength = THIRTY_DAYS
    further_study_term: TermLength = TWO_MONTHS
    forwarding_term: TermLength = SEVEN_DAYS

    def term(self, kind: TermKind, form: AppealForm = AppealForm.WRITTEN) -> TermLength:
        if kind is TermKind.STANDARD and form is AppealForm.ELECTRONIC:
            return TermLength(10, TermUnit.WORKING_DAYS)
        return super().term(kind, form)


def test_another_jurisdiction_is_a_subclass() -> None:
    law = ExampleElectronicLaw()
    written = compute_deadline(
        at(2026, 3, 2), TermKind.STANDARD, calendar=CAL, policy=law, time_zone=MINSK
    )
    electronic = compute_deadline(
        at(2026, 3, 2),
        TermKind.STANDARD,
        calendar=CAL,
        policy=law,
        time_zone=MINSK,
        form=AppealForm.ELECTRONIC,
    )
    assert written.due_date == date(2026, 4, 1)
    assert electronic.due_date == date(2026, 3, 16)
    assert law.accepts_language("en")  # no language list: every language accepted


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_extensions": -1},
        {"due_soon_days": -1},
        {"reminder_days_before": (3, 0)},
        {"reminder_time": datetime(2026, 1, 1, 9, tzinfo=UTC).timetz()},
    ],
)
def test_policy_validation(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        BelarusAppealsLaw2023(**kwargs)  # type: ignore[arg-type]


def test_term_length_must_be_positive() -> None:
    with pytest.raises(ValueError):
        TermLength(0, TermUnit.CALENDAR_DAYS)
