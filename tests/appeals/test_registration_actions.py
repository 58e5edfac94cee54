"""Registration: validation, gap-free numbers, files by real type, idempotency, deadlines."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from tests.appeals.conftest import PDF, PNG, SVG, upload

from ratusha.appeals.actions import AppealConflict, AppealInvalid, check_register_appeal
from ratusha.appeals.choices import ApplicantKind, Processing, State
from ratusha.appeals.models import Appeal, AppealEvent, IdempotencyRecord

pytestmark = pytest.mark.django_db


def test_numbers_are_per_body_and_year_without_gaps(appeal_input: Any, world: Any) -> None:
    numbers = [check_register_appeal(appeal_input()).appeal.number for _ in range(3)]
    assert numbers == ["A-2026-000001", "A-2026-000002", "A-2026-000003"]
    other = check_register_appeal(appeal_input(body=world.bodies["B"], category=None))
    assert other.appeal.number == "B-2026-000001"


def test_a_refused_appeal_takes_no_number(appeal_input: Any) -> None:
    with pytest.raises(AppealInvalid):
        check_register_appeal(appeal_input(text="x"))
    assert check_register_appeal(appeal_input()).appeal.sequence == 1


def test_deadline_and_first_event(appeal_input: Any) -> None:
    minsk = ZoneInfo("Europe/Minsk")
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=minsk), tick=False):
        appeal = check_register_appeal(appeal_input()).appeal
    # 15 calendar days from the day after registration: 17 March 2026 (a Tuesday).
    assert appeal.due_date == date(2026, 3, 17)
    assert appeal.forward_by is not None and appeal.forward_by < appeal.due_date
    event = AppealEvent.objects.get(appeal=appeal)
    assert (event.action, event.to_state, event.public) == ("register", State.REGISTERED, True)
    assert appeal.questions.count() == 1


def test_field_errors_name_every_problem(appeal_input: Any, world: Any) -> None:
    with pytest.raises(AppealInvalid) as caught:
        check_register_appeal(
            appeal_input(
                text="",
                applicant_name="",
                applicant_email="",
                category=world.categories["B1"],
                latitude=95.0,
                longitude=None,
            )
        )
    assert set(caught.value.errors) >= {
        "text",
        "applicant_name",
        "applicant_email",
        "category",
        "latitude",
    }
    assert not Appeal.objects.exists()


def test_attachments_are_checked_by_content(appeal_input: Any, settings: Any) -> None:
    with pytest.raises(AppealInvalid) as caught:
        check_register_appeal(appeal_input(files=[upload("photo.png", SVG, "image/png")]))
    assert "files" in caught.value.errors
    settings.RATUSHA_MAX_ATTACHMENT_BYTES = 50
    with pytest.raises(AppealInvalid):
        check_register_appeal(appeal_input(files=[upload("big.pdf", PDF)]))
    settings.RATUSHA_MAX_ATTACHMENT_BYTES = 10 * 2**20
    appeal = check_register_appeal(
        appeal_input(files=[upload("lamp.png", PNG)], scans=[upload("letter.pdf", PDF)])
    ).appeal
    kinds = sorted(appeal.attachments.values_list("content_type", "is_scan"))
    assert kinds == [("application/pdf", True), ("image/png", False)]
    assert not any("lamp" in a.file.name for a in appeal.attachments.all())


def test_same_idempotency_key_gives_the_same_appeal(appeal_input: Any) -> None:
    first = check_register_appeal(appeal_input(), idempotency=("user:1", "k-1"))
    again = check_register_appeal(appeal_input(), idempotency=("user:1", "k-1"))
    assert first.created and not again.created and first.appeal.pk == again.appeal.pk
    assert first.token == again.token
    assert Appeal.objects.count() == 1 and IdempotencyRecord.objects.count() == 1
    with pytest.raises(AppealConflict):
        check_register_appeal(
            appeal_input(text="Зусім іншы зварот пра ямы на дарозе."), idempotency=("user:1", "k-1")
        )
    # Another client may use the same key for its own appeal.
    assert check_register_appeal(appeal_input(), idempotency=("user:2", "k-1")).created


def test_collective_and_legal_entity_appeals(appeal_input: Any) -> None:
    with pytest.raises(AppealInvalid):
        check_register_appeal(appeal_input(applicant_kind=ApplicantKind.COLLECTIVE))
    collective = check_register_appeal(
        appeal_input(
            applicant_kind=ApplicantKind.COLLECTIVE,
            co_applicants=[
                {"name": "Сяргей Мароз", "address": "вул. Леніна, 3"},
                {"name": "Вольга Жук"},
            ],
        )
    ).appeal
    assert collective.co_applicants.count() == 2
    with pytest.raises(AppealInvalid):
        check_register_appeal(appeal_input(applicant_kind=ApplicantKind.LEGAL_ENTITY))
    firm = check_register_appeal(
        appeal_input(applicant_kind=ApplicantKind.LEGAL_ENTITY, organisation="ТАА «Зарэчча»")
    ).appeal
    assert firm.organisation == "ТАА «Зарэчча»"


def test_processing_waits_for_the_commit(
    appeal_input: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        appeal = check_register_appeal(appeal_input()).appeal
    # One callback: the single task that records, e-mails and triages in the worker.
    assert appeal.processing == Processing.PENDING and len(callbacks) == 1
    for callback in callbacks:
        callback()  # the immediate test backend runs the tasks now
    appeal.refresh_from_db()
    assert appeal.processing == Processing.DONE
    assert appeal.state == State.ASSIGNED and appeal.department.code == "A1"
