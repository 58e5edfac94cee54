"""Marking appeals as not duplicates through the REST API: mark, list, withdraw, refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from ratusha.appeals.models import Appeal
from ratusha.triage.clusters import cluster_of
from ratusha.triage.models import NotDuplicate
from tests.api.conftest import Api
from tests.triage.test_clusters_api import fields, problem

pytestmark = pytest.mark.django_db


def test_mark_list_compare_and_withdraw(
    api: Api, tokens: dict[str, str], town: Any, manholes: list[Appeal]
) -> None:
    first, second, third, _other = manholes
    clerk = tokens["clerk"]
    marked = api.post(f"/appeals/{third.pk}/not-duplicates", {"other": first.number}, token=clerk)
    assert marked.status_code == 200, marked.content
    body = marked.json()
    assert body["appeals"] == [first.number, third.number] and body["withdrawn_at"] is None
    assert body["by_role"] == "registry_clerk" and body["score"] > 0.5
    assert {m.pk for m in cluster_of(town.users["clerk"], second).members} == {
        first.pk,
        second.pk,
    }
    # Again: the same standing mark, no second row.
    again = api.post(f"/appeals/{first.pk}/not-duplicates", {"other": str(third.pk)}, token=clerk)
    assert again.json()["at"] == body["at"] and NotDuplicate.objects.count() == 1
    listed = api.get(f"/appeals/{first.pk}/not-duplicates", token=tokens["admin"]).json()
    assert [m["appeals"] for m in listed] == [[first.number, third.number]]
    assert api.get(f"/appeals/{second.pk}/not-duplicates", token=clerk).json() == []
    compared = api.get(f"/appeals/{third.pk}/compare", {"other": first.number}, token=clerk).json()
    assert compared["never_compared_because"] == ["not_duplicate"]
    assert compared["kept_apart"]["by_role"] == "registry_clerk" and not compared["linked_now"]
    gone = api.call("DELETE", f"/appeals/{third.pk}/not-duplicates/{first.number}", token=clerk)
    assert gone.status_code == 200 and gone.json()["withdrawn_at"] is not None
    assert len(cluster_of(town.users["clerk"], second).members) == 3
    none = api.call("DELETE", f"/appeals/{third.pk}/not-duplicates/{first.number}", token=clerk)
    problem(none, 404, "not-marked")


def test_refusals_are_problems_with_field_errors(
    api: Api, tokens: dict[str, str], town: Any, manholes: list[Appeal]
) -> None:
    first, _second, third, _other = manholes
    path = f"/appeals/{third.pk}/not-duplicates"
    with translation.override("ru"):
        unknown = api.post(path, {"other": "A-1999-1"}, token=tokens["clerk"], accept_language="ru")
    assert "A-1999-1" in fields(problem(unknown, 422, "invalid-input"))["other"]
    itself = api.post(path, {"other": third.number}, token=tokens["clerk"])
    assert "other" in fields(problem(itself, 422, "invalid-input"))
    problem(
        api.post(path, {"other": first.number}, token=tokens["auditor"]), 403, "role-not-permitted"
    )
    problem(api.post(path, {"other": first.number}, token=tokens["officer_b"]), 404, "not-found")
    problem(api.post(path, {"other": first.number}, token=tokens["citizen"]), 403, "staff-only")
    problem(api.post(path, {"other": first.number}), 401, "unauthorized")
    Appeal.objects.filter(pk=first.pk).update(merged_into=third, state="merged")
    problem(api.post(path, {"other": first.number}, token=tokens["clerk"]), 409, "merged")
    assert not NotDuplicate.objects.exists()
