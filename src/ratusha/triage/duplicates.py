"""Near-duplicate appeals: character n-gram similarity of the texts, nudged by distance.

Kept free of Django so it can be tested on plain values; the triage action feeds it the
recent appeals of the same body (bounded) and stores the candidates it gives.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MIN_SCORE = 0.5
MAX_CANDIDATES = 5
NEAR_KM = 0.3
FAR_KM = 2.0


@dataclass(frozen=True)
class Candidate:
    """One earlier appeal to compare with: its id, text and optional coordinates."""

    appeal_id: int
    text: str
    point: tuple[float, float] | None = None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Give the great-circle distance between two (latitude, longitude) points in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def find_duplicates(
    text: str,
    point: tuple[float, float] | None,
    candidates: Sequence[Candidate],
    min_score: float = MIN_SCORE,
    limit: int = MAX_CANDIDATES,
) -> list[tuple[int, float]]:
    """Give (appeal id, score) of the likely duplicates, best first.

    The score is the cosine similarity of character 3-5-gram TF-IDF vectors; when both
    appeals have coordinates, a problem within 300 m gains 0.1 and one over 2 km away
    loses half its score (the same words about another street are another problem).
    """
    if not candidates or not text.strip():
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer  # loads only where used

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([text.lower()] + [c.text.lower() for c in candidates])
    similarity = (matrix[1:] @ matrix[0].T).toarray().ravel()
    found: list[tuple[int, float]] = []
    for candidate, score in zip(candidates, similarity, strict=True):
        value = float(score)
        if point is not None and candidate.point is not None:
            km = distance_km(point, candidate.point)
            if km <= NEAR_KM:
                value = min(1.0, value + 0.1)
            elif km > FAR_KM:
                value *= 0.5
        if value >= min_score:
            found.append((candidate.appeal_id, round(value, 3)))
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found[:limit]
