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

from collections.abc import Iterable

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


def category_ratio(
    ours: Iterable[tuple[str, float]], theirs: Iterable[tuple[str, float]], labels: int
) -> float:
    """Give how much likelier two appeals' category suggestions are if both are one problem.

    Each side is the classifier's top suggestions, ``(category, probability)``, out of
    ``labels`` categories. If the two appeals report one problem they have one category
    c; if not, their categories are independent. With calibrated probabilities p and q
    and no category favoured beforehand, the likelihood ratio of the two hypotheses is
    ``labels * sum(p[c] * q[c])``: 1 says nothing (either side unsure), above 1 the
    suggestions agree, below 1 they point to different problems. The probability a side
    leaves to the categories it does not list is spread evenly over them (the least
    assumption). No suggestions on a side, or fewer than two categories, gives 1.

    >>> category_ratio([("light", 0.9)], [("light", 0.9)], 10) > 5
    True
    >>> round(category_ratio([("light", 0.9)], [("pothole", 0.9)], 10), 2)
    0.21
    >>> category_ratio([("light", 0.1)], [("pothole", 0.1)], 10)
    1.0
    """
    mine, other = dict(ours), dict(theirs)
    listed = set(mine) | set(other)
    labels = max(labels, len(listed))
    if not mine or not other or labels < 2:
        return 1.0
    (mine, rest_mine), (other, rest_other) = _completed(mine, labels), _completed(other, labels)
    overlap = sum(mine.get(c, rest_mine) * other.get(c, rest_other) for c in listed)
    overlap += (labels - len(listed)) * rest_mine * rest_other
    return round(labels * overlap, 6)


def _completed(top: dict[str, float], labels: int) -> tuple[dict[str, float], float]:
    """Give the listed probabilities and that of each unlisted category, summing to 1."""
    unlisted = labels - len(top)
    rest = max(0.0, 1.0 - sum(top.values())) / unlisted if unlisted else 0.0
    total = sum(top.values()) + rest * unlisted
    if total <= 0.0:
        return dict.fromkeys(top, 1.0 / labels), 1.0 / labels
    return {c: p / total for c, p in top.items()}, rest / total


def with_categories(score: float, ratio: float) -> float:
    """Give the score lowered by categories that point to different problems (``ratio`` < 1).

    The score is read as the probability of one problem and updated by Bayes' rule: its
    odds are multiplied by the ratio. So a pair keeps the 0.5 threshold only with a score
    of at least ``1 / (1 + ratio)``: disagreeing categories ask for closer texts, and the
    more surely they disagree, the closer. Agreeing categories (``ratio`` >= 1) raise
    nothing: the candidates are already drawn from the appeal's category or department,
    and the place rules decide between the same problem at two places.

    >>> with_categories(0.7, 1.5), with_categories(0.7, 0.21), with_categories(1.0, 0.01)
    (0.7, 0.328859, 1.0)
    """
    if ratio >= 1.0 or score <= 0.0 or score >= 1.0:
        return score
    return round(score * ratio / (score * ratio + 1.0 - score), 6)
