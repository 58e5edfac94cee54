"""``seed-demo --appeals N``: the demo history in the database, consistent with the workflow."""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.management import call_command

from ratusha.accounts.models import RoleGrant
from ratusha.appeals.actions import AppealInput, check_register_appeal
from ratusha.appeals.choices import Channel
from ratusha.appeals.models import (
    Answer,
    Appeal,
    AppealEvent,
    Question,
    Rating,
    RegistrationCounter,
)
from ratusha.appeals.policy import calendar_for, deadline_for
from ratusha.bodies.models import Body
from ratusha.demo.history.seed import do_seed_history
from ratusha_core.deadlines import TermKind, WithoutConsiderationReason
from ratusha_core.workflow import FINAL_STATES

pytestmark = pytest.mark.django_db

AS_OF = "2026-11-20T12:00:00+03:00"
AS_OF_MOMENT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
COUNT = 300


def seed(*extra: str) -> None:
    call_command("seed_demo", "--quiet-logins", "--appeals", str(COUNT), "--as-of", AS_OF, *extra)


def digest() -> str:
    """Give a hash of everything the history holds that does not depend on row ids."""
    ratings = dict(
        (appeal_id, (score, comment))
        for appeal_id, score, comment in Rating.objects.values_list("appeal_id", "score", "comment")
    )
    rows = []
    appeals = (
        Appeal.objects.select_related("category", "executor")
        .prefetch_related("events", "answers")
        .order_by("number")
    )
    for appeal in appeals:
        events = [
            (e.action, e.from_state, e.to_state, e.actor_role, e.at.isoformat(), e.public, e.reason)
            for e in sorted(appeal.events.all(), key=lambda e: (e.at, e.pk))
        ]
        answers = sorted((a.drafted_at, a.text) for a in appeal.answers.all())
        rows.append(
            (
                appeal.number,
                appeal.state,
                appeal.text,
                appeal.registered_at.isoformat(),
                str(appeal.due_date),
                appeal.channel,
                appeal.language,
                appeal.address,
                str(appeal.latitude),
                appeal.category.code if appeal.category else "",
                appeal.executor.email if appeal.executor else "",
                events,
                answers,
                ratings.get(appeal.pk),
            )
        )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def forget_history() -> None:
    Appeal.objects.all().delete()
    RegistrationCounter.objects.all().delete()


@pytest.fixture(autouse=True)
def _history_only(monkeypatch: Any) -> None:
    # The apps' own demo data (a cluster of new appeals, decisions...) is not the history.
    monkeypatch.setattr("ratusha.demo.actions.DEMO_EXTRAS", ())


@pytest.fixture
def seeded() -> None:
    seed()


def test_the_history_is_the_same_for_the_same_seed(seeded: None) -> None:
    first = digest()
    forget_history()
    do_seed_history(2026, COUNT, AS_OF_MOMENT)
    assert digest() == first
    forget_history()
    do_seed_history(7, COUNT, AS_OF_MOMENT)
    assert digest() != first


def test_a_second_run_adds_nothing_and_says_so(seeded: None, capsys: Any) -> None:
    counts = (Appeal.objects.count(), AppealEvent.objects.count(), Answer.objects.count())
    assert counts[0] == COUNT
    town, village = (Appeal.objects.filter(body__code=c).count() for c in ("ZAR", "KLV"))
    assert town > 0.9 * COUNT and village > 0
    capsys.readouterr()
    seed()
    assert (Appeal.objects.count(), AppealEvent.objects.count(), Answer.objects.count()) == counts
    assert "already there: ZAR has" in capsys.readouterr().out
    seed("--no-appeals")
    assert Appeal.objects.count() == COUNT
    report = do_seed_history(2026, 50, AS_OF_MOMENT)
    assert report.added == {} and report.present["ZAR"] > 0


