"""The sentence model's latent terms as a feature block, read when the embedder gives them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from tests.core.triage.test_classify import WordHashEmbedder

from ratusha_core.triage.classify import (
    CachedEmbedder,
    ClassifierConfig,
    LabelledText,
    classifier_from_bytes,
    classifier_to_bytes,
    train,
)
from ratusha_core.triage.classify.features import (
    CONCEPTS_DIM,
    FeatureSpace,
    concept_rows,
    offers_concepts,
)

FAST = ClassifierConfig(c_grid=(1.0,), class_weights=("none",), use_word_vectors=False)
# Words of three languages that a multilingual model maps to one concept.
CONCEPTS = {"фонарь": 7, "фонари": 7, "ліхтар": 7, "lamp": 7, "яма": 9, "ямы": 9, "pothole": 9}
HISTORY = [
    ("Не горит фонарь у дома", "lighting"),
    ("Фонари не работают третий день", "lighting"),
    ("Разбитый фонарь во дворе", "lighting"),
    ("Сломан фонарь на остановке", "lighting"),
    ("Большая яма на дороге", "roads"),
    ("Ямы на проезжей части", "roads"),
    ("Глубокая яма у подъезда", "roads"),
    ("Опасная яма на перекрёстке", "roads"),
]


class ConceptEmbedder(WordHashEmbedder):
    """A stand-in for e5 whose latent terms know that "ліхтар" and "фонарь" are one thing."""

    def __init__(self) -> None:
        super().__init__()
        self.concept_calls = 0

    def concepts(self, texts: Sequence[str]) -> Any:
        self.concept_calls += 1
        pairs = []
        for text in texts:
            found = sorted({CONCEPTS[w] for w in re.findall(r"\w+", text.lower()) if w in CONCEPTS})
            pairs.append((np.array(found, np.int32), np.ones(len(found), np.float32)))
        return concept_rows(pairs)


def history() -> list[LabelledText]:
    return [LabelledText(text, label) for text, label in HISTORY * 2]


def test_latent_terms_carry_a_word_the_history_never_used() -> None:
    config = replace(FAST, concepts_weight=2.0)
    with_terms = train(history(), config, 0, embedder=ConceptEmbedder())
    without = train(history(), replace(config, use_concepts=False), 0, embedder=ConceptEmbedder())
    assert with_terms.space.use_concepts and not without.space.use_concepts
    # English, no word of the history: only the concept connects them.
    asked = ("lamp", "pothole")
    assert [with_terms.predict(t).label for t in asked] == ["lighting", "roads"]
    assert [without.predict(t).label for t in asked] != ["lighting", "roads"]
    assert with_terms.predict("Ліхтар").label == "lighting"
    width = with_terms.space.transform(["x"], ConceptEmbedder()).shape[1]
    assert width == without.space.transform(["x"], ConceptEmbedder()).shape[1] + CONCEPTS_DIM


def test_an_embedder_without_latent_terms_trains_without_them() -> None:
    plain = train(history(), FAST, 0, embedder=WordHashEmbedder())
    assert not plain.space.use_concepts and plain.predict("Не горит фонарь").label == "lighting"
    assert not offers_concepts(CachedEmbedder(WordHashEmbedder()))
    assert offers_concepts(CachedEmbedder(ConceptEmbedder()))
    assert not train(history(), replace(FAST, use_embedding=False), 0).space.use_concepts
    # A model stored before latent terms existed has no such field: it reads as off.
    assert FeatureSpace.use_concepts is False


def test_stored_models_and_cached_embedders_keep_the_terms() -> None:
    inner = ConceptEmbedder()
    cached = CachedEmbedder(inner)
    model = train(history(), FAST, 0, embedder=cached)
    calls = inner.concept_calls
    model.predict_many([text for text, _ in HISTORY])  # seen while training: no new call
    assert inner.concept_calls == calls
    loaded = classifier_from_bytes(classifier_to_bytes(model), embedder=ConceptEmbedder())
    assert loaded.space.use_concepts
    assert loaded.predict("Ліхтар") == model.predict("Ліхтар")


def test_rows_are_unit_length_and_an_empty_text_stays_empty() -> None:
    rows = concept_rows([(np.array([1, 5]), np.array([3.0, 4.0])), (np.zeros(0), np.zeros(0))])
    assert rows.shape == (2, CONCEPTS_DIM)
    assert np.allclose(rows[0].toarray()[0, [1, 5]], [0.6, 0.8]) and rows[1].nnz == 0
