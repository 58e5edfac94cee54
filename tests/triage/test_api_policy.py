"""A body's triage policy and model versions through the REST API: reads, changes, refusals."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.utils import translation

from ratusha.bodies.models import Body, Category
from ratusha.ledger.models import PendingEntry
from ratusha.triage.actions_category_routing import CATEGORY_ROUTING
from ratusha.triage.actions_duplicate_policy import DUPLICATE_POLICY
from ratusha.triage.actions_models import MODEL_ACTIVATED, MODEL_PINNED, MODEL_UNPINNED
from ratusha.triage.actions_policy import ROUTING_POLICY
from ratusha.triage.models import Target, TriageModel
from ratusha.triage.training import do_train_model
from ratusha_core.triage.classify import ClassifierConfig
from tests.api.conftest import Api
from tests.triage.test_clusters_api import fields, problem

pytestmark = pytest.mark.django_db

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)
POLICY = "/bodies/A/triage-policy"
MODELS = "/bodies/A/triage-models"
DEFAULTS = {
    "body": "A",
    "auto_route": True,
    "auto_route_precision": 0.9,
    "duplicate_min_score": 0.5,
    "clerk_decides": [],
    "urgent_department": None,
}


@pytest.fixture(autouse=True)
def _words_only(settings: Any) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = False


def entries(event: str) -> list[dict[str, Any]]:
    return [json.loads(e.leaf_input) for e in PendingEntry.objects.filter(event_type=event)]


def patch(api: Api, payload: Any, token: str | None, path: str = POLICY, **kw: Any) -> Any:
    return api.call("PATCH", path, payload, token=token, **kw)


def stored(body: Any) -> tuple[bool, float, float]:
    fresh = Body.objects.get(pk=body.pk)
    return fresh.auto_route, fresh.auto_route_precision, fresh.duplicate_min_score


@pytest.mark.parametrize("name", ["admin", "auditor", "clerk", "officer", "district_admin"])
def test_staff_who_see_the_body_read_its_policy(
    api: Api, tokens: dict[str, str], town: Any, name: str
) -> None:
    Body.objects.filter(pk=town.bodies["A"].pk).update(auto_route=False, duplicate_min_score=0.62)
    found = api.get(POLICY, token=tokens[name])
    assert found.status_code == 200, found.content
    assert found.json() == {**DEFAULTS, "auto_route": False, "duplicate_min_score": 0.62}


def test_others_may_not_read_the_policy(api: Api, tokens: dict[str, str], town: Any) -> None:
    problem(api.get(POLICY, token=tokens["officer_b"]), 404, "not-found")  # body B's officer
    problem(api.get("/bodies/NOPE/triage-policy", token=tokens["admin"]), 404, "not-found")
    problem(api.get(POLICY, token=tokens["citizen"]), 403, "staff-only")
    problem(api.get(POLICY), 401, "unauthorized")
    problem(api.get(POLICY, token="not-a-token"), 401, "unauthorized")


def test_an_administrator_changes_part_of_the_policy_and_it_is_recorded_once(
    api: Api, tokens: dict[str, str], town: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    with django_capture_on_commit_callbacks(execute=True):
        changed = patch(api, {"auto_route_precision": 0.951}, tokens["admin"])
    assert changed.status_code == 200, changed.content
    assert changed.json() == {**DEFAULTS, "auto_route_precision": 0.95}  # kept to two decimals
    assert stored(body) == (True, 0.95, 0.5)
    assert [(e["auto_route"], e["precision"]) for e in entries(ROUTING_POLICY)] == [(True, 0.95)]
    assert entries(DUPLICATE_POLICY) == []  # a field left out is not written
    # The same change again writes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again = patch(api, {"auto_route_precision": 0.95, "auto_route": True}, tokens["admin"])
    assert again.status_code == 200 and again.json() == changed.json()
    assert len(entries(ROUTING_POLICY)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        both = patch(
            api, {"auto_route": False, "duplicate_min_score": 0.7}, tokens["district_admin"]
        )
    assert both.json() == {
        **DEFAULTS,
        "auto_route": False,
        "auto_route_precision": 0.95,
        "duplicate_min_score": 0.7,
    }
    assert stored(body) == (False, 0.95, 0.7)
    assert [(e["auto_route"], e["precision"]) for e in entries(ROUTING_POLICY)][-1] == (False, 0.95)
    assert [(e["min_score"], e["previous"]) for e in entries(DUPLICATE_POLICY)] == [(0.7, 0.5)]
    # An empty change, or nulls, change nothing and give the policy.
    with django_capture_on_commit_callbacks(execute=True):
        empty = patch(api, {"auto_route": None}, tokens["admin"])
    assert empty.status_code == 200 and empty.json()["duplicate_min_score"] == 0.7
    assert len(entries(ROUTING_POLICY)) == 2 and len(entries(DUPLICATE_POLICY)) == 1


def test_an_administrator_names_the_categories_a_clerk_decides(
    api: Api, tokens: dict[str, str], town: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        changed = patch(api, {"clerk_decides": ["CA2"]}, tokens["admin"])
    assert changed.status_code == 200, changed.content
    assert changed.json() == {**DEFAULTS, "clerk_decides": ["CA2"]}
    assert not Category.objects.get(pk=town.categories["A2"].pk).auto_route
    assert [(e["auto_route_on"], e["auto_route_off"]) for e in entries(CATEGORY_ROUTING)] == [
        ([], ["CA2"])
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert patch(api, {"clerk_decides": ["CA2"]}, tokens["admin"]).status_code == 200
    assert len(entries(CATEGORY_ROUTING)) == 1  # the same again records nothing
    # An unknown code (say, another body's) changes nothing, the good field included.
    refused = patch(api, {"clerk_decides": ["CB1"], "duplicate_min_score": 0.7}, tokens["admin"])
    assert list(fields(problem(refused, 422, "invalid-input"))) == ["clerk_decides"]
    assert Category.objects.get(pk=town.categories["B1"].pk).auto_route
    assert stored(town.bodies["A"])[2] == 0.5
    emptied = patch(api, {"clerk_decides": []}, tokens["admin"])
    assert emptied.json()["clerk_decides"] == []


@pytest.mark.parametrize(
    ("payload", "bad"),
    [
        ({"auto_route_precision": 1.0}, {"auto_route_precision"}),
        ({"auto_route_precision": 0.49}, {"auto_route_precision"}),
        ({"duplicate_min_score": 0.95}, {"duplicate_min_score"}),
        ({"duplicate_min_score": 0.2}, {"duplicate_min_score"}),
        # One good and one bad: the good one is not applied either.
        ({"auto_route": False, "duplicate_min_score": 0.91}, {"duplicate_min_score"}),
        ({"auto_route_precision": 0.8, "duplicate_min_score": 0.1}, {"duplicate_min_score"}),
        ({"auto_route_precision": 2, "duplicate_min_score": 0.6}, {"auto_route_precision"}),
        (
            {"auto_route_precision": 0, "duplicate_min_score": 1},
            {"auto_route_precision", "duplicate_min_score"},
        ),
    ],
)
def test_values_out_of_range_change_nothing(
    api: Api,
    tokens: dict[str, str],
    town: Any,
    django_capture_on_commit_callbacks: Any,
    payload: dict[str, Any],
    bad: set[str],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        refused = patch(api, payload, tokens["admin"])
    assert set(fields(problem(refused, 422, "invalid-input"))) == bad
    assert stored(town.bodies["A"]) == (True, 0.9, 0.5)
    assert not PendingEntry.objects.filter(
        event_type__in=[ROUTING_POLICY, DUPLICATE_POLICY]
    ).exists()


def test_refusals_read_in_the_callers_language(api: Api, tokens: dict[str, str], town: Any) -> None:
    with translation.override("ru"):
        refused = patch(api, {"duplicate_min_score": 0.95}, tokens["admin"], accept_language="ru")
        expected = translation.gettext("The score must be from 0.30 to 0.90.")
    assert fields(problem(refused, 422, "invalid-input"))["duplicate_min_score"] == expected
    wrong_type = patch(api, {"auto_route": "maybe"}, tokens["admin"])
    assert "auto_route" in fields(problem(wrong_type, 422, "invalid-input"))


@pytest.mark.parametrize("name", ["clerk", "auditor", "head", "officer"])
def test_staff_who_are_not_administrators_may_not_change_the_policy(
    api: Api, tokens: dict[str, str], town: Any, name: str
) -> None:
    problem(patch(api, {"auto_route": False}, tokens[name]), 403, "not-body-admin")
    problem(patch(api, {"auto_route": False}, tokens["officer_b"]), 404, "not-found")
    problem(patch(api, {"auto_route": False}, tokens["citizen"]), 403, "staff-only")
    problem(patch(api, {"auto_route": False}, None), 401, "unauthorized")
    assert stored(town.bodies["A"]) == (True, 0.9, 0.5)
    assert not PendingEntry.objects.filter(event_type=ROUTING_POLICY).exists()


@pytest.fixture
def trained(town: Any, history: Any) -> list[TriageModel]:
    """Two department versions (the second active) and one category version of body A."""
    body = town.bodies["A"]
    made = [
        do_train_model(body, target, config=FAST)
        for target in (Target.DEPARTMENT, Target.DEPARTMENT, Target.CATEGORY)
    ]
    assert all(m is not None for m in made)
    return [m for m in made if m is not None]


def test_the_list_gives_every_version_with_its_metrics(
    api: Api, tokens: dict[str, str], town: Any, trained: list[TriageModel]
) -> None:
    _first, second, category = trained
    listed = api.get(MODELS, token=tokens["auditor"])
    assert listed.status_code == 200, listed.content
    page = listed.json()
    assert (page["body"], page["count"], page["limit"], page["offset"]) == ("A", 3, 20, 0)
    shown = [(m["target"], m["version"], m["active"]) for m in page["items"]]
    assert shown == [("category", 1, True), ("department", 2, True), ("department", 1, False)]
    assert page["items"][0]["metrics"]["examples"] == category.metrics["examples"]
    entry = page["items"][1]
    metrics = second.metrics
    assert entry["metrics"]["examples"] == metrics["examples"] == 72
    assert entry["metrics"]["accuracy"] == metrics["accuracy"] and 0 < metrics["accuracy"] <= 1
    for name in ("top3_accuracy", "coverage", "threshold", "routed_precision", "macro_f1"):
        assert entry["metrics"][name] == metrics.get(name)
    assert entry["pinned_at"] is None and entry["pinned_by"] is None
    assert entry["created_at"].startswith(second.trained_at.date().isoformat())
    # What each precision would route, as the models page shows it.
    routing = {r["precision"]: r for r in entry["routing"]}
    assert len(routing) == 50 and min(routing) == 0.5 and max(routing) == 0.99
    assert routing[0.9]["threshold"] == metrics["threshold"]
    assert all(0 <= r["coverage"] <= 1 for r in entry["routing"])
    # A target and a page.
    only = api.get(MODELS, {"target": "department", "limit": 1, "offset": 1}, token=tokens["clerk"])
    assert only.json()["count"] == 2
    assert [(m["target"], m["version"]) for m in only.json()["items"]] == [("department", 1)]
    assert "target" in fields(
        problem(api.get(MODELS, {"target": "x"}, token=tokens["clerk"]), 422, "invalid-input")
    )
    problem(api.get(MODELS, token=tokens["officer_b"]), 404, "not-found")
    problem(api.get(MODELS, token=tokens["citizen"]), 403, "staff-only")
    problem(api.get(MODELS), 401, "unauthorized")


def test_an_administrator_rolls_back_pins_and_unpins(
    api: Api,
    tokens: dict[str, str],
    town: Any,
    trained: list[TriageModel],
    django_capture_on_commit_callbacks: Any,
) -> None:
    admin = tokens["admin"]
    with django_capture_on_commit_callbacks(execute=True):
        back = api.post(f"{MODELS}/department/1/activate", token=admin)  # no body: pinned
    assert back.status_code == 200, back.content
    entry = back.json()
    assert (entry["version"], entry["active"], entry["pinned_by"]) == (1, True, "admin@example.org")
    assert entry["pinned_at"] is not None
    assert [(e["model_version"], e["previous_version"]) for e in entries(MODEL_ACTIVATED)] == [
        (1, 2)
    ]
    assert [e["model_version"] for e in entries(MODEL_PINNED)] == [1]
    # Again: nothing changes, nothing is recorded.
    with django_capture_on_commit_callbacks(execute=True):
        again = api.post(f"{MODELS}/department/1/activate", {"pin": True}, token=admin)
        pinned = api.post(f"{MODELS}/department/1/pin", token=admin)
    assert again.json() == entry and pinned.json() == entry
    assert len(entries(MODEL_ACTIVATED)) == 1 and len(entries(MODEL_PINNED)) == 1
    listed = {
        name: api.get(MODELS, {"target": "department"}, token=tokens[name]).json()
        for name in ("admin", "clerk")
    }
    # Staff who may not change the body see that the version is pinned, not by whom.
    assert [(m["pinned_at"] is not None, m["pinned_by"]) for m in listed["admin"]["items"]] == [
        (False, None),
        (True, "admin@example.org"),
    ]
    assert [(m["pinned_at"] is not None, m["pinned_by"]) for m in listed["clerk"]["items"]] == [
        (False, None),
        (True, None),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        lifted = api.post(f"{MODELS}/department/1/unpin", token=admin)
        lifted_again = api.post(f"{MODELS}/department/1/unpin", token=admin)
    assert lifted.json()["pinned_at"] is None and lifted.json()["pinned_by"] is None
    assert lifted.json()["active"] and lifted_again.json() == lifted.json()
    assert [e["model_version"] for e in entries(MODEL_UNPINNED)] == [1]
    # Forward again without a pin; the version that is not active cannot be pinned.
    forward = api.post(f"{MODELS}/department/2/activate", {"pin": False}, token=admin)
    assert (forward.json()["active"], forward.json()["pinned_at"]) == (True, None)
    problem(api.post(f"{MODELS}/department/1/pin", token=admin), 409, "not-active")
    assert TriageModel.objects.get(pk=trained[0].pk).pinned_at is None


def test_only_administrators_change_versions_and_unknown_ones_are_404(
    api: Api, tokens: dict[str, str], town: Any, trained: list[TriageModel]
) -> None:
    for action in ("activate", "pin", "unpin"):
        path = f"{MODELS}/department/1/{action}"
        for name in ("clerk", "auditor", "head"):
            problem(api.post(path, token=tokens[name]), 403, "not-body-admin")
        problem(api.post(path, token=tokens["officer_b"]), 404, "not-found")
        problem(api.post(path, token=tokens["citizen"]), 403, "staff-only")
        problem(api.post(path), 401, "unauthorized")
        for wrong in ("department/9", "category/2", "urgency/1"):
            missing = api.post(f"{MODELS}/{wrong}/{action}", token=tokens["admin"])
            problem(missing, 404, "no-model-version")
    problem(
        api.post("/bodies/B/triage-models/department/1/pin", token=tokens["admin"]),
        404,
        "not-found",
    )
    rows = TriageModel.objects.order_by("target", "version")
    assert [(m.target, m.version, m.is_active, m.pinned_at) for m in rows] == [
        ("category", 1, True, None),
        ("department", 1, False, None),
        ("department", 2, True, None),
    ]
    assert not PendingEntry.objects.filter(event_type__startswith="triage.model_").exists()


def test_the_openapi_document_describes_the_new_endpoints(api: Api) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    prefix = "/api/v1/bodies/{code}/"
    assert set(paths[prefix + "triage-policy"]) == {"get", "patch"}
    assert "get" in paths[prefix + "triage-models"]
    for action in ("activate", "pin", "unpin"):
        operation = paths[f"{prefix}triage-models/{{target}}/{{version}}/{action}"]["post"]
        assert {"200", "401", "403", "404"} <= set(operation["responses"])


def test_an_administrator_names_the_duty_department_for_urgent_appeals(
    api: Api, tokens: dict[str, str], town: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    with django_capture_on_commit_callbacks(execute=True):
        named = patch(api, {"urgent_department": "A3"}, tokens["admin"])
    assert named.status_code == 200, named.content
    assert named.json() == {**DEFAULTS, "urgent_department": "A3"}
    assert Body.objects.get(pk=body.pk).urgent_department_id == town.departments["A3"].pk
    assert [e["urgent_department"] for e in entries(ROUTING_POLICY)] == ["A3"]
    # Another body's department, or an unknown code, is a field error and changes nothing.
    with translation.override("ru"):
        for code in ("B1", "NOPE"):
            refused = patch(api, {"urgent_department": code}, tokens["admin"])
            assert fields(problem(refused, 422, "invalid-input"))["urgent_department"]
    assert Body.objects.get(pk=body.pk).urgent_department_id == town.departments["A3"].pk
    # Left out, it stays; an empty string clears it.
    kept = patch(api, {"auto_route_precision": 0.8}, tokens["admin"])
    assert kept.json()["urgent_department"] == "A3"
    with django_capture_on_commit_callbacks(execute=True):
        cleared = patch(api, {"urgent_department": ""}, tokens["admin"])
    assert cleared.json()["urgent_department"] is None
    assert entries(ROUTING_POLICY)[-1]["urgent_department"] is None
