"""Writing appeals' past in bulk: numbers, terms, events and answers, as the live actions would.

A `PastAppeal` says how one appeal was registered and which workflow `Step`s it went
through since. `plan_rows` gives each appeal its registration number (gap-free per body
and year, in registration order, continuing the body's counters), its statutory terms
from the body's policy and calendar, and replays its steps through
`ratusha_core.workflow.apply`, so that every event carries the state machine's roles,
public flags and extras. An impossible history is refused with the appeal's index.
`writing.save_rows` then writes everything with a few bulk inserts and moves the counters on,
so that the next live appeal continues the sequence.

Both ``ratusha import-appeals`` and the demo history of ``seed-demo`` use this module;
the caller holds the transaction.

    >>> planned = plan_rows(body, [PastAppeal(...)], calendar=calendar_for(body))
    >>> if not planned.errors:
    ...     save_rows(body, planned)
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.db.models import Max

from ratusha.appeals.choices import ApplicantKind, Channel, Processing, State
from ratusha.appeals.models import Appeal, RegistrationCounter
from ratusha.appeals.policy import deadline_for, rules_for
from ratusha.bodies.models import Body
from ratusha_core.deadlines import TermKind, WorkingCalendar
from ratusha_core.workflow import (
    ActorRole,
    AppealSnapshot,
    AppealState,
    JsonValue,
    QuestionStatus,
    TransitionRefused,
    apply,
)

BATCH = 500
# In a step's data, "target_appeal": "@label" points at the appeal of this batch with that label.
LABEL = "@"


@dataclass(frozen=True)
class Step:
    """One workflow action in an appeal's past: which, when, in which role, by whom."""

    action: str
    at: datetime
    role: ActorRole
    actor_id: int | None = None
    data: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PastAppeal:
    """An appeal as it was registered, and what happened to it since.

    ``answers`` are the texts of the drafts, taken in order by the ``draft_answer``
    steps; "{number}" in them becomes the appeal's number. ``number`` keeps a number
    the body gave; empty means the next one. ``label`` names the appeal within the batch
    (a merge step's ``target_appeal`` may be "@label").
    ``marker`` goes into the registration event's extra data (where it came from).
    """

    registered_at: datetime
    channel: str
    text: str
    applicant_name: str
    language: str = "be"
    applicant_email: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""
    applicant_kind: str = ApplicantKind.INDIVIDUAL
    organisation: str = ""
    co_applicants: tuple[tuple[str, str], ...] = ()  # (name, postal address)
    citizen_id: int | None = None
    registered_by_id: int | None = None
    category_id: int | None = None
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    consent_to_publish: bool = False
    questions: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    answers: tuple[str, ...] = ()
    rating: tuple[int, str] | None = None
    number: str = ""
    label: str = ""
    marker: Mapping[str, JsonValue] = field(default_factory=dict)
    tracking_secret: str = ""


class EventRow(NamedTuple):
    """One AppealEvent, as plain values."""

    at: datetime
    actor_id: int | None
    actor_role: str
    action: str
    from_state: str
    to_state: str
    reason: str
    extra: dict[str, Any]
    public: bool


@dataclass
class AnswerRow:
    """One Answer, as plain values (approval and sending fill in the rest)."""

    text: str
    drafted_by_id: int | None
    drafted_at: datetime
    approved_by_id: int | None = None
    approved_at: datetime | None = None
    sent_at: datetime | None = None


@dataclass
class PlannedAppeal:
    """The rows of one appeal, built in memory and not saved yet."""

    index: int
    appeal: Appeal
    events: list[EventRow]
    questions: list[tuple[str, int, bool]]  # (text, position, answered)
    answers: list[AnswerRow]
    co_applicants: list[tuple[str, str]]  # (name, postal address)
    rating: tuple[int, str] | None
    merged_into: str = ""  # the number of the appeal it was merged into


@dataclass
class Planned:
    """The rows of a batch, the counters after it, and the appeals that could not be built."""

    rows: list[PlannedAppeal]
    counters: dict[int, int]
    errors: list[tuple[int, str]]


