"""Similar answered appeals: found by the triage run, shown with outcomes, within reach only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals.choices import State
from ratusha.appeals.models import Answer, Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.triage.models import Decision, TriageResult
from ratusha.triage.similar import POOLS, PoolCache, PoolVectors, answer_line, rank_similar


@pytest.fixture(autouse=True)
def _fresh_pools() -> None:
    POOLS.clear()


def test_answer_line_skips_the_salutation_and_keeps_one_sentence() -> None:
    text = "Паважаная Ганна Іванаўна!\n\nЯма на вуліцы Леніна заладжана 3 мая. Дзякуй за зварот."
    assert answer_line(text) == "Яма на вуліцы Леніна заладжана 3 мая."
    assert answer_line("Dear Mr Smith,\nThe lamp was replaced.") == "The lamp was replaced."
    long = "Слова " * 80
    assert len(answer_line(long)) <= 160 and answer_line(long).endswith("…")
    assert answer_line("") == ""


def test_ranking_reuses_the_pool_and_adds_only_new_appeals() -> None:
    pool = [
        (1, "Не гарыць ліхтар на вуліцы Леніна"),
        (2, "Яма на дарозе каля школы"),
        (3, "Не вывозяць смецце з двара"),
        (4, "Не горит фонарь на улице Ленина"),
    ]
    cache = PoolCache()
    vectors = cache.vectors_for(7, pool)
    found = rank_similar("Ліхтар не гарыць на Леніна", pool, vectors)
    assert found and found[0][0] == 1 and all(score >= 0.2 for _pk, score in found)
    grown = [*pool, (5, "Ліхтары на Леніна зноў не гараць")]
    again = cache.vectors_for(7, grown)
    assert again is vectors and again.size == 5  # extended, not rebuilt
    assert rank_similar("Ліхтар не гарыць на Леніна", grown, again)[0][0] in (1, 5)
    # A changed text is a new row: never the vector of the old text.
    edited = [(1, "Зусім іншы тэкст пра паркоўку"), *grown[1:]]
    scores = dict(
        zip(
            [p for p, _t in edited],
            cache.vectors_for(7, edited).scores("паркоўку", edited),
            strict=True,
        )
    )
    assert scores[1] > 0.2
    assert isinstance(vectors, PoolVectors)


def test_triage_stores_the_most_similar_answered_appeals(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = register("Вечарам цёмна: не гарыць вулічны ліхтар на вуліцы Кірава.")
    with django_capture_on_commit_callbacks(execute=True):
        process_appeal.call(appeal.pk)
    result = TriageResult.objects.get(appeal=appeal)
    assert 1 <= len(result.similar) <= 3
    ids = [pk for pk, _score in result.similar]
    departments = set(Appeal.objects.filter(pk__in=ids).values_list("department__code", flat=True))
    assert departments == {"A2"}  # the lighting department's answered appeals
    scores = [score for _pk, score in result.similar]
    assert scores == sorted(scores, reverse=True)


def _answered(register: Any, town: Any, text: str, department: str, answer: str) -> Appeal:
    appeal = register(text)
    now = timezone.now()
    Appeal.objects.filter(pk=appeal.pk).update(
        state=State.CLOSED,
        department=town.departments[department],
        category=town.categories[department],
        answered_at=now,
    )
    Answer.objects.create(
        appeal=appeal, text=answer, drafted_at=now - timedelta(hours=2), sent_at=now
    )
    return appeal


def test_panel_shows_outcomes_only_of_appeals_the_officer_may_read(
    town: Any, register: Any, client: Any
) -> None:
    lighting = _answered(
        register, town, "Не гарыць ліхтар.", "A2", "Паважаны!\nЛямпу заменена 2 мая. Дзякуй."
    )
    roads = _answered(register, town, "Ліхтар і яма.", "A1", "Яму заладжана.")
    appeal = register("Не гарыць ліхтар на Міра.")
    Appeal.objects.filter(pk=appeal.pk).update(
        state=State.ASSIGNED, department=town.departments["A2"]
    )
    TriageResult.objects.create(
        appeal=appeal,
        language="be",
        decision=Decision.SUGGEST,
        similar=[[lighting.pk, 0.8], [roads.pk, 0.5]],
        created_at=timezone.now(),
    )
    url = reverse("triage:suggestions", args=[appeal.pk])
    client.force_login(town.users["clerk"])  # the whole body
    html = client.get(url).text
    assert "Similar answered appeals" in html
    assert lighting.number in html and roads.number in html
    assert "Лямпу заменена 2 мая." in html and "80% similar" in html
    assert "Closed" in html and "Катэгорыя A2" in html and "Dept A2" in html
    client.force_login(town.users["officer_a2"])  # department A2 only
    html = client.get(url).text
    assert lighting.number in html and roads.number not in html
    assert "Яму заладжана" not in html


def test_triage_queue_reads_similar_appeals_in_a_fixed_number_of_queries(
    town: Any, register: Any, client: Any
) -> None:
    precedent = _answered(register, town, "Не гарыць ліхтар.", "A2", "Лямпу заменена.")

    def waiting(n: int) -> None:
        for i in range(n):
            appeal = register(f"Не гарыць ліхтар нумар {i}.")
            Appeal.objects.filter(pk=appeal.pk).update(state=State.TRIAGE)
            TriageResult.objects.create(
                appeal=appeal,
                language="be",
                decision=Decision.SUGGEST,
                similar=[[precedent.pk, 0.7]],
                created_at=timezone.now(),
            )

    client.force_login(town.users["clerk"])
    url = reverse("appeals:triage", args=[town.bodies["A"].pk])
    waiting(2)
    client.get(url)  # the first request of a session reads what later ones keep
    with CaptureQueriesContext(connection) as few:
        assert precedent.number in client.get(url).text
    waiting(4)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)


def test_a_worker_keeps_the_pools_of_its_most_recent_bodies_only() -> None:
    cache = PoolCache(bodies=2)
    pool = [(1, "Не гарыць ліхтар"), (2, "Яма на дарозе")]
    first = cache.vectors_for(1, pool)
    second = cache.vectors_for(2, pool)
    assert cache.vectors_for(1, pool) is first  # used again: kept, and now the most recent
    cache.vectors_for(3, pool)  # body 2 was the least recently used: dropped
    assert cache.vectors_for(1, pool) is first
    assert cache.vectors_for(2, pool) is not second
