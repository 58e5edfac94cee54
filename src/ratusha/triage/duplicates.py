"""Near-duplicate appeals: text similarity (n-grams, optionally embeddings) nudged by place.

Kept free of Django so it can be tested on plain values; the triage action feeds it the
recent appeals of the same body (bounded), with their stored sentence vectors when the
embedding is on, and stores the candidates it gives.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ratusha.triage.ngrams import similarities
from ratusha.triage.street_names import same_street, street_marks
from ratusha_core.triage.duplicates_score import (
    EMBEDDING_FLOOR,
    SAME_LANGUAGE_FLOOR,
    category_ratio,
    text_score,
    with_categories,
)

MIN_SCORE = 0.5
MAX_CANDIDATES = 5
NEAR_KM = 0.3
FAR_KM = 2.0

# Why a pair's sentence vectors were not compared (``PairScore.no_cosine``).
NO_VECTOR = "no_vector"  # the appeal has no stored vector of its text (or embedding is off)
NO_OTHER_VECTOR = "no_other_vector"  # the other appeal has none
NOT_ONE_PLACE = "not_one_place"  # no shared street and no pins within NEAR_KM


@dataclass(frozen=True)
class Candidate:
    """One earlier appeal to compare with: its id, text and optional coordinates.

    ``vector`` is the appeal's stored sentence embedding (unit length), if it has one;
    ``categories`` the top category suggestions of its triage, if it was triaged.
    """

    appeal_id: int
    text: str
    point: tuple[float, float] | None = None
    street: str = ""  # ``street_names.street_key`` of the problem's address, if any
    vector: Any = None
    language: str = ""  # of the embedded text, as detected when it was embedded
    categories: tuple[tuple[str, float], ...] = ()  # its triage's (category, probability)


class PairScore(NamedTuple):
    """How one pair's duplicate score was reached, step by step (``score_pair``).

    Immutable like a frozen dataclass, but a tuple: a triage run makes one per candidate
    (up to 500), and a tuple is made in a third of the time (1.5 against 5 µs here).
    """

    ngram: float  # TF-IDF cosine of the character n-grams
    km: float | None  # between the two pins; None unless both appeals have one
    near: bool  # pins within NEAR_KM: the score gains 0.1
    far: bool  # pins over FAR_KM apart: the score is halved
    shared_street: bool  # both name the problem's street, and it is one street
    other_streets: bool  # both name it, and no street is shared: halved unless near
    cosine: float | None  # the sentence vectors' cosine, when they were compared
    no_cosine: tuple[str, ...]  # else why not: NO_VECTOR, NO_OTHER_VECTOR, NOT_ONE_PLACE
    same_language: bool  # the embedding floor is then the same-language one
    floor: float  # the embedding cosine that counts as nothing for this pair
    text: float  # ``text_score``: the larger of ngram and the rescaled cosine
    placed: float  # the text score after the place rules
    ratio: float | None  # ``category_ratio`` when both have category suggestions
    score: float  # the final score (``find_duplicates`` gives it rounded to 3 places)
    passes: bool  # score >= the minimum asked for (MIN_SCORE by default)


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
    vector: Any = None,
    language: str = "",
    floors: tuple[float, float] = (SAME_LANGUAGE_FLOOR, EMBEDDING_FLOOR),
    categories: Sequence[tuple[str, float]] = (),
    labels: int = 0,
) -> list[tuple[int, float]]:
    """Give (appeal id, score) of the likely duplicates, best first.

    The text score is the cosine similarity of character 3-5-gram TF-IDF vectors or, when
    this appeal and the candidate both have a sentence embedding (``vector``) and are tied
    to one place (a shared street or pins within 300 m), the larger of that and the
    rescaled embedding similarity (``duplicates_score.text_score``): the n-grams find the
    same words, the embedding the same problem in other words or another language, and
    the place tells two potholes apart, which the embedding cannot (on real appeals,
    unrelated complaints of one town score as high). When both appeals have coordinates,
    a problem within 300 m gains 0.1 and one over 2 km away loses half its score (the
    same words about another street are another problem). Likewise, when both name the
    problem's street (the address's ``street_key``, else the streets the text mentions)
    and no street is shared, the score is halved unless the pins are within 300 m (on the
    demo's history half of the pairs above 0.5 were one template about two buildings on
    different streets). ``floors`` are the embedding cosines that count as nothing
    (``duplicates_score.calibrated``) for a pair in one language and in two (``language``
    and ``Candidate.language``; unknown counts as one). Last, when this appeal and the
    candidate both have category suggestions (``categories`` of this one's triage, out of
    ``labels`` categories, and ``Candidate.categories``), suggestions that point to
    different problems lower the score (``duplicates_score.with_categories``): two
    reports at one place must then be closer in their words to pass. ``background``
    texts only teach which n-grams are common (the weights); with few candidates they
    keep everyday phrasing from passing for a match. Each pair is scored by ``score_pair``,
    whose ``PairScore`` keeps every step (the staff's comparison page shows them).
    """
    if not candidates or not text.strip():
        return []
    mine = Candidate(0, text, point, street, vector, language, tuple(categories))
    scored = score_pool(mine, candidates, background, floors, labels, min_score)
    found = [
        (candidate.appeal_id, round(pair.score, 3))
        for candidate, pair in zip(candidates, scored, strict=True)
        if pair.passes
    ]
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found[:limit]


def score_pool(
    mine: Candidate,
    candidates: Sequence[Candidate],
    background: Sequence[str] = (),
    floors: tuple[float, float] = (SAME_LANGUAGE_FLOOR, EMBEDDING_FLOOR),
    labels: int = 0,
    min_score: float = MIN_SCORE,
) -> list[PairScore]:
    """Give how each candidate scores against the appeal ``mine``, in order (``PairScore``).

    The n-gram cosines are computed together: their IDF weights come from ``mine``, every
    candidate and the ``background`` texts, so a pair scores as it does in its pool. An
    appeal with no text gives nothing.
    """
    if not candidates or not mine.text.strip():
        return []
    similarity = similarities(mine.text, [c.text for c in candidates], background)
    return [
        score_pair(float(ngram), mine, candidate, floors, labels, min_score)
        for candidate, ngram in zip(candidates, similarity, strict=True)
    ]


def score_pair(
    ngram: float,
    mine: Candidate,
    theirs: Candidate,
    floors: tuple[float, float] = (SAME_LANGUAGE_FLOOR, EMBEDDING_FLOOR),
    labels: int = 0,
    min_score: float = MIN_SCORE,
) -> PairScore:
    """Give the duplicate score of the appeal ``mine`` and a candidate, with every step.

    ``ngram`` is their TF-IDF cosine (from ``score_pool``: it depends on the texts compared
    together); ``labels`` the number of the body's categories. The steps are those
    ``find_duplicates`` describes: the text score, the place rules, the categories.
    """
    km, near, far = None, False, False
    if mine.point is not None and theirs.point is not None:
        km = distance_km(mine.point, theirs.point)
        near, far = km <= NEAR_KM, km > FAR_KM
    marks = street_marks(mine.street, mine.text)
    other = street_marks(theirs.street, theirs.text) if marks else frozenset()
    shared = bool(marks and other and same_street(marks, other))
    apart = bool(marks and other) and not shared
    cosine: float | None = None
    no_cosine: tuple[str, ...] = ()
    if mine.vector is not None and theirs.vector is not None and (near or shared):
        cosine = float(theirs.vector @ mine.vector)
    else:
        no_cosine = _no_cosine(mine, theirs, near or shared)
    same = not (mine.language and theirs.language and mine.language != theirs.language)
    floor = floors[0] if same else floors[1]
    text = text_score(ngram, cosine, floor)
    placed = min(1.0, text + 0.1) if near else text * 0.5 if far else text
    if apart and not near:
        placed *= 0.5
    ratio, value = None, placed
    if mine.categories and theirs.categories:
        ratio = category_ratio(mine.categories, theirs.categories, labels)
        value = with_categories(placed, ratio)
    return PairScore(
        ngram=ngram,
        km=km,
        near=near,
        far=far,
        shared_street=shared,
        other_streets=apart,
        cosine=cosine,
        no_cosine=no_cosine,
        same_language=same,
        floor=floor,
        text=text,
        placed=placed,
        ratio=ratio,
        score=value,
        passes=value >= min_score,
    )


def _no_cosine(mine: Candidate, theirs: Candidate, one_place: bool) -> tuple[str, ...]:
    """Give why a pair's sentence vectors were not compared (each reason that holds)."""
    reasons: tuple[str, ...] = (NO_VECTOR,) if mine.vector is None else ()
    if theirs.vector is None:
        reasons += (NO_OTHER_VECTOR,)
    return reasons if one_place else (*reasons, NOT_ONE_PLACE)
