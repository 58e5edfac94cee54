"""The n-gram TF-IDF of duplicates: kept counts give the fitted scores, without counting again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ratusha.triage import ngrams
from ratusha.triage.duplicates import Candidate, find_duplicates
from ratusha.triage.ngrams import TextCounts, fitted_similarities, similarities

PAIRS = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "duplicate_pairs.jsonl").read_text().splitlines()
    if line.strip()
]
TEXTS = [p[side]["text"] for p in PAIRS for side in ("a", "b")]


@pytest.fixture
def counted(monkeypatch: Any) -> list[str]:
    """Record every text the n-gram counter is asked to count."""
    seen: list[str] = []
    real = ngrams.count_rows
    monkeypatch.setattr(ngrams, "count_rows", lambda texts: seen.extend(texts) or real(texts))
    return seen


def test_kept_counts_give_the_scores_of_a_vectorizer_fitted_on_the_texts() -> None:
    counts = TextCounts()
    differences = []
    for i, text in enumerate(TEXTS[:40]):
        others = TEXTS[i + 1 : i + 60]
        kept = similarities(text, others, TEXTS[100:140], counts=counts)
        differences += list(np.abs(kept - fitted_similarities(text, others, TEXTS[100:140])))
    # Hashed n-grams collide now and then (2**20 buckets): a rare small difference.
    assert max(differences) < 0.02
    assert np.mean(differences) < 0.001


def test_each_text_is_counted_once_per_worker(counted: list[str]) -> None:
    counts = TextCounts()
    pool = TEXTS[10:60]
    similarities(TEXTS[0], pool, counts=counts)
    assert len(counted) == 1 + len(pool)
    counted.clear()
    similarities(TEXTS[1], pool, counts=counts)
    assert counted == [TEXTS[1]]
    counted.clear()
    edited = pool[3] + " Ужо другі тыдзень."
    similarities(TEXTS[1], [*pool[:3], edited, *pool[4:]], counts=counts)
    assert counted == [edited]  # an edited appeal is another text: counted afresh


def test_the_counts_kept_stay_within_their_bound(counted: list[str]) -> None:
    counts = TextCounts(max_ngrams=3000)
    for text in TEXTS[:60]:
        similarities(text, TEXTS[60:63], counts=counts)
    assert 1 <= len(counts) < 30
    assert counts.ngrams <= 3000 or len(counts) == 1
    counted.clear()
    similarities(TEXTS[59], TEXTS[60:63], counts=counts)
    assert counted == []  # the texts of the last call are the ones kept
    similarities(TEXTS[0], TEXTS[60:63], counts=counts)
    assert counted == [TEXTS[0]]  # the oldest ones went first


def test_duplicates_score_the_same_as_with_a_fitted_vectorizer(monkeypatch: Any) -> None:
    from ratusha.triage import duplicates

    text = "На вуліцы Леніна каля дома 5 адкрыты каналізацыйны люк, небяспечна."
    pool = [
        Candidate(i, t) for i, t in enumerate([text.replace("адкрыты", "зноў адкрыты"), *TEXTS])
    ]
    kept = find_duplicates(text, None, pool, min_score=0.2, limit=50)
    monkeypatch.setattr(duplicates, "similarities", fitted_similarities)
    fitted = find_duplicates(text, None, pool, min_score=0.2, limit=50)
    assert [pk for pk, _s in kept][:3] == [pk for pk, _s in fitted][:3]
    assert kept[0][0] == 0 and kept[0][1] > 0.8
    assert dict(kept).keys() == dict(fitted).keys()


def test_an_empty_or_unknown_text_scores_zero_not_nan() -> None:
    scores = similarities("не гарыць ліхтар", ["", "!!!", "не гарыць ліхтар"], counts=TextCounts())
    assert scores.tolist()[:2] == [0.0, 0.0] and scores[2] == pytest.approx(1.0)
    assert similarities("ліхтар", [], counts=TextCounts()).tolist() == []
