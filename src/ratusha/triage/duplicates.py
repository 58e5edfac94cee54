"""Near-duplicate appeals: character n-gram similarity of the texts, nudged by distance.

Kept free of Django so it can be tested on plain values; the triage action feeds it the
recent appeals of the same body (bounded) and stores the candidates it gives.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ratusha_core.publication import street_of

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
    street: str = ""  # ``street_key`` of the problem's address, if any


# Belarusian and Russian spellings of one street name meet here (Леніна, Ленина -> ленина).
_SPELLING = str.maketrans({"і": "и", "ы": "и", "ў": "у", "э": "е", "ё": "е", "'": "", "’": ""})
_MARKER = re.compile(
    r"^(?:вул|ул|вуліца|улица|пр-т|пр-кт|просп|праспект|проспект|пр|пер|зав|завулак|"
    r"переулок|бульв|бул|пл|плошча|площадь|тракт|шаша|шоссе)\.?\s+",
    re.IGNORECASE,
)


def street_key(address: str) -> str:
    """Give a comparable name of the address's street ('' when none is recognisable).

    >>> street_key("вул. Леніна, 5") == street_key("ул. Ленина, 12")
    True
    """
    street = street_of(address or "") or ""
    return _MARKER.sub("", street.lower().translate(_SPELLING)).strip()


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
    background: Sequence[str] = (),
    street: str = "",
) -> list[tuple[int, float]]:
    """Give (appeal id, score) of the likely duplicates, best first.

    The score is the cosine similarity of character 3-5-gram TF-IDF vectors; when both
    appeals have coordinates, a problem within 300 m gains 0.1 and one over 2 km away
    loses half its score (the same words about another street are another problem).
    Likewise, when both give the problem's street (``street_key``) and the streets differ,
    the score is halved unless the pins are within 300 m (on the demo's history half of
    the pairs above 0.5 were one template about two buildings on different streets).
    ``background`` texts only teach which n-grams are common (the weights); with few
    candidates they keep everyday phrasing from passing for a match.
    """
    if not candidates or not text.strip():
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer  # loads only where used

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    compared = [text.lower()] + [c.text.lower() for c in candidates]
    vectorizer.fit(compared + [b.lower() for b in background])
    matrix = vectorizer.transform(compared)
    similarity = (matrix[1:] @ matrix[0].T).toarray().ravel()
    found: list[tuple[int, float]] = []
    for candidate, score in zip(candidates, similarity, strict=True):
        value = float(score)
        near = False
        if point is not None and candidate.point is not None:
            km = distance_km(point, candidate.point)
            near = km <= NEAR_KM
            if near:
                value = min(1.0, value + 0.1)
            elif km > FAR_KM:
                value *= 0.5
        if street and candidate.street and street != candidate.street and not near:
            value *= 0.5
        if value >= min_score:
            found.append((candidate.appeal_id, round(value, 3)))
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found[:limit]
