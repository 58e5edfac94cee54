"""The models page of a body: who sees it, the versions with their metrics, the rollback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ratusha.ledger.models import PendingEntry
from ratusha.triage.actions_models import MODEL_ACTIVATED, check_activate_model
from ratusha.triage.model_status import versions_of
from ratusha.triage.models import Target, TriageModel

pytestmark = pytest.mark.django_db

FULL = {
    "accuracy": 0.8126,
    "top3_accuracy": 0.95,
    "coverage": 0.4,
    "routed_precision": 0.912,
    "threshold": 0.7,
    "macro_f1": 0.777,
    "examples": 72,
    "labels": 3,
    "folds": 3,
    "target_precision": 0.85,
}


def stored(body: Any, target: str, version: int, metrics: dict[str, Any], active: bool) -> Any:
    """Store a model version as training would (the classifier's bytes do not matter here)."""
    return TriageModel.objects.create(
        body=body,
        target=target,
        version=version,
        classifier=b"",
        metrics=metrics,
        is_active=active,
        trained_at=timezone.now(),
        labels_used=version * 5,
    )


@pytest.fixture
def versions(town: Any) -> dict[str, Any]:
    """Body A's category model v1 (full metrics) and v2 (active, none), a department v1."""
    body = town.bodies["A"]
    return {
        "c1": stored(body, Target.CATEGORY, 1, FULL, False),
        "c2": stored(body, Target.CATEGORY, 2, {"examples": 80}, True),
        "d1": stored(body, Target.DEPARTMENT, 1, FULL, True),
        "b1": stored(town.bodies["B"], Target.CATEGORY, 1, FULL, True),
    }


def url(town: Any, name: str = "triage:models", *args: Any) -> str:
    return reverse(name, args=[town.bodies["A"].pk, *args])


@pytest.mark.parametrize("name", ["admin", "district_admin", "sysadmin"])
def test_administrators_of_the_body_see_the_page(town: Any, client: Any, name: str) -> None:
    client.force_login(town.users[name])
    response = client.get(url(town))
    assert response.status_code == 200
    assert "Triage models" in response.text


@pytest.mark.parametrize("name", ["officer", "officer_b", "clerk", "head", "auditor", "citizen"])
def test_anyone_else_is_refused_every_part_of_it(
    town: Any, client: Any, versions: dict[str, Any], name: str
) -> None:
    client.force_login(town.users[name])
    assert client.get(url(town)).status_code == 404
    assert client.get(url(town, "triage:models-vectors")).status_code == 404
    activate = url(town, "triage:model-activate", versions["c1"].pk)
    assert client.post(activate, {"confirm": "yes"}).status_code == 404
    assert client.post(url(town, "triage:models-retrain", "category")).status_code == 404
    versions["c1"].refresh_from_db()
    assert not versions["c1"].is_active


def test_anonymous_people_are_sent_to_log_in(town: Any, client: Any) -> None:
    response = client.get(url(town))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_body_page_links_the_models_page_for_administrators_only(
    town: Any, client: Any
) -> None:
    body_page = reverse("pages:staff-body", args=[town.bodies["A"].pk])
    client.force_login(town.users["admin"])
    assert url(town) in client.get(body_page).text
    client.force_login(town.users["clerk"])
    assert url(town) not in client.get(body_page).text


def test_versions_are_listed_newest_first_with_their_metrics(
    town: Any, client: Any, versions: dict[str, Any]
) -> None:
    client.force_login(town.users["admin"])
    html = client.get(url(town)).text
    category = html[html.index("Versions of the category model") :]
    category = category[: category.index("</table>")]
    rows = category.split("<tr>")[2:]  # after the caption's and the header's
    assert [row.split("</th>")[0].rsplit(">", 1)[1] for row in rows] == ["2", "1"]
    newest, oldest = rows
    assert "<strong>Active</strong>" in newest and "Make this version active" not in newest
    assert newest.count("—") == 6  # no accuracy, top-3, macro-F1, coverage, precision, threshold
    assert "80" in newest
    for figure in ("81.3%", "95.0%", "77.7%", "40.0%", "91.2%", "70.0%", "3-fold"):
        assert figure in oldest
    # The threshold says which precision it was chosen for; the newest does not know.
    assert '70.0% <span class="muted">(for 85% precision)</span>' in oldest
    assert "precision)" not in newest
    assert reverse("triage:model-activate", args=[town.bodies["A"].pk, versions["c1"].pk]) in (
        oldest
    )
    assert "Versions of the department model" in html
    # Body B's model is not body A's business.
    assert reverse("triage:model-activate", args=[town.bodies["A"].pk, versions["b1"].pk]) not in (
        html
    )


def test_the_list_is_capped_but_keeps_an_old_active_version(town: Any) -> None:
    body = town.bodies["A"]
    for version in range(1, 8):
        stored(body, Target.CATEGORY, version, {}, version == 2)
    shown = versions_of(body, Target.CATEGORY, shown=3)
    assert [v.version for v in shown.rows] == [7, 6, 5, 2]
    assert shown.total == 7 and shown.rows[-1].is_active


def test_rollback_needs_a_post_and_a_confirmation(
    town: Any, client: Any, versions: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(town.users["admin"])
    activate = url(town, "triage:model-activate", versions["c1"].pk)
    assert client.get(activate).status_code == 405
    asked = client.post(activate)
    assert asked.status_code == 200
    assert "Make version 1 of the category model active?" in asked.text
    assert 'name="confirm" value="yes"' in asked.text and "csrfmiddlewaretoken" in asked.text
    assert TriageModel.objects.get(is_active=True, body=town.bodies["A"], target="category").pk == (
        versions["c2"].pk
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(activate, {"confirm": "yes"}, follow=True)
    assert done.redirect_chain[-1][0] == url(town)
    assert "Version 1 of the category model is active now." in done.text
    active = TriageModel.objects.filter(body=town.bodies["A"], is_active=True)
    assert set(active.values_list("pk", flat=True)) == {versions["c1"].pk, versions["d1"].pk}
    entry = PendingEntry.objects.get(event_type=MODEL_ACTIVATED)
    leaf = json.loads(entry.leaf_input)
    assert (leaf["type"], leaf["body"]) == (MODEL_ACTIVATED, "A")
    assert (leaf["model_target"], leaf["model_version"], leaf["previous_version"]) == (
        "category",
        1,
        2,
    )


def test_activating_the_active_version_changes_nothing(
    town: Any, versions: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert check_activate_model(town.users["admin"], versions["c2"]) is False
    assert not PendingEntry.objects.filter(event_type=MODEL_ACTIVATED).exists()
    versions["c2"].refresh_from_db()
    assert versions["c2"].is_active


def test_a_version_of_another_body_is_not_found(
    town: Any, client: Any, versions: dict[str, Any]
) -> None:
    client.force_login(town.users["admin"])
    response = client.post(
        url(town, "triage:model-activate", versions["b1"].pk), {"confirm": "yes"}
    )
    assert response.status_code == 404
    versions["b1"].refresh_from_db()
    assert versions["b1"].is_active


def test_the_page_says_when_no_model_is_trained(town: Any) -> None:
    from django.template.loader import render_to_string

    from ratusha.triage.policy_form import RoutingPolicyForm

    body = town.bodies["A"]
    context = {
        "body": body,
        "targets": [versions_of(body, t) for t in Target.values],
        "vectors_on": False,
        "jobs": [],
        "busy": False,
        "policy_form": RoutingPolicyForm.of(body),
    }
    with translation.override("en"):
        html = render_to_string("triage/models.html", context)
    assert html.count("No version is trained yet") == 2
    assert "Sentence vectors are switched off" in html
    assert "Embed the history now" not in html
