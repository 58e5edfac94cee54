"""Bulk assignment from the inbox: each appeal succeeds or is refused with its reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ratusha.appeals.models import Appeal

pytestmark = pytest.mark.django_db


def test_partial_success_is_reported(make_appeal: Any, world: Any, as_user: Any) -> None:
    # Without a category the appeals wait in triage; one more is already assigned to A1.
    waiting = [make_appeal(category=None) for _ in range(2)]
    assigned = make_appeal()
    stale = make_appeal(category=None)
    assert {a.state for a in waiting} == {"triage"} and assigned.state == "assigned"
    client = as_user("clerk")
    body = world.bodies["A"]
    officer_a2 = world.users["officer_a2"]
    target = f"{world.departments['A2'].pk}:{officer_a2.pk}"
    inbox = reverse("appeals:body-inbox", args=[body.pk])
    response = client.post(
        reverse("appeals:bulk-assign", args=[body.pk]),
        {
            "appeal": [f"{a.pk}:{a.version}" for a in [*waiting, assigned]]
            + [f"{stale.pk}:{stale.version - 1}"],
            "assignee": target,
            "next": inbox,
        },
    )
    assert response.status_code == 302 and response["Location"] == inbox
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Assigned 2 appeal(s)" in t for t in texts), texts
    assert any(assigned.number in t and "reason" in t for t in texts), texts
    assert any(stale.number in t and "Someone else changed" in t for t in texts), texts
    for appeal in waiting:
        appeal.refresh_from_db()
        assert appeal.department == world.departments["A2"] and appeal.executor == officer_a2
    assert Appeal.objects.get(pk=assigned.pk).department == world.departments["A1"]
    assert Appeal.objects.get(pk=stale.pk).state == "triage"


def test_reassign_with_reason_by_head_and_refusal_for_officer(
    make_appeal: Any, world: Any, as_user: Any
) -> None:
    appeal = make_appeal()
    body = world.bodies["A"]
    head, officer = world.users["head"], world.users["officer"]
    data = {
        "appeal": [f"{appeal.pk}:{appeal.version}"],
        "assignee": f"{world.departments['A1'].pk}:{officer.pk}",
        "reason": "Ваш участак.",
    }
    # An officer may not reassign: the action refuses, nothing changes.
    response = as_user("officer").post(reverse("appeals:bulk-assign", args=[body.pk]), data)
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(appeal.number in t for t in texts), texts
    assert Appeal.objects.get(pk=appeal.pk).executor is None
    as_user("head").post(reverse("appeals:bulk-assign", args=[body.pk]), data)
    appeal.refresh_from_db()
    assert appeal.executor == officer
    assert appeal.events.filter(action="reassign", actor=head, reason="Ваш участак.").exists()


def test_nothing_selected(world: Any, as_user: Any) -> None:
    body = world.bodies["A"]
    response = as_user("clerk").post(reverse("appeals:bulk-assign", args=[body.pk]), {})
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["Select at least one appeal."]
