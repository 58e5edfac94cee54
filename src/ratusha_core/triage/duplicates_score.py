"""The text score of a possible duplicate: n-gram similarity and a rescaled sentence embedding.

Pure arithmetic, so the benchmark and the tests share the constants with the triage run.

Multilingual-e5 cosines are compressed: two unrelated municipal complaints often score
0.75-0.8 and a rephrasing 0.9. ``calibrated`` maps the cosine linearly so that
``EMBEDDING_FLOOR`` gives 0 and identical texts give 1, which puts the embedding on the
scale of the TF-IDF cosine and of the duplicate threshold (0.5): a pair passes on the
embedding alone when its cosine is at least ``(1 + floor) / 2``. e5 also scores two
texts in one language higher than two in different languages, whatever they say (on
the labelled pairs, a Belarusian and a Russian report of one problem 0.84-0.91, two
Russian reports of different problems at one address up to 0.94), so a pair in one
language has its own, higher floor (``floor_for``). Because
identical texts map to 1 and not beyond, the place rules (half the score for another
street or a pin over 2 km away) still push a same-worded report about another place
below the threshold. The floor was chosen on the labelled be/ru/en pairs in
``tests/triage/data/duplicate_pairs.jsonl`` and checked against real appeals of other
citizens (``benchmarks/triage_duplicates.md``). The embedding only counts between two
appeals tied to one place (a shared street or pins within 300 m, see
``ratusha.triage.duplicates``): on real Russian appeals cut to 300 characters, unrelated
complaints of one town reach cosines of 0.85 and more, and the embedding cannot tell two
potholes apart.
"""

from __future__ import annotations

EMBEDDING_FLOOR = 0.70  # between appeals written in different languages
SAME_LANGUAGE_FLOOR = 0.76  # between two appeals in one language


def floor_for(language: str, other: str) -> float:
    """Give the floor for a pair: e5 scores two texts in one language higher, whatever they say.

    An unknown language counts as the same (the stricter floor).

    >>> floor_for("be", "ru"), floor_for("ru", "ru"), floor_for("", "en")
    (0.7, 0.76, 0.76)
    """
    if language and other and language != other:
        return EMBEDDING_FLOOR
    return SAME_LANGUAGE_FLOOR


def calibrated(cosine: float, floor: float = EMBEDDING_FLOOR) -> float:
    """Give the embedding cosine rescaled to 0..1: ``floor`` and below give 0, 1 gives 1.

    >>> calibrated(0.70), calibrated(0.85), calibrated(1.0)
    (0.0, 0.5, 1.0)
    """
    if floor >= 1.0:
        raise ValueError("the floor must be below 1")
    return round(min(1.0, max(0.0, (cosine - floor) / (1.0 - floor))), 6)


def text_score(tfidf: float, cosine: float | None, floor: float = EMBEDDING_FLOOR) -> float:
    """Give the larger of the TF-IDF cosine and the calibrated embedding cosine.

    Either signal alone may find a duplicate: the n-grams the same words, the embedding
    the same problem in other words or another language. Without a cosine (an appeal
    with no stored vector, or the embedding switched off) the TF-IDF cosine is the score.

    >>> text_score(0.3, None), text_score(0.3, 0.9), text_score(0.9, 0.8)
    (0.3, 0.666667, 0.9)
    """
    if cosine is None:
        return tfidf
    return max(tfidf, calibrated(cosine, floor))
