"""Properties every deadline keeps, whatever the calendar, policy settings or moment."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from ratusha_core.deadlines import (
    BelarusAppealsLaw2023,
    DeadlineRuleError,
    Extension,
    Pause,
    PauseReason,
    TermKind,
    TermLength,
    TermUnit,
    WorkingCalendar,
    adjust_deadline,
    bundled_calendar_file,
    compute_deadline,
    local_date,
    reminder_schedule,
)

ZONES = ["Europe/Minsk", "UTC", "America/New_York", "Asia/Kamchatka", "Pacific/Chatham"]
LAW = BelarusAppealsLaw2023()
FIRST, LAST = date(2025, 6, 1), date(2028, 6, 30)
DAYS = st.dates(min_value=FIRST, max_value=LAST)
MOMENTS = st.datetimes(
    min_value=datetime(2025, 6, 1), max_value=datetime(2028, 6, 30), timezones=st.just(UTC)
)

policies = st.builds(
    lambda unit, roll, next_day, standard, fwd, cap, extensions: replace(
        LAW,
        standard_term=TermLength(standard, unit),
        forwarding_term=TermLength(fwd, TermUnit.WORKING_DAYS),
        move_last_day_off_to_next_working_day=roll,
        count_from_day_after_registration=next_day,
        extension_max_total=cap,
        max_extensions=extensions,
        allowed_pause_reasons=frozenset(PauseReason),
    ),
    st.sampled_from([TermUnit.CALENDAR_DAYS, TermUnit.WORKING_DAYS]),
    st.booleans(),
    st.booleans(),
    st.integers(1, 40),
    st.integers(1, 10),
    st.none() | st.builds(TermLength, st.integers(1, 3), st.just(TermUnit.MONTHS)),
    st.integers(0, 3),
)

calendars = st.one_of(
    st.just(bundled_calendar_file().calendar()),
    st.builds(
        lambda weekend, off, work: WorkingCalendar(
            weekend=frozenset(weekend),
            public_holidays=frozenset(off),
            transferred_working_days=frozenset(work - off),
        ),
        st.sets(st.integers(0, 6), max_size=3),
        st.sets(DAYS, max_size=40),
        st.sets(DAYS, max_size=10),
    ),
)

KINDS = st.sampled_from(list(TermKind))


@settings(max_examples=120, deadline=None)
@given(MOMENTS, KINDS, calendars, policies, st.sampled_from(ZONES))
def test_due_date_is_never_before_registration(
    registered: datetime,
    kind: TermKind,
    cal: WorkingCalendar,
    policy: BelarusAppealsLaw2023,
    zone: str,
) -> None:
    d = compute_deadline(registered, kind, calendar=cal, policy=policy, time_zone=zone)
    assert d.due_date >= d.registered_on == local_date(registered, zone)
    assert d.ends_at > registered
    assert d.due_date >= d.nominal_last_day
    if policy.move_last_day_off_to_next_working_day or d.term.unit is TermUnit.WORKING_DAYS:
        assert cal.is_working_day(d.due_date)


@settings(max_examples=120, deadline=None)
@given(MOMENTS, MOMENTS, KINDS, calendars, policies, st.sampled_from(ZONES))
def test_due_dates_are_monotone_in_registration(
    first: datetime,
    second: datetime,
    kind: TermKind,
    cal: WorkingCalendar,
    policy: BelarusAppealsLaw2023,
    zone: str,
) -> None:
    early, late = sorted([first, second])
    a = compute_deadline(early, kind, calendar=cal, policy=policy, time_zone=zone)
    b = compute_deadline(late, kind, calendar=cal, policy=policy, time_zone=zone)
    assert a.due_date <= b.due_date


@settings(max_examples=120, deadline=None)
@given(
    MOMENTS,
    KINDS,
    calendars,
    policies,
    st.lists(st.tuples(st.integers(-5, 60), st.integers(-30, 90), st.text(max_size=3)), max_size=4),
)
def test_extensions_never_shorten_a_term(
    registered: datetime,
    kind: TermKind,
    cal: WorkingCalendar,
    policy: BelarusAppealsLaw2023,
    raw: list[tuple[int, int, str]],
) -> None:
    base = compute_deadline(registered, kind, calendar=cal, policy=policy, time_zone="Europe/Minsk")
    extensions = [
        Extension(registered + timedelta(days=after), base.due_date + timedelta(days=by), reason)
        for after, by, reason in raw
    ]
    try:
        d = adjust_deadline(base, extensions=extensions, calendar=cal, policy=policy)
    except DeadlineRuleError:
        return
    assert d.due_date >= base.due_date
    assert d.statutory_due_date == base.due_date
    assert d.extensions_applied == len(extensions) <= policy.max_extensions
    if extensions:
        assert d.due_date > base.due_date


@settings(max_examples=120, deadline=None)
@given(
    MOMENTS,
    KINDS,
    calendars,
    policies,
    st.lists(st.tuples(st.floats(0, 0.999), st.integers(-30, 90)), min_size=1, max_size=3),
)
def test_well_formed_extensions_are_refused_only_when_not_later_or_capped(
    registered: datetime,
    kind: TermKind,
    cal: WorkingCalendar,
    policy: BelarusAppealsLaw2023,
    raw: list[tuple[float, int]],
) -> None:
    policy = replace(policy, max_extensions=len(raw))
    base = compute_deadline(registered, kind, calendar=cal, policy=policy, time_zone="Europe/Minsk")
    window = base.ends_at - registered  # every extension is granted within the base term
    extensions = [
        Extension(registered + window * share, base.due_date + timedelta(days=by), "study")
        for share, by in sorted(raw)
    ]
    try:
        d = adjust_deadline(base, extensions=extensions, calendar=cal, policy=policy)
    except DeadlineRuleError as refused:
        assert refused.code in {"extension_not_later", "extension_beyond_cap"}
        return
    assert all(by > 0 for _, by in raw)
    assert d.due_date > base.due_date and d.extensions_applied == len(raw)


@settings(max_examples=120, deadline=None)
@given(
    MOMENTS,
    KINDS,
    calendars,
    policies,
    st.lists(st.tuples(st.integers(0, 20 * 24), st.integers(0, 20 * 24)), max_size=3),
    st.integers(0, 20 * 24),
)
def test_pausing_never_shortens_a_term(
    registered: datetime,
    kind: TermKind,
    cal: WorkingCalendar,
    policy: BelarusAppealsLaw2023,
    raw: list[tuple[int, int]],
    more_hours: int,
) -> None:
    base = compute_deadline(registered, kind, calendar=cal, policy=policy, time_zone="Europe/Minsk")
    pauses: list[Pause] = []
    start = registered
    for gap, length in raw:
        start = start + timedelta(hours=gap)
        end = start + timedelta(hours=length)
        pauses.append(Pause(start, PauseReason.AWAITING_APPLICANT, end))
        start = end
    try:
        d = adjust_deadline(base, pauses=pauses, calendar=cal, policy=policy)
    except DeadlineRuleError as refused:
        assert refused.code == "pause_after_due"
        return
    assert d.due_date >= base.due_date
    assert d.paused_days >= 0
    if pauses:
        # A longer last pause never gives an earlier due date.
        last = pauses[-1]
        assert last.ended_at is not None
        longer = replace(last, ended_at=last.ended_at + timedelta(hours=more_hours))
        e = adjust_deadline(base, pauses=[*pauses[:-1], longer], calendar=cal, policy=policy)
        assert e.due_date >= d.due_date


@settings(max_examples=100, deadline=None)
@given(MOMENTS, KINDS, calendars, policies)
def test_reminders_fall_between_registration_and_the_end(
    registered: datetime, kind: TermKind, cal: WorkingCalendar, policy: BelarusAppealsLaw2023
) -> None:
    d = compute_deadline(registered, kind, calendar=cal, policy=policy, time_zone="Europe/Minsk")
    reminders = reminder_schedule(d, calendar=cal, policy=policy)
    times = [r.send_at for r in reminders]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert all(registered < t <= d.ends_at for t in times)
    assert times[-1] == d.ends_at
    zone = ZoneInfo("Europe/Minsk")
    assert all(cal.is_working_day(t.astimezone(zone).date()) for t in times[:-1])
