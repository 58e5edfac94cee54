"""The clerk's triage queue in three orders: oldest, most confident suggestion, most urgent."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.models import Appeal
from ratusha.triage.models import TriageResult

pytestmark = pytest.mark.django_db


def _numbers_on(page: str) -> list[str]:
    """Give the appeal numbers of the queue's cards, in the order shown."""
    return re.findall(r'<h2 class="h3" id="card-\d+"><a href="[^"]+">([^<]+)</a>', page)


def _set(appeal: Appeal, confidence: float | None, urgency_rank: int = 0) -> None:
    result = TriageResult.objects.get(appeal=appeal)
    pairs = [] if confidence is None else [[result.departments[0][0], confidence]]
    TriageResult.objects.filter(pk=result.pk).update(departments=pairs, urgency_rank=urgency_rank)


def test_orders_of_the_queue(town: Any, queue: list[Appeal], client: Any) -> None:
    first, second, third = queue
    _set(first, 0.41)
    _set(second, None, urgency_rank=2)  # no department suggested: last when by confidence
    _set(third, 0.93, urgency_rank=1)
    client.force_login(town.users["clerk"])
    url = reverse("appeals:triage", args=[town.bodies["A"].pk])
    oldest = [first.number, second.number, third.number]
    assert _numbers_on(client.get(url).content.decode()) == oldest
    assert _numbers_on(client.get(url, {"order": "nonsense"}).content.decode()) == oldest
    page = client.get(url, {"order": "confident"}).content.decode()
    assert _numbers_on(page) == [third.number, first.number, second.number]
    assert '<option value="confident" selected>' in page
    urgent = client.get(url, {"order": "urgent"}).content.decode()
    assert _numbers_on(urgent) == [second.number, third.number, first.number]


def test_the_order_survives_assigning_one(town: Any, queue: list[Appeal], client: Any) -> None:
    client.force_login(town.users["clerk"])
    body = town.bodies["A"]
    listed = reverse("appeals:triage", args=[body.pk]) + "?order=confident"
    page = client.get(listed).content.decode()
    assert f'name="next" value="{listed}"' in page
    appeal = queue[0]
    department = TriageResult.objects.get(appeal=appeal).departments[0][0]
    done = client.post(
        reverse("appeals:triage-assign", args=[body.pk, appeal.pk]),
        {"assignee": str(department), "expected_version": appeal.version, "next": listed},
    )
    assert done.status_code == 302 and done["Location"] == listed
    assert Appeal.objects.get(pk=appeal.pk).department_id == department
    outside = client.post(
        reverse("appeals:triage-assign", args=[body.pk, queue[1].pk]),
        {"assignee": "", "next": "https://elsewhere.example/"},
    )
    assert outside["Location"] == reverse("appeals:triage", args=[body.pk])


def test_the_queue_shows_the_appeals_one_department_is_suggested_for(
    town: Any, queue: list[Appeal], client: Any
) -> None:
    first, second, third = queue
    a1, a2 = town.departments["A1"], town.departments["A2"]
    for appeal, pairs in ((first, [[a1.pk, 0.5]]), (second, []), (third, [[a2.pk, 0.7]])):
        TriageResult.objects.filter(appeal=appeal).update(departments=pairs)
    client.force_login(town.users["clerk"])
    client.cookies["ratusha_language"] = "en"
    url = reverse("appeals:triage", args=[town.bodies["A"].pk])
    page = client.get(url, {"suggested": str(a2.pk), "order": "confident"}).content.decode()
    assert _numbers_on(page) == [third.number]
    assert f'<option value="{a2.pk}" selected>' in page
    assert '<option value="confident" selected>' in page
    assert _numbers_on(client.get(url, {"suggested": "none"}).content.decode()) == [second.number]
    # Another body's department, or nonsense, is no filter.
    other = town.departments["B1"].pk
    for value in (str(other), "x"):
        listed = _numbers_on(client.get(url, {"suggested": value}).content.decode())
        assert listed == [first.number, second.number, third.number]
    assert "B1" not in page.split('id="queue-suggested"')[1].split("</select>")[0]
    # Nothing left with that suggestion: the filter stays, with a way back.
    TriageResult.objects.filter(appeal=third).update(departments=[[a1.pk, 0.7]])
    empty = client.get(url, {"suggested": str(a2.pk)}).content.decode()
    assert _numbers_on(empty) == [] and 'id="queue-suggested"' in empty
    assert "No appeal waiting for a department has this suggestion." in empty
