"""The public record: street and grid cell, consented and approved text, answer summary."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ratusha.publication.actions import check_approve_publication, check_reject_publication
from ratusha.publication.models import AnswerSummary, Publication, Status
from ratusha.publication.records import public_appeals, public_record, public_records

pytestmark = pytest.mark.django_db

TEXT = (
    "Я, Ганна Жук, жыву па адрасе вул. Савецкая, д. 12, кв. 45. На нашай вуліцы не "
    "працуе ліхтар. Тэл. +375 29 123-45-67."
)


def test_location_is_the_street_and_a_grid_cell(register: Any) -> None:
    appeal = register(
        address="г. Зарэчанск, вул. Савецкая, д. 12, кв. 45",
        latitude=53.901234,
        longitude=27.559876,
    )
    record = public_record(appeal)
    assert record.street == "вул. Савецкая"
    assert (record.latitude, record.longitude) != (appeal.latitude, appeal.longitude)
    assert abs(record.latitude - Decimal("53.901234")) < Decimal("0.0015")
    assert "12" not in (record.street or "") and "45" not in (record.street or "")


def test_text_needs_consent_and_approval(register: Any, world: Any) -> None:
    without = register(text=TEXT, consent_to_publish=False)
    assert not Publication.objects.filter(appeal=without).exists()
    assert public_record(without).text is None
    appeal = register(text=TEXT, consent_to_publish=True, applicant_phone="+375291234567")
    publication = Publication.objects.get(appeal=appeal)
    assert publication.status == Status.PENDING
    assert "Жук" not in publication.proposed_text and "45" not in publication.proposed_text
    assert public_record(appeal).text is None  # not yet approved
    check_approve_publication(world.users["clerk"], publication)
    text = public_record(appeal).text
    assert text and "ліхтар" in text and "Ганна" not in text and "123-45-67" not in text
    other = register(text=TEXT, consent_to_publish=True)
    check_reject_publication(world.users["clerk"], Publication.objects.get(appeal=other))
    assert public_record(other).text is None


def test_answer_summary_is_redacted_and_confidential_answers_hidden(
    register: Any, answer: Any
) -> None:
    appeal = register(applicant_phone="+375 29 765-43-21")
    answer(
        appeal,
        "Паважаная Ганна Жук! Ліхтар на вуліцы Савецкай адрамантавалі 3 сакавіка. "
        "Пытанні па тэлефоне 80297654321 або hanna.zhuk@example.org.",
    )
    summary = public_record(appeal).answer_summary
    assert summary and "адрамантавалі" in summary
    for secret in ("Ганна", "Жук", "7654321", "hanna.zhuk"):
        assert secret not in summary
    hidden = register()
    answer(hidden, "Канфідэнцыйны адказ на зварот, ліхтар адрамантавалі.", is_public=False)
    assert not AnswerSummary.objects.filter(appeal=hidden).exists()
    assert public_record(hidden).answer_summary is None


def test_public_appeals_leave_out_merged_and_unprocessed(
    register: Any, django_assert_max_num_queries: Any
) -> None:
    from ratusha.appeals.choices import Processing, State
    from ratusha.appeals.models import Appeal

    kept = [register() for _ in range(3)]
    merged, pending = register(), register()
    Appeal.objects.filter(pk=merged.pk).update(state=State.MERGED)
    Appeal.objects.filter(pk=pending.pk).update(processing=Processing.PENDING)
    numbers = set(public_appeals(["A"]).values_list("number", flat=True))
    assert numbers == {a.number for a in kept}
    assert not public_appeals(["B"]).exists()
    with django_assert_max_num_queries(4):  # the rows, then bodies, departments, categories
        records = list(public_records(public_appeals().order_by("pk")[:50]))
    assert [r.number for r in records] == [a.number for a in kept]


def test_times_and_dates_are_the_appeals_own(register: Any) -> None:
    """The streaming reader converts SQLite's text times itself: same values as the ORM."""
    from ratusha.appeals.models import Appeal

    appeal = Appeal.objects.get(pk=register().pk)
    record = public_record(appeal)
    assert record.registered_at == appeal.registered_at and record.registered_at.tzinfo
    assert record.updated_at == (appeal.changed_at or appeal.registered_at)
    assert record.due_date == appeal.due_date and record.answered_at == appeal.answered_at
