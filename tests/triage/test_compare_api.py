"""Why two appeals are or are not linked, through the REST API: figures, errors, scoping."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from ratusha.appeals.models import Appeal
from ratusha.triage.duplicate_explain import compare_appeals
from ratusha.triage.models import TriageResult
from tests.api.conftest import Api
from tests.triage.test_clusters_api import fields, problem

pytestmark = pytest.mark.django_db


def test_the_figures_are_those_of_the_page(
    api: Api, tokens: dict[str, str], town: Any, manholes: list[Appeal]
) -> None:
    first, _second, third, other = manholes
    found = api.get(f"/appeals/{third.pk}/compare", {"other": first.number}, token=tokens["clerk"])
    assert found.status_code == 200, found.content
    body = found.json()
    page = compare_appeals(town.users["clerk"], third, first)
    assert page.pair is not None
    assert (body["appeal"], body["other"]) == (third.number, first.number)
    assert body["score"] == round(page.pair.score, 3) and body["needed"] == 0.5
    assert body["linked_now"] is page.linked_now is True and body["rank"] == page.rank
    assert body["never_compared_because"] == [] and body["triaged"] is True
    stored = dict(TriageResult.objects.get(appeal=third).duplicates)
    assert body["stored_links"] == [{"by": third.number, "score": stored[first.pk]}]
    steps = body["steps"]
    assert steps["ngram"] == pytest.approx(page.pair.ngram)
    assert steps["shared_street"] is True and steps["cosine"] is None
    assert steps["cosine_not_used"] == ["switched_off"]  # the test settings turn e5 off
    assert steps["placed"] == pytest.approx(page.pair.placed)
    # By id too; and a pair in another pool says why it would never be compared.
    by_id = api.get(f"/appeals/{other.pk}/compare", {"other": str(first.pk)}, token=tokens["clerk"])
    assert by_id.status_code == 200, by_id.content
    assert by_id.json()["other"] == first.number and not by_id.json()["linked_now"]


def test_wrong_input_is_a_field_error_in_the_callers_language(
    api: Api, tokens: dict[str, str], manholes: list[Appeal]
) -> None:
    first = manholes[0]
    path = f"/appeals/{first.pk}/compare"
    with translation.override("en"):
        unknown = problem(
            api.get(path, {"other": "A-1999-000001"}, token=tokens["clerk"]), 422, "invalid-input"
        )
        assert "No appeal you can see" in fields(unknown)["other"]
        itself = problem(
            api.get(path, {"other": first.number}, token=tokens["clerk"]), 422, "invalid-input"
        )
        assert "That is this appeal" in fields(itself)["other"]
    missing = api.get(path, token=tokens["clerk"])
    assert missing.status_code == 422 and missing["Content-Type"] == "application/problem+json"
    russian = api.get(path, {"other": "A-1999-000001"}, token=tokens["clerk"], accept_language="ru")
    assert "No appeal you can see" not in fields(russian.json())["other"]


def test_only_staff_who_may_see_the_appeal(
    api: Api, tokens: dict[str, str], manholes: list[Appeal]
) -> None:
    first, second = manholes[:2]
    path = f"/appeals/{first.pk}/compare"
    assert api.get(path, {"other": second.number}).status_code == 401
    assert api.get(path, {"other": second.number}, token=tokens["officer_b"]).status_code == 404
    assert api.get(path, {"other": second.number}, token=tokens["citizen"]).status_code == 403
