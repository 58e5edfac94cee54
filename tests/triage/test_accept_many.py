"""The triage queue, many at once: select cards, confirm the list, assign as suggested."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.triage.models import TriageLabel, TriageResult

pytestmark = pytest.mark.django_db


def _picked(appeals: list[Appeal]) -> list[str]:
    return [f"{a.pk}:{a.version}" for a in appeals]


def _suggested(appeal: Appeal) -> int:
    return int(TriageResult.objects.get(appeal=appeal).departments[0][0])


def test_the_queue_offers_a_checkbox_per_suggestion(
    town: Any, queue: list[Appeal], client: Any
) -> None:
    client.force_login(town.users["clerk"])
    page = client.get(reverse("appeals:triage", args=[town.bodies["A"].pk])).content.decode()
    action = reverse("triage:accept-many", args=[town.bodies["A"].pk])
    assert f'action="{action}" id="accept-many"' in page
    for appeal in queue:
        value = f"{appeal.pk}:{appeal.version}"
        box = f'name="appeal" value="{value}" id="pick-{appeal.pk}" form="accept-many"'
        assert box in page and f'<label for="pick-{appeal.pk}">Select: accept' in page


def test_confirm_then_assign_each_as_suggested(town: Any, queue: list[Appeal], client: Any) -> None:
    client.force_login(town.users["clerk"])
    url = reverse("triage:accept-many", args=[town.bodies["A"].pk])
    listing = client.post(url, {"appeal": _picked(queue[:2])})
    page = listing.content.decode()
    assert listing.status_code == 200 and "2 appeals will be assigned" in page
    assert queue[0].number in page and queue[1].number in page and queue[2].number not in page
    assert Appeal.objects.filter(state=State.TRIAGE).count() == 3  # nothing yet
    done = client.post(url, {"appeal": _picked(queue[:2]), "confirm": "yes"}, follow=True)
    assert "2 appeals are assigned as suggested" in done.content.decode()
    for appeal in queue[:2]:
        fresh = Appeal.objects.get(pk=appeal.pk)
        assert fresh.state == State.ASSIGNED and fresh.department_id == _suggested(appeal)
        label = TriageLabel.objects.get(appeal=appeal)
        assert label.accepted and label.by == town.users["clerk"]
    assert Appeal.objects.get(pk=queue[2].pk).state == State.TRIAGE


def test_an_appeal_changed_meanwhile_is_refused_alone(
    town: Any, queue: list[Appeal], client: Any
) -> None:
    client.force_login(town.users["clerk"])
    url = reverse("triage:accept-many", args=[town.bodies["A"].pk])
    picked = _picked(queue)
    picked[1] = f"{queue[1].pk}:{queue[1].version - 1}"  # seen before someone changed it
    done = client.post(url, {"appeal": picked, "confirm": "yes"}, follow=True)
    page = done.content.decode()
    assert "2 appeals are assigned as suggested" in page and f"{queue[1].number}: " in page
    states = dict(Appeal.objects.filter(pk__in=[a.pk for a in queue]).values_list("pk", "state"))
    assert [states[a.pk] for a in queue] == [State.ASSIGNED, State.TRIAGE, State.ASSIGNED]
    # Once assigned they leave the queue: selecting them again assigns nothing.
    again = client.post(url, {"appeal": _picked(queue[:1])}, follow=True)
    assert "None of the selected appeals waits for a department any more." in again.content.decode()


def test_who_may_and_an_empty_choice(town: Any, queue: list[Appeal], client: Any) -> None:
    url = reverse("triage:accept-many", args=[town.bodies["A"].pk])
    client.force_login(town.users["officer"])
    assert client.post(url, {"appeal": _picked(queue)}).status_code == 403
    client.force_login(town.users["citizen"])
    assert client.post(url, {"appeal": _picked(queue)}).status_code == 404
    client.force_login(town.users["clerk"])
    assert client.get(url).status_code == 405
    empty = client.post(url, {"appeal": ["x"]}, follow=True)
    assert "Select at least one appeal whose suggestion to accept." in empty.content.decode()
    assert not TriageLabel.objects.exists()