def summary_of(text: str) -> str:
    """Give the first 200 characters of a text, cut at a word, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 200 else flat[:197].rsplit(" ", 1)[0] + "…"


def number_of(body: Body, year: int, sequence: int) -> str:
    """Give a registration number in the pattern live registration uses (ZAR-2026-000123)."""
    return f"{body.code}-{year}-{sequence:06d}"


def _numbers(
    body: Body, appeals: Sequence[PastAppeal]
) -> tuple[list[tuple[int, int, str]], dict[int, int]]:
    """Give (year, sequence, number) per appeal and the counters after the batch."""
    zone = ZoneInfo(body.time_zone)
    counters = dict(RegistrationCounter.objects.filter(body=body).values_list("year", "last"))
    for year, top in (
        Appeal.objects.filter(body=body).values_list("year").annotate(top=Max("sequence"))
    ):
        counters[year] = max(counters.get(year, 0), top or 0)
    given: dict[int, tuple[int, int]] = {}
    for index, past in enumerate(appeals):
        if past.number:
            year, sequence = (int(part) for part in past.number.rsplit("-", 2)[1:])
            given[index] = (year, sequence)
            counters[year] = max(counters.get(year, 0), sequence)
    order = sorted(range(len(appeals)), key=lambda i: appeals[i].registered_at)
    found: list[tuple[int, int, str]] = [(0, 0, "")] * len(appeals)
    for index in order:
        if index in given:
            year, sequence = given[index]
            found[index] = (year, sequence, appeals[index].number)
            continue
        year = appeals[index].registered_at.astimezone(zone).year
        counters[year] = counters.get(year, 0) + 1
        found[index] = (year, counters[year], number_of(body, year, counters[year]))
    return found, counters


def _resolve(data: Mapping[str, object], labels: Mapping[str, str]) -> dict[str, object]:
    target = data.get("target_appeal")
    if isinstance(target, str) and target.startswith(LABEL):
        return {**data, "target_appeal": labels.get(target[1:], target)}
    return dict(data)


def _replay(
    body: Body,
    past: PastAppeal,
    appeal: Appeal,
    labels: Mapping[str, str],
) -> tuple[list[EventRow], list[AnswerRow], str, bool]:
    """Replay the steps on the appeal; give its events, answers, merge target, questions done."""
    rules = rules_for(body)
    snapshot = AppealSnapshot(
        state=AppealState.REGISTERED,
        registered_at=past.registered_at,
        time_zone=body.time_zone,
        appeal_id=appeal.number,
        changed_at=past.registered_at,
        questions=tuple(QuestionStatus(str(n), False) for n in range(len(past.questions) or 1)),
        due_date=appeal.due_date,
        forward_by=appeal.forward_by,
    )
    events: list[EventRow] = []
    answers: list[AnswerRow] = []
    drafts = iter(past.answers)
    merged_into = ""
    for step in past.steps:
        data = _resolve(step.data, labels)
        if step.action == "draft_answer":
            text = next(drafts, None)
            if text is None:
                raise TransitionRefused("no_answer_text", "A drafted answer needs its text.")
            text = text.replace("{number}", appeal.number)
            answers.append(AnswerRow(text, step.actor_id, step.at))
            # The executor marks every question answered with the draft, as on the live page.
            snapshot = replace(
                snapshot, questions=tuple(replace(q, answered=True) for q in snapshot.questions)
            )
        result = apply(snapshot, step.action, step.role, data, step.at, rules=rules)
        snapshot = result.snapshot
        event = result.event
        events.append(
            EventRow(
                event.at,
                step.actor_id,
                str(event.actor_role),
                str(event.action),
                str(event.from_state),
                str(event.to_state),
                event.reason,
                dict(event.extra),
                event.public,
            )
        )
        if step.action in ("assign", "reassign"):
            appeal.department_id = int(str(data["department"]))
            executor = data.get("executor")
            appeal.executor_id = int(str(executor)) if executor else None
        elif step.action == "approve_answer":
            answers[-1].approved_by_id, answers[-1].approved_at = step.actor_id, step.at
        elif step.action == "send_answer":
            answers[-1].sent_at = step.at
            appeal.answered_at = appeal.answered_at or step.at
        elif step.action == "forward":
            appeal.forwarded_to_id = int(str(data["target_body"]))
        elif step.action == "merge":
            merged_into = str(data["target_appeal"])
    appeal.state = str(snapshot.state)
    appeal.version = snapshot.version
    appeal.changed_at = snapshot.changed_at
    appeal.due_date = snapshot.due_date
    appeal.extensions_used = snapshot.extensions_used
    return events, answers, merged_into, all(q.answered for q in snapshot.questions)


def _register_event(past: PastAppeal, number: str) -> EventRow:
    """Give the registration event as live registration records it."""
    return EventRow(
        past.registered_at,
        past.registered_by_id or past.citizen_id,
        "registry_clerk" if past.registered_by_id else "citizen",
        "register",
        "",
        State.REGISTERED,
        "",
        {"channel": str(past.channel), "number": number, **past.marker},
        True,
    )


def _appeal(body: Body, past: PastAppeal, year: int, sequence: int, number: str) -> Appeal:
    summary = summary_of(past.text)
    return Appeal(
        body=body,
        number=number,
        year=year,
        sequence=sequence,
        registered_at=past.registered_at,
        channel=past.channel,
        applicant_kind=past.applicant_kind,
        citizen_id=past.citizen_id,
        applicant_name=past.applicant_name.strip(),
        applicant_email=past.applicant_email.strip().lower(),
        applicant_phone=past.applicant_phone.strip(),
        applicant_address=past.applicant_address.strip(),
        organisation=past.organisation.strip(),
        language=past.language,
        text=past.text.strip(),
        summary=summary,
        category_id=past.category_id,
        address=past.address.strip(),
        latitude=past.latitude,
        longitude=past.longitude,
        consent_to_publish=past.consent_to_publish,
        state=State.REGISTERED,
        processing=Processing.DONE,
        tracking_token_hash=past.tracking_secret or secrets.token_hex(16),
        registered_by_id=past.registered_by_id,
    )


def plan_rows(body: Body, appeals: Sequence[PastAppeal], *, calendar: WorkingCalendar) -> Planned:
    """Give every row of the appeals, numbered and replayed; refusals go to ``errors``.

    Reads the body's counters and numbers (the caller should hold a transaction, and
    lock the counters if live registrations may run meanwhile); writes nothing.
    """
    numbered, counters = _numbers(body, appeals)
    labels = {past.label: numbered[i][2] for i, past in enumerate(appeals) if past.label}
    rows: list[PlannedAppeal] = []
    errors: list[tuple[int, str]] = []
    for index, past in enumerate(appeals):
        year, sequence, number = numbered[index]
        appeal = _appeal(body, past, year, sequence, number)
        form = Channel(past.channel).form
        appeal.due_date = deadline_for(
            body, past.registered_at, TermKind.STANDARD, form, calendar
        ).due_date
        appeal.forward_by = deadline_for(
            body, past.registered_at, TermKind.FORWARDING, form, calendar
        ).due_date
        try:
            events, answers, merged_into, answered = _replay(body, past, appeal, labels)
        except TransitionRefused as refused:
            errors.append((index, f"{refused.action or 'step'}: {refused.message}"))
            continue
        texts = past.questions or (appeal.summary,)
        rows.append(
            PlannedAppeal(
                index=index,
                appeal=appeal,
                events=[_register_event(past, number), *events],
                questions=[(text, n, answered) for n, text in enumerate(texts)],
                answers=answers,
                co_applicants=list(past.co_applicants),
                rating=past.rating,
                merged_into=merged_into,
            )
        )
    return Planned(rows=rows, counters=counters, errors=errors)
