"""The suggestion panels of the triage queue: what is worked out once per page, right per card."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from ratusha.appeals.choices import State
from ratusha.appeals.models import Answer, Appeal
from ratusha.bodies.models import Body, Department
from ratusha.triage.models import Decision, TriageResult

pytestmark = pytest.mark.django_db


def _waiting(register: Any, text: str, departments: list[list[Any]], **fields: Any) -> Appeal:
    appeal = register(text)
    Appeal.objects.filter(pk=appeal.pk).update(state=State.TRIAGE)
    TriageResult.objects.create(
        appeal=appeal,
        language="be",
        decision=Decision.SUGGEST,
        departments=departments,
        created_at=datetime.now(UTC),
        **fields,
    )
    return appeal


def _correct_to(page: str, appeal: Appeal) -> list[tuple[str, str, bool]]:
    """Give the options of the card's "Correct to" select: (value, name, selected)."""
    found = re.search(rf'<select name="department" id="correct-{appeal.pk}">(.*?)</select>', page)
    assert found, f"no Correct to select for {appeal.number}"
    assert f'<label for="correct-{appeal.pk}">Correct to</label>' in page
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', found.group(1))
    return [(value, name, bool(selected)) for value, selected, name in options]


def test_each_card_offers_every_department_with_its_own_suggestion_chosen(
    town: Any, register: Any, client: Any
) -> None:
    body = town.bodies["A"]
    a1, a3 = town.departments["A1"], town.departments["A3"]
    first = _waiting(register, "Яма на дарозе.", [[a3.pk, 0.8], [a1.pk, 0.1]])
    second = _waiting(register, "Не гарыць ліхтар.", [[a1.pk, 0.6]])
    third = _waiting(register, "Нешта незразумелае.", [])
    client.force_login(town.users["clerk"])
    page = client.get(reverse("appeals:triage", args=[body.pk])).text
    with translation.override("en"):
        everyone = sorted(
            (str(d.pk), d.name) for d in Department.objects.filter(body=body, is_active=True)
        )
    everyone.sort(key=lambda pair: pair[1])
    for appeal, chosen in ((first, a3), (second, a1)):
        options = _correct_to(page, appeal)
        assert [(value, name) for value, name, _s in options] == everyone
        assert [value for value, _n, selected in options if selected] == [str(chosen.pk)]
        assert f"Accept: {chosen.name_en}" in page
    assert f'id="correct-{third.pk}"' not in page  # nothing suggested: nothing to correct
    # The appeal's own panel gives the same list with the same choice.
    own = client.get(reverse("triage:suggestions", args=[first.pk])).text
    assert _correct_to(own, first) == _correct_to(page, first)


def test_a_precedent_is_dated_in_its_body_s_time_zone_and_named_plainly(
    town: Any, register: Any, client: Any
) -> None:
    body = town.bodies["A"]
    Body.objects.filter(pk=body.pk).update(time_zone="Asia/Tokyo")
    precedent = register("Не гарыць ліхтар на Міра.")
    late = datetime(2026, 5, 1, 16, 30, tzinfo=UTC)  # 2 May, 01:30 in Tokyo
    Appeal.objects.filter(pk=precedent.pk).update(
        state=State.CLOSED, registered_at=late, answered_at=late + timedelta(days=3)
    )
    Answer.objects.create(
        appeal=precedent,
        text="Паважаная Ганна!\nЛямпу заменена. Дзякуй.",
        drafted_at=late,
        sent_at=late + timedelta(days=3),
    )
    waiting = [
        _waiting(register, f"Зноў не гарыць ліхтар {n}.", [], similar=[[precedent.pk, score]])
        for n, score in enumerate((0.72, 0.35))
    ]
    client.force_login(town.users["clerk"])
    page = client.get(reverse("appeals:triage", args=[body.pk])).text
    with translation.override("en"):
        local_day = date_format(datetime(2026, 5, 2), "SHORT_DATE_FORMAT")
        utc_day = date_format(datetime(2026, 5, 1), "SHORT_DATE_FORMAT")
    link = f'<a href="{reverse("appeals:appeal", args=[precedent.pk])}">{precedent.number}</a>'
    assert page.count(link) == 2  # one line on each card, each with its own score
    assert f"{local_day} · 72% similar" in page and f"{local_day} · 35% similar" in page
    assert f"{utc_day} ·" not in page
    assert "no category · no department · <strong>Closed</strong>" in page
    assert "Answer: Лямпу заменена." in page
    own = client.get(reverse("triage:suggestions", args=[waiting[0].pk])).text
    assert link in own and f"{local_day} · 72% similar" in own
