"""The models page's routing-policy form: who may, what is saved and recorded, bad input."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.urls import reverse

from ratusha.bodies.models import Body
from ratusha.ledger.models import PendingEntry
from ratusha.triage.models import Target, TriageModel
from ratusha.triage.training import do_train_model
from ratusha_core.triage.classify import ClassifierConfig

pytestmark = pytest.mark.django_db

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)


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


def test_the_page_shows_what_each_precision_would_route_and_when_a_new_one_applies(
    town: Any, history: Any, client: Any
) -> None:
    body = town.bodies["A"]
    model = do_train_model(body, Target.DEPARTMENT, config=FAST)
    assert model is not None
    table = {row[0]: row for row in model.metrics["routing"]}
    client.force_login(town.users["admin"])
    url = reverse("triage:models", args=[body.pk])
    page = client.get(url).text
    assert f"What each precision would route: department model, version {model.version}" in page
    assert "route: category model" not in page  # no category model trained
    rows = re.findall(r'<tr><th scope="row">(\d+)%( <strong>\(now\)</strong>)?</th>', page)
    assert rows == [
        ("80", ""),
        ("85", ""),
        ("90", " <strong>(now)</strong>"),
        ("95", ""),
        ("99", ""),
    ]
    _, threshold, coverage, _ = table[0.9]
    assert f"<td>{round(100 * coverage, 1)}%</td>" in page
    assert threshold is None or f"<td>{round(100 * threshold, 1)}%</td>" in page

    policy = reverse("triage:routing-policy", args=[body.pk])
    saved = client.post(policy, {"auto_route": "on", "precision_percent": "87"}, follow=True)
    assert "87% precision, from the next appeal triaged." in saved.text
    assert re.search(r'<th scope="row">87% <strong>\(now\)</strong>', saved.text)

    # A model stored before training kept the table: no table, and the old advice.
    metrics = dict(model.metrics)
    del metrics["routing"]
    TriageModel.objects.filter(pk=model.pk).update(metrics=metrics)
    older = client.post(policy, {"auto_route": "on", "precision_percent": "92"}, follow=True)
    assert "A new precision applies from the next training" in older.text
    assert "What each precision would route" not in older.text
