"""A body's duplicate threshold: clusters, triage runs and the comparison follow it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.triage.actions import do_triage_appeal
from ratusha.triage.actions_duplicate_policy import check_set_duplicate_policy
from ratusha.triage.clusters import cluster_of, open_clusters
from ratusha.triage.duplicate_explain import compare_appeals
from ratusha.triage.duplicates import MIN_SCORE
from ratusha.triage.models import TriageResult
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db


def _set(town: Any, score: float) -> None:
    check_set_duplicate_policy(town.users["admin"], town.bodies["A"], min_score=score)


def _linked(appeal: Appeal) -> dict[int, float]:
    return {int(pk): score for pk, score in TriageResult.objects.get(appeal=appeal).duplicates}


def _members(found: Any) -> list[int] | None:
    return None if found is None else [a.pk for a in found.members]


def test_the_default_is_the_scorers_and_the_database_keeps_the_range(town: Any) -> None:
    body = Body.objects.get(pk=town.bodies["A"].pk)
    assert body.duplicate_min_score == MIN_SCORE == 0.5
    for wrong in (0.29, 0.91):
        with pytest.raises(IntegrityError), transaction.atomic():
            Body.objects.filter(pk=body.pk).update(duplicate_min_score=wrong)
    with pytest.raises(ValidationError):
        check_set_duplicate_policy(town.users["admin"], body, min_score=0.95)
    assert Body.objects.get(pk=body.pk).duplicate_min_score == 0.5


def test_a_higher_threshold_drops_weaker_stored_links_from_clusters_at_once(
    town: Any, manholes: list[Appeal]
) -> None:
    first, second, third, _other = manholes
    clerk = town.users["clerk"]
    weak, strong = _linked(second)[first.pk], _linked(third)[first.pk]
    assert 0.5 <= weak < 0.55 <= strong < 0.6  # the two stored links, as triage scored them
    assert _members(cluster_of(clerk, first)) == [first.pk, second.pk, third.pk]
    _set(town, 0.55)  # between them: nothing is triaged again
    assert _linked(second) == {first.pk: weak}  # the stored link stays stored
    assert _members(cluster_of(clerk, first)) == [first.pk, third.pk]
    assert cluster_of(clerk, second) is None
    listed = open_clusters(clerk, town.bodies["A"])
    assert [_members(c) for c in listed] == [[first.pk, third.pk]]
    _set(town, 0.6)
    assert cluster_of(clerk, first) is None and open_clusters(clerk, town.bodies["A"]) == []
    _set(town, 0.5)  # back down: the stored links count again
    assert _members(cluster_of(clerk, first)) == [first.pk, second.pk, third.pk]


def test_merges_and_officers_marks_do_not_depend_on_the_threshold(town: Any, register: Any) -> None:
    now = timezone.now()
    a, b, c = (register(f"Зварот {n} пра ліхтар на вуліцы Міра.") for n in range(3))
    for appeal, days in ((a, 3), (b, 2), (c, 1)):
        Appeal.objects.filter(pk=appeal.pk).update(registered_at=now - timedelta(days=days))
    TriageResult.objects.create(
        appeal=c, language="be", decision="suggest", created_at=now, duplicates=[[b.pk, 0.6]]
    )
    Appeal.objects.filter(pk=b.pk).update(merged_into=a)  # a merge is a link of its own
    _set(town, 0.9)
    a.refresh_from_db()
    assert _members(cluster_of(town.users["clerk"], a)) == [a.pk, b.pk]
    _set(town, 0.6)  # a stored score equal to the threshold reaches it
    assert _members(cluster_of(town.users["clerk"], a)) == [a.pk, b.pk, c.pk]


def test_new_triage_runs_link_from_the_bodys_threshold(town: Any, manholes: list[Appeal]) -> None:
    first, second, third, _other = manholes
    clerk = town.users["clerk"]
    assert set(_linked(third)) == {first.pk}  # at 0.5, the pair (second, third) scored less
    _set(town, 0.6)
    do_triage_appeal(Appeal.objects.get(pk=third.pk))
    assert _linked(third) == {}
    # Lowering it reaches new runs only: the pair that never passed is linked when triaged again.
    _set(town, 0.3)
    found = compare_appeals(clerk, third, second)
    assert found.pair is not None and 0.3 <= found.pair.score < 0.5 and found.linked_now
    do_triage_appeal(Appeal.objects.get(pk=third.pk))
    assert set(_linked(third)) == {first.pk, second.pk}
    assert _members(cluster_of(clerk, first)) == [first.pk, second.pk, third.pk]


def test_the_comparison_page_and_api_report_the_bodys_threshold(
    town: Any, manholes: list[Appeal], client: Any, api: Api, tokens: dict[str, str]
) -> None:
    first, _second, third, _other = manholes
    url = reverse("triage:compare", args=[third.pk])
    client.force_login(town.users["clerk"])
    before = client.get(url, {"other": first.number}).text
    assert "at least the 0.50 needed: they are linked" in before
    _set(town, 0.6)
    found = compare_appeals(town.users["clerk"], third, first)
    assert found.needed == 0.6 and found.pair is not None and not found.pair.passes
    page = client.get(url, {"other": first.number}).text
    assert "below the 0.60 needed to link" in page
    assert "0.60 or more links the two." in page
    assert "That is below the 0.60 this body needs now" in page  # the stored link
    answer = api.get(f"/appeals/{third.pk}/compare", {"other": first.number}, token=tokens["clerk"])
    assert answer.status_code == 200, answer.content
    assert answer.json()["needed"] == 0.6 and answer.json()["linked_now"] is False
