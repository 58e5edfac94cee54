"""Near-duplicate appeals: text similarity (n-grams, optionally embeddings) nudged by place.

Kept free of Django so it can be tested on plain values; the triage action feeds it the
recent appeals of the same body (bounded), with their stored sentence vectors when the
embedding is on, and stores the candidates it gives.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ratusha.triage.ngrams import similarities
from ratusha_core.publication import street_of
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


@dataclass(frozen=True)
class Candidate:
    """One earlier appeal to compare with: its id, text and optional coordinates.

    ``vector`` is the appeal's stored sentence embedding (unit length), if it has one;
    ``categories`` the top category suggestions of its triage, if it was triaged.
    """

    appeal_id: int
    text: str
    point: tuple[float, float] | None = None
    street: str = ""  # ``street_key`` of the problem's address, if any
    vector: Any = None
    language: str = ""  # of the embedded text, as detected when it was embedded
    categories: tuple[tuple[str, float], ...] = ()  # its triage's (category, probability)


# Belarusian and Russian spellings of one street name meet here (Леніна, Ленина -> ленина).
_SPELLING = str.maketrans({"і": "и", "ы": "и", "ў": "у", "э": "е", "ё": "е", "'": "", "’": ""})
_MARKER = re.compile(
    r"^(?:вул|ул|вуліца|улица|пр-т|пр-кт|просп|праспект|проспект|пр|пер|зав|завулак|"
    r"переулок|бульв|бул|пл|плошча|площадь|тракт|шаша|шоссе)\.?\s+",
    re.IGNORECASE,
)
# Streets named in a text: "на вуліцы Гагарына", "улиц Ленина и Кирова", "на Советской
# улице", "Kirov Street", "Lenin and Kirov streets", "Independence Avenue".
_NAME = r"(?:[А-ЯЁІЎA-Z]\.\s*)?([А-ЯЁІЎ][а-яёіў'’-]+)"
_TEXT_STREETS = (
    re.compile(
        r"(?<!\w)(?i:вуліц[аыеу]?|вул\.|улиц[аеиуы]?|ул\.|праспект[аеу]?|проспект[аеу]?|пр-т|"
        r"завулк[аеу]|завулак|переулк[аеу]|переулок|бульвар[аеу]?|плошч[аыу]|площад[иь])\s+"
        + _NAME
        + r"(?:\s+(?:і|и)\s+"
        + _NAME
        + ")?"
    ),
    re.compile(
        r"(?<![\w.])([А-ЯЁІЎ][а-яёіў'’-]+(?:ай|ой|ая|ей|ый|ій|ий|ую))\s+"
        r"(?:вуліц[аыеу]|улиц[аеиуы])"
    ),
    re.compile(
        r"(?<![\w.])([A-Z][a-z'-]+)(?:\s+and\s+([A-Z][a-z'-]+))?\s+"
        r"(?:Street|St\.?|Avenue|Ave\.?|Road|Lane|Boulevard|Square|streets)(?!\w)"
    ),
)
# The same name written by its Belarusian, Russian and English translations.
_SAME_NAMES = {
    "кастричн": "октябр",
    "october": "октябр",
    "перамог": "побед",
    "victory": "побед",
    "незалежн": "независим",
    "independence": "независим",
    "маладежн": "молодежн",
    "youth": "молодежн",
    "school": "школьн",
    "garden": "садов",
    "peace": "мир",
}
_LATIN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхыэіў", "abvgdeziyklmnoprstufhyeiv", strict=True)),
        "ё": "e", "ж": "zh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ю": "yu",
        "я": "ya", "ь": "", "ъ": "", "'": "", "’": "",
    }
)  # fmt: skip
_VOWELS = re.compile(r"[^bcdfghjklmnpqrstvwxz]")
_TYPE_WORDS = {"street", "streets", "st", "avenue", "ave", "road", "lane", "boulevard", "square"}
_TYPE_WORDS |= {"ул", "вул", "улица", "вуліца", "пр-т", "просп", "пер", "бул", "пл"}


def street_key(address: str) -> str:
    """Give a comparable name of the address's street ('' when none is recognisable).

    >>> street_key("вул. Леніна, 5") == street_key("ул. Ленина, 12")
    True
    """
    street = street_of(address or "") or ""
    return _MARKER.sub("", street.lower().translate(_SPELLING)).strip()


def streets_in_text(text: str) -> list[str]:
    """Give the street names a text mentions ("на вуліцы Гагарына" gives "Гагарына")."""
    found: list[str] = []
    for pattern in _TEXT_STREETS:
        for match in pattern.finditer(text):
            found += [name for name in match.groups() if name]
    return found


def _skeleton(word: str) -> str:
    """Give the consonants of a word in Latin letters: Гагарына, Гагарина, Gagarin -> ggrn."""
    word = word.lower().strip(".").translate(_SPELLING)
    for stem, common in _SAME_NAMES.items():
        if word.startswith(stem):
            word = common
    return _VOWELS.sub("", word.translate(_LATIN))[:5]


@functools.lru_cache(maxsize=4096)  # the same candidates are read for every new appeal
def street_marks(street: str, text: str) -> frozenset[str]:
    """Give the skeletons of the problem's street: from its address key, else from the text."""
    names = street.replace(".", " ").split() if street else streets_in_text(text)
    words = [w for w in names if w.lower() not in _TYPE_WORDS and len(w) >= 3]
    return frozenset(s for s in map(_skeleton, words) if len(s) >= 2)


def same_street(a: frozenset[str], b: frozenset[str]) -> bool:
    """Tell whether two sets of street skeletons share a street (endings may differ)."""
    return any(x[:k] == y[:k] for x in a for y in b for k in [min(len(x), len(y), 4)])


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
    keep everyday phrasing from passing for a match.
    """
    if not candidates or not text.strip():
        return []
    similarity = similarities(text, [c.text for c in candidates], background)
    marks = street_marks(street, text)
    found: list[tuple[int, float]] = []
    for candidate, score in zip(candidates, similarity, strict=True):
        near = far = False
        if point is not None and candidate.point is not None:
            km = distance_km(point, candidate.point)
            near, far = km <= NEAR_KM, km > FAR_KM
        theirs = street_marks(candidate.street, candidate.text) if marks else frozenset()
        shared = bool(marks and theirs and same_street(marks, theirs))
        cosine = None
        if vector is not None and candidate.vector is not None and (near or shared):
            cosine = float(candidate.vector @ vector)
        same = not (language and candidate.language and language != candidate.language)
        value = text_score(float(score), cosine, floors[0] if same else floors[1])
        if near:
            value = min(1.0, value + 0.1)
        elif far:
            value *= 0.5
        if marks and theirs and not near and not shared:
            value *= 0.5
        if categories and candidate.categories:
            value = with_categories(value, category_ratio(categories, candidate.categories, labels))
        if value >= min_score:
            found.append((candidate.appeal_id, round(value, 3)))
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found[:limit]
