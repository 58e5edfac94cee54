"""Why two appeals were or were not linked: one pair's steps, and why it was never compared."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pytest
from django.utils import translation

from ratusha.appeals.models import Appeal
from ratusha.triage import duplicate_explain, embeddings
from ratusha.triage.duplicate_candidates import appeal_duplicates
from ratusha.triage.duplicate_explain import (
    POOL,
    POOL_LIMIT,
    WINDOW,
    NotComparable,
    compare_appeals,
    other_appeal,
    pool_choice,
)
from ratusha.triage.duplicates import (
    NO_OTHER_VECTOR,
    NO_VECTOR,
    NOT_ONE_PLACE,
    Candidate,
    find_duplicates,
    score_pool,
)
from ratusha.triage.models import AppealEmbedding, TriageResult

TEXT = "На вуліцы Гагарына каля дома 14 адкрыты каналізацыйны люк, дзеці могуць упасці."
AGAIN = "Адкрыты каналізацыйны люк на вуліцы Гагарына каля дома 14, небяспечна для дзяцей."
HERE = (53.9000, 27.5600)


def _unit(vector: Any) -> Any:
    vector = np.asarray(vector, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_each_pair_of_the_pool_scores_what_find_duplicates_gives() -> None:
    rng = np.random.default_rng(7)
    mine_vector = _unit(rng.normal(size=16))
    close = _unit(mine_vector + 0.2 * rng.normal(size=16))
    light = (("light", 0.97), ("road", 0.01))
    road = (("road", 0.97), ("light", 0.01))
    pool = [
        Candidate(1, AGAIN, (53.9001, 27.5601), "гагарина", close, "be"),  # near, one street
        Candidate(2, AGAIN, (53.9500, 27.7000), "кирава", close, "ru"),  # far, another street
        Candidate(3, AGAIN, (53.9090, 27.5600), street="гагарина", vector=close, language="ru"),
        Candidate(4, AGAIN, street="гагарина", categories=road),  # no vector; categories differ
        Candidate(5, "Прашу адрамантаваць дах школы нумар 3.", HERE, "гагарина", close),
        Candidate(6, TEXT, None, "кирава", None, "", light),  # the same words, another street
    ]
    mine = Candidate(0, TEXT, HERE, "гагарина", mine_vector, "be", light)
    scored = dict(zip(range(1, 7), score_pool(mine, pool, labels=12), strict=True))
    everything = find_duplicates(
        TEXT,
        HERE,
        pool,
        min_score=0.0,
        limit=99,
        street="гагарина",
        vector=mine_vector,
        language="be",
        categories=light,
        labels=12,
    )
    assert dict(everything) == {pk: round(pair.score, 3) for pk, pair in scored.items()}
    asked = {"street": "гагарина", "vector": mine_vector, "language": "be", "labels": 12}
    linked = find_duplicates(TEXT, HERE, pool, categories=light, limit=99, **asked)
    assert {pk for pk, _score in linked} == {pk for pk, pair in scored.items() if pair.passes}
    one, two, three, four, _five, six = (scored[pk] for pk in range(1, 7))
    assert one.near and one.shared_street and one.cosine is not None and one.same_language
    assert one.placed == pytest.approx(min(1.0, one.text + 0.1))
    assert two.far and two.other_streets and two.no_cosine == (NOT_ONE_PLACE,)
    assert two.placed == pytest.approx(two.text * 0.25) and not two.same_language
    assert 0.3 < (three.km or 0) < 2.0 and not three.near and not three.far
    assert three.cosine is not None and three.floor < one.floor  # two languages: lower floor
    assert four.no_cosine == (NO_OTHER_VECTOR,) and four.ratio is not None and four.ratio < 1
    assert four.score < four.placed
    assert six.ngram == pytest.approx(1.0) and six.other_streets and six.ratio > 1
    assert six.placed == pytest.approx(0.5) and six.score == six.placed


def test_without_a_vector_of_its_own_the_appeal_is_compared_by_its_words() -> None:
    mine = Candidate(0, TEXT, HERE, "гагарина")
    [pair] = score_pool(mine, [Candidate(1, AGAIN, HERE, "гагарина", _unit([1.0, 0.0]))])
    assert pair.cosine is None and pair.no_cosine == (NO_VECTOR,) and pair.text == pair.ngram


@pytest.mark.django_db
def test_the_breakdown_gives_the_score_of_the_triage_run(town: Any, manholes: list[Appeal]) -> None:
    first, _second, third, other = manholes
    clerk = town.users["clerk"]
    result = TriageResult.objects.get(appeal=third)
    category, department = pool_choice(third, result)
    ranked = appeal_duplicates(third, category, department, categories=result.categories)
    found = compare_appeals(clerk, third, other_appeal(clerk, third, first.number))
    assert found.pair is not None and found.outside == ()
    assert round(found.pair.score, 3) == dict(ranked)[first.pk] and found.linked_now
    assert found.rank == [pk for pk, _score in ranked].index(first.pk) + 1
    assert (third, dict(result.duplicates)[first.pk]) in found.stored
    apart = compare_appeals(clerk, other, third)
    assert apart.pair is not None and not apart.pair.passes and not apart.linked_now
    assert apart.rank is None and third.pk not in dict(
        TriageResult.objects.get(appeal=other).duplicates
    )


@pytest.mark.django_db
def test_the_stored_vectors_are_read_and_none_is_made_in_the_request(
    town: Any, triaged_pair: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = True
    first, second = triaged_pair()
    stored = dict(TriageResult.objects.get(appeal=second).duplicates)

    def refuse(texts: list[str]) -> Any:
        raise AssertionError("a web request embedded a text")

    monkeypatch.setattr(embeddings, "embed_texts", refuse)
    clerk = town.users["clerk"]
    second = Appeal.objects.get(pk=second.pk)
    found = compare_appeals(clerk, second, Appeal.objects.get(pk=first.pk))
    pair = found.pair
    assert pair is not None and pair.cosine is not None and pair.shared_street
    assert not pair.same_language and found.mine.language == "ru"
    assert round(pair.score, 3) == stored[first.pk] and found.linked_now
    AppealEmbedding.objects.filter(appeal=first).delete()
    missing = compare_appeals(clerk, second, Appeal.objects.get(pk=first.pk))
    assert missing.pair is not None and missing.pair.cosine is None
    assert missing.pair.no_cosine == (NO_OTHER_VECTOR,)


@pytest.mark.django_db
def test_an_appeal_outside_the_window_or_the_pool_is_never_compared(
    town: Any, register: Any, monkeypatch: Any
) -> None:
    clerk = town.users["clerk"]
    appeal = register(TEXT, address="вул. Гагарына, 14")
    older = register(AGAIN, address="вул. Гагарына, 14", applicant_email="p2@x.org")
    Appeal.objects.filter(pk=older.pk).update(registered_at=appeal.registered_at - timedelta(41))
    found = compare_appeals(clerk, appeal, Appeal.objects.get(pk=older.pk))
    assert found.outside == (WINDOW,) and found.apart == timedelta(days=41)
    assert found.pair is not None and found.pair.passes  # it would link, if compared
    assert not found.linked_now and found.rank is None and not found.triaged

    Appeal.objects.filter(pk=older.pk).update(
        registered_at=appeal.registered_at - timedelta(days=3),
        category=town.categories["A2"],
        department=town.departments["A2"],
    )
    TriageResult.objects.create(
        appeal=appeal,
        language="be",
        decision="suggest",
        created_at=appeal.registered_at,
        categories=[[town.categories["A1"].pk, 0.8]],
        departments=[[town.departments["A1"].pk, 0.7]],
    )
    found = compare_appeals(clerk, appeal, Appeal.objects.get(pk=older.pk))
    assert found.outside == (POOL,) and found.triaged
    assert found.category == town.categories["A1"] and found.department == town.departments["A1"]
    Appeal.objects.filter(pk=older.pk).update(department=None)  # not routed yet: compared
    found = compare_appeals(clerk, appeal, Appeal.objects.get(pk=older.pk))
    assert found.outside == () and found.linked_now

    register(AGAIN + " Зноў.", address="вул. Гагарына, 14", applicant_email="p3@x.org")
    monkeypatch.setattr(duplicate_explain, "DUPLICATE_POOL", 1)  # the newer one fills it
    found = compare_appeals(clerk, appeal, Appeal.objects.get(pk=older.pk))
    assert found.outside == (POOL_LIMIT,) and not found.linked_now


@pytest.mark.django_db
def test_the_other_appeal_is_found_by_number_or_id_among_those_in_reach(
    town: Any, manholes: list[Appeal]
) -> None:
    first, second = manholes[:2]
    clerk = town.users["clerk"]
    assert other_appeal(clerk, first, f"  {second.number.lower()} ") == second
    assert other_appeal(clerk, first, str(second.pk)) == second
    for typed in ("", "A-1999-000001", "9" * 40, first.number):
        with pytest.raises(NotComparable):
            other_appeal(clerk, first, typed)
    with translation.override("en"), pytest.raises(NotComparable, match="No appeal you can see"):
        other_appeal(town.users["officer"], first, second.number)  # not in their department
