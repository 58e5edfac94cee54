"""Suggestions for a body with no labelled history, from keywords and a few example texts.

An administrator writes, per category (or department), a list of keywords and a few
example appeals, and edits them later. The suggestions are honest about being guesses:
confidence is capped well below any auto-route threshold, so a clerk always decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ratusha_core.triage.classify.calibration import softmax
from ratusha_core.triage.classify.features import normalise_text
from ratusha_core.triage.classify.routing import decide
from ratusha_core.triage.classify.types import Decision, Prediction

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class CategoryDescription:
    """What an administrator writes about one category: keywords and example appeals."""

    label: str
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


def _stem(word: str) -> str:
    # Russian and Belarusian inflect word endings: compare the first letters only.
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(normalise_text(text))]


@dataclass(frozen=True, eq=False)
class ColdStartClassifier:
    """Keyword and example matching with the same ``predict`` as a trained classifier."""

    categories: tuple[CategoryDescription, ...]
    max_confidence: float
    _examples: Any = field(repr=False)
    _example_owner: tuple[int, ...] = field(repr=False)
    _vectorizer: Any = field(repr=False)

    @property
    def threshold(self) -> float | None:
        """Give no threshold: a cold-start guess is never routed without a clerk."""
        return None

    def _keyword_hits(self, words: list[str]) -> list[list[str]]:
        """Give, per category, the words of the text that matched its keywords."""
        hits: list[list[str]] = []
        for category in self.categories:
            found: list[str] = []
            for keyword in category.keywords:
                stems = [_stem(w) for w in _words(keyword)]
                matched = [next((w for w in words if w.startswith(s)), None) for s in stems]
                if stems and all(m is not None for m in matched):
                    found.append(" ".join(m for m in matched if m is not None))
            hits.append(found)
        return hits

    def predict(self, text: str) -> Prediction:
        """Give up to three guessed labels, with confidence no higher than the cap."""
        words = _words(text)
        hits = self._keyword_hits(words)
        score = np.array([float(len(h)) for h in hits])
        similar = np.zeros(len(self.categories))
        best_example = [-1] * len(self.categories)
        if self._examples is not None:
            row = self._vectorizer.transform([normalise_text(text)])
            sims = (self._examples @ row.T).toarray().ravel()
            for j, owner in enumerate(self._example_owner):
                if sims[j] > similar[owner]:
                    similar[owner] = sims[j]
                    best_example[owner] = j
        score = score + 2.0 * similar
        k = len(self.categories)
        if score.max() <= 0:
            probs = np.full(k, 1.0 / k)
        else:
            # Shrink towards uniform just enough to respect the cap: keywords are weak evidence.
            sharp = softmax(score[None, :], 0.5)[0]
            weight = 1.0
            if sharp.max() > self.max_confidence:
                weight = (self.max_confidence - 1.0 / k) / (sharp.max() - 1.0 / k)
            probs = weight * sharp + (1.0 - weight) / k
        order = np.argsort(-probs, kind="stable")[:3]
        top = tuple((self.categories[j].label, float(probs[j])) for j in order)
        first = int(order[0])
        reasons = list(dict.fromkeys(hits[first]))
        if not reasons and best_example[first] >= 0:
            example = self._all_examples()[best_example[first]]
            shared = set(_words(example))
            reasons = [w for w in dict.fromkeys(words) if len(w) > 3 and w in shared][:3]
        return Prediction(top=top, explanation=tuple(reasons[:5]))

    def _all_examples(self) -> list[str]:
        return [ex for c in self.categories for ex in c.examples]

    def decide(self, prediction: Prediction) -> Decision:
        """Give 'suggest': a cold-start guess always goes to the clerk."""
        return decide(prediction, self.threshold)


def cold_start(
    categories: Sequence[CategoryDescription], max_confidence: float = 0.6
) -> ColdStartClassifier:
    """Give a classifier built from the administrator's keywords and example texts.

    >>> roads = CategoryDescription("Roads", keywords=("pothole", "asphalt"))
    >>> lights = CategoryDescription("Lighting", keywords=("streetlight",))
    >>> cold_start([roads, lights]).predict("A deep pothole on Main St").label
    'Roads'
    """
    if len(categories) < 2:
        raise ValueError("describe at least two categories")
    if len({c.label for c in categories}) != len(categories):
        raise ValueError("each category must be described once")
    if not 1.0 / len(categories) < max_confidence < 1.0:
        raise ValueError("max_confidence must lie between 1/(number of categories) and 1")
    # Blank lines an administrator left behind are no examples.
    categories = [
        CategoryDescription(c.label, c.keywords, tuple(ex for ex in c.examples if ex.strip()))
        for c in categories
    ]
    examples = [normalise_text(ex) for c in categories for ex in c.examples]
    owner = tuple(i for i, c in enumerate(categories) for _ in c.examples)
    vectorizer: Any = None
    matrix: Any = None
    if examples:
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        matrix = vectorizer.fit_transform(examples)
    return ColdStartClassifier(
        categories=tuple(categories),
        max_confidence=max_confidence,
        _examples=matrix,
        _example_owner=owner,
        _vectorizer=vectorizer,
    )
