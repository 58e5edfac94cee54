"""Catching up on appeals the signals missed (bulk imports), and the demo's seeding."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from ratusha.appeals.models import Answer
from ratusha.ledger.models import PendingEntry
from ratusha.publication.demo import seed_demo
from ratusha.publication.models import AnswerSummary, Publication, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(appeal_input: Any, world: Any) -> list[Any]:
    """Twelve old appeals registered without their after-commit work, each with an answer."""
    from ratusha.appeals.actions import check_register_appeal

    long_ago = timezone.now() - timedelta(days=60)
    appeals = []
    for n in range(12):
        appeal = check_register_appeal(
            appeal_input(
                text=f"Ганна Жук просіць адрамантаваць лаўку нумар {n}.",
                consent_to_publish=n % 3 != 0,
                registered_at=long_ago + timedelta(hours=n),
            )
        ).appeal
        Answer.objects.create(
            appeal=appeal,
            text=f"Паважаная Ганна Жук! Лаўку {n} адрамантавалі.",
            drafted_at=long_ago,
            approved_at=long_ago,
            sent_at=long_ago + timedelta(days=1),
            is_public=n != 5,
        )
        appeals.append(appeal)
    return appeals


def test_backfill_command_fills_what_is_missing(imported: list[Any]) -> None:
    assert not Publication.objects.exists()
    out = StringIO()
    call_command("publication_backfill", stdout=out)
    assert "Proposed 8 texts, summarised 11 answers." in out.getvalue()
    assert Publication.objects.count() == 8
    assert not AnswerSummary.objects.filter(appeal=imported[5]).exists()  # confidential
    summary = AnswerSummary.objects.get(appeal=imported[1]).summary
    assert "Ганна" not in summary and "адрамантавалі" in summary
    call_command("publication_backfill", stdout=out)
    assert "Proposed 0 texts, summarised 0 answers." in out.getvalue()


def test_demo_seeding_reviews_a_share_and_is_idempotent(imported: list[Any], world: Any) -> None:
    now = timezone.now()
    seed_demo(now)
    statuses = list(Publication.objects.values_list("status", flat=True))
    assert len(statuses) == 8 and Status.APPROVED in statuses
    approved = Publication.objects.filter(status=Status.APPROVED)
    assert all(p.reviewer == world.users["clerk"] for p in approved)
    entries = PendingEntry.objects.filter(event_type="publication.approved").count()
    assert entries == approved.count()
    seed_demo(now)
    assert Publication.objects.count() == 8
    assert PendingEntry.objects.filter(event_type="publication.approved").count() == entries