def check_numbers_are_gap_free_and_new_appeals_continue_them() -> None:
    sequences: dict[tuple[int, int], list[int]] = defaultdict(list)
    for body_id, year, sequence, number in Appeal.objects.values_list(
        "body_id", "year", "sequence", "number"
    ).order_by("registered_at", "pk"):
        sequences[(body_id, year)].append(sequence)
        assert number.endswith(f"-{year}-{sequence:06d}")
    counters = {(c.body_id, c.year): c.last for c in RegistrationCounter.objects.all()}
    assert set(counters) == set(sequences)
    for key, found in sequences.items():
        assert found == list(range(1, len(found) + 1)), key  # in time order, no gaps
        assert counters[key] == len(found)
    town = Body.objects.get(code="ZAR")
    live = check_register_appeal(
        AppealInput(
            body=town,
            channel=Channel.WEB,
            text="A live appeal after the demo history.",
            applicant_name="Live Citizen",
            applicant_email="live@example.org",
        )
    )
    year = live.appeal.year
    assert live.appeal.sequence == counters[(town.pk, year)] + 1


def check_every_appeal_is_consistent_with_the_workflow() -> None:
    staff = set(RoleGrant.objects.values_list("user_id", "department_id"))
    rated = set(Rating.objects.values_list("appeal_id", flat=True))
    calendars = {}
    states = set()
    appeals = Appeal.objects.select_related("body", "merged_into").prefetch_related(
        "events", "answers", "questions"
    )
    for appeal in appeals:
        states.add(appeal.state)
        events = sorted(appeal.events.all(), key=lambda e: (e.at, e.pk))
        assert events[0].action == "register" and events[0].extra["source"] == "demo-history"
        for before, after in itertools.pairwise(events):
            assert after.from_state == before.to_state, appeal.number
            assert after.at >= before.at
        assert events[-1].to_state == appeal.state
        assert appeal.version == len(events) - 1
        assert all(e.at <= AS_OF_MOMENT for e in events)
        calendar = calendars.setdefault(appeal.body_id, calendar_for(appeal.body))
        form = Channel(appeal.channel).form
        statutory = deadline_for(
            appeal.body, appeal.registered_at, TermKind.STANDARD, form, calendar
        )
        if appeal.extensions_used:
            assert appeal.due_date > statutory.due_date
        else:
            assert appeal.due_date == statutory.due_date
        if appeal.executor_id:
            assert (appeal.executor_id, appeal.department_id) in staff
        sent = [e for e in events if e.action == "send_answer"]
        if sent:
            answers = list(appeal.answers.all())
            assert answers and all(a.approved_at and a.sent_at for a in answers)
            assert all(q.answered for q in appeal.questions.all())
            assert appeal.answered_at == sent[0].at
        else:
            assert appeal.pk not in rated
        if appeal.state == "left_without_consideration":
            reason = events[-1].extra.get("reason") or events[-1].reason
            assert reason in {r.value for r in WithoutConsiderationReason}
        if appeal.state == "merged":
            assert appeal.merged_into is not None
            assert appeal.merged_into.registered_at <= appeal.registered_at
        if appeal.state == "forwarded":
            assert appeal.forwarded_to_id is not None
    assert {"closed", "answered", "forwarded", "left_without_consideration"} <= states
    assert states & {"in_progress", "assigned", "triage", "registered", "answer_drafted"}
    assert states & set(FINAL_STATES)
    assert Question.objects.count() >= COUNT


def check_some_appeals_are_overdue_or_answered_late() -> None:
    today = datetime.fromisoformat(AS_OF).date()
    open_late = Appeal.objects.filter(
        state__in=["assigned", "in_progress", "answer_drafted"], due_date__lt=today
    )
    answered_late = [
        a
        for a in Appeal.objects.exclude(answered_at=None)
        if a.answered_at.astimezone(datetime.fromisoformat(AS_OF).tzinfo).date() > a.due_date
    ]
    assert open_late.exists() or answered_late
    assert len(answered_late) < 0.2 * COUNT


def check_merged_appeals_are_in_the_answering_department() -> None:
    """As the merge action does: the answering department sees the appeals merged in."""
    merged = Appeal.objects.filter(state="merged").select_related("merged_into")
    assert merged.exists()
    for appeal in merged:
        assert appeal.merged_into is not None
        assert appeal.department_id == appeal.merged_into.department_id is not None


def test_the_seeded_history_is_consistent(seeded: None) -> None:
    check_merged_appeals_are_in_the_answering_department()
    check_every_appeal_is_consistent_with_the_workflow()
    check_some_appeals_are_overdue_or_answered_late()
    check_numbers_are_gap_free_and_new_appeals_continue_them()
