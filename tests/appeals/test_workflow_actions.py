"""The department workflow through the actions: roles, the merits rule, locking, citizens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from ratusha.appeals.actions import (
    AppealConflict,
    TransitionNotAllowed,
    check_approve_answer,
    check_draft_answer,
    check_file_complaint,
    check_rate_answer,
    check_register_appeal,
    check_transition,
    check_withdraw,
)
from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal, AppealEvent, ReminderSent
from ratusha.appeals.tasks import process_appeal, send_deadline_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(appeal_input: Any) -> Appeal:
    appeal = check_register_appeal(
        appeal_input(questions=["Калі адрамантуюць ліхтар?", "Хто адказвае?"])
    ).appeal
    process_appeal.call(appeal.pk)
    appeal.refresh_from_db()
    assert appeal.state == State.ASSIGNED
    return appeal


def test_officer_drafts_head_approves_citizen_rates(
    assigned: Appeal, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    officer, head = world.users["officer"], world.users["head"]
    questions = list(assigned.questions.values_list("pk", flat=True))
    # One question left open: the answer cannot be approved ("on the merits").
    check_draft_answer(assigned.pk, officer, "Ліхтар адрамантуюць да пятніцы.", questions[:1])
    with pytest.raises(TransitionNotAllowed) as refused:
        check_approve_answer(assigned.pk, head)
    assert refused.value.code == "questions_unanswered"
    check_transition(assigned.pk, "return_draft", head, {"reason": "Адкажыце на абодва пытанні."})
    check_draft_answer(
        assigned.pk, officer, "Ліхтар адрамантуюць да пятніцы; адказвае ЖКГ.", questions
    )
    with pytest.raises(TransitionNotAllowed):
        check_approve_answer(assigned.pk, officer)  # an officer may not approve
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = check_approve_answer(assigned.pk, head)
    assigned.refresh_from_db()
    assert assigned.state == State.ANSWERED and answer.sent_at and assigned.answered_at
    assert len(mail.outbox) == 1 and "адказвае ЖКГ" in mail.outbox[0].body
    rating = check_rate_answer(assigned, 4, "Дзякуй")
    assert rating.score == 4
    actions = list(AppealEvent.objects.filter(appeal=assigned).values_list("action", flat=True))
    assert actions == [
        "register",
        "start_triage",
        "assign",
        "start_work",
        "draft_answer",
        "return_draft",
        "draft_answer",
        "approve_answer",
        "send_answer",
    ]


def test_staff_of_another_department_cannot_act(assigned: Appeal, world: Any) -> None:
    with pytest.raises(TransitionNotAllowed):
        check_draft_answer(
            assigned.pk, world.users["officer_a2"], "Адказ на зварот па сутнасці.", []
        )
    with pytest.raises(TransitionNotAllowed):
        check_transition(assigned.pk, "start_work", world.users["officer_b"])


def test_a_stale_version_is_refused(assigned: Appeal, world: Any) -> None:
    version = assigned.version
    check_transition(assigned.pk, "start_work", world.users["officer"], expected_version=version)
    with pytest.raises(AppealConflict):
        check_transition(
            assigned.pk,
            "reassign",
            world.users["head"],
            {"department": str(world.departments["A1"].pk), "reason": "x"},
            expected_version=version,
        )


def test_illegal_transition_has_a_clear_message(assigned: Appeal, world: Any) -> None:
    with translation.override("en"), pytest.raises(TransitionNotAllowed) as refused:
        check_transition(assigned.pk, "close", world.users["clerk"])
    assert refused.value.code == "not_allowed_in_state"
    assert "status" in refused.value.message


def test_citizen_withdraws_and_complains(appeal_input: Any, world: Any) -> None:
    appeal = check_register_appeal(appeal_input()).appeal
    check_withdraw(appeal, "Праблему вырашылі самі.")
    appeal.refresh_from_db()
    assert appeal.state == State.WITHDRAWN

    other = check_register_appeal(appeal_input()).appeal
    process_appeal.call(other.pk)
    check_draft_answer(
        other.pk,
        world.users["officer"],
        "Адказ па сутнасці пытання.",
        list(other.questions.values_list("pk", flat=True)),
    )
    check_approve_answer(other.pk, world.users["head"])
    registration = check_file_complaint(other, "Не згодны з адказам: ліхтар так і не працуе.")
    other.refresh_from_db()
    assert other.state == State.COMPLAINT
    assert registration.appeal.body == world.bodies["D"]
    assert registration.appeal.complaint_about == other


def test_reminders_go_once_to_executor_and_head(assigned: Appeal, world: Any) -> None:
    check_transition(
        assigned.pk,
        "reassign",
        world.users["head"],
        {
            "department": str(world.departments["A1"].pk),
            "executor": str(world.users["officer"].pk),
            "reason": "Выканаўца",
        },
    )
    assigned.refresh_from_db()
    mail.outbox.clear()
    due = timezone.make_aware(
        timezone.datetime.combine(assigned.due_date, timezone.datetime.min.time())
    )
    with time_machine.travel(due - timedelta(days=3) + timedelta(hours=12), tick=False):
        assert send_deadline_reminders.call() == 2
        assert send_deadline_reminders.call() == 0
    with time_machine.travel(due + timedelta(days=2), tick=False):
        assert send_deadline_reminders.call() == 2
    recipients = sorted({m.to[0] for m in mail.outbox})
    assert recipients == ["head@example.org", "officer@example.org"]
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {"3_days", "overdue"}


def test_failed_processing_leaves_the_appeal_pending_until_retry(
    appeal_input: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ratusha.appeals import tasks

    appeal = check_register_appeal(appeal_input()).appeal

    def broken(_appeal: Appeal) -> None:
        raise RuntimeError("triage service down")

    monkeypatch.setattr(tasks, "do_process", broken)
    with pytest.raises(RuntimeError):
        process_appeal.call(appeal.pk)
    appeal.refresh_from_db()
    assert appeal.processing == "failed" and "triage service down" in appeal.processing_error
    assert appeal.state == State.REGISTERED
    monkeypatch.undo()
    process_appeal.call(appeal.pk)
    appeal.refresh_from_db()
    assert appeal.processing == "done" and appeal.state == State.ASSIGNED
