"""The models page's routing-policy form: who may, what is saved and recorded, bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from ratusha.bodies.models import Body
from ratusha.ledger.models import PendingEntry

pytestmark = pytest.mark.django_db


def test_an_administrator_switches_routing_off_and_sets_the_precision(
    town: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    client.force_login(town.users["admin"])
    page = client.get(reverse("triage:models", args=[body.pk])).text
    assert "Now: on." in page and "90% precision" in page
    assert 'name="precision_percent" value="90"' in page
    url = reverse("triage:routing-policy", args=[body.pk])
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"precision_percent": "95"}, follow=True)  # unticked: off
    assert "every suggestion now waits for a clerk" in done.text
    fresh = Body.objects.get(pk=body.pk)
    assert (fresh.auto_route, fresh.auto_route_precision) == (False, 0.95)
    assert "Now: off." in done.text
    entry = PendingEntry.objects.get(event_type="triage.routing_policy")
    leaf = json.loads(entry.leaf_input)
    assert (leaf["auto_route"], leaf["precision"]) == (False, 0.95)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, {"precision_percent": "95"}, follow=True)
    assert "nothing changed" in again.text
    assert PendingEntry.objects.filter(event_type="triage.routing_policy").count() == 1
    on = client.post(url, {"auto_route": "on", "precision_percent": "85"}, follow=True)
    assert "85% precision" in on.text and Body.objects.get(pk=body.pk).auto_route


def test_bad_precision_keeps_what_was_typed_and_changes_nothing(town: Any, client: Any) -> None:
    body = town.bodies["A"]
    client.force_login(town.users["admin"])
    url = reverse("triage:routing-policy", args=[body.pk])
    refused = client.post(url, {"auto_route": "on", "precision_percent": "100"})
    assert refused.status_code == 422
    assert 'name="precision_percent" value="100"' in refused.text
    assert 'id="policy-precision_percent_error"' in refused.text
    assert Body.objects.get(pk=body.pk).auto_route_precision == 0.9
    assert not PendingEntry.objects.filter(event_type="triage.routing_policy").exists()


def test_only_administrators_may_change_the_policy(town: Any, client: Any) -> None:
    body = town.bodies["A"]
    url = reverse("triage:routing-policy", args=[body.pk])
    for name in ("clerk", "head", "auditor", "officer"):
        client.force_login(town.users[name])
        assert client.post(url, {"precision_percent": "60"}).status_code in (403, 404)
    assert Body.objects.get(pk=body.pk).auto_route_precision == 0.9
    client.force_login(town.users["district_admin"])
    assert client.post(url, {"auto_route": "on", "precision_percent": "60"}).status_code == 302
    assert Body.objects.get(pk=body.pk).auto_route_precision == 0.6
