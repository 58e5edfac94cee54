"""The words and phrases of an appeal that pushed a linear model towards its label."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from ratusha_core.triage.classify.features import FeatureSpace, normalise_text
from ratusha_core.triage.classify.stemming import stem

_WORD = re.compile(r"\w\w+", re.UNICODE)


def label_weights(model: Any, label_index: int) -> np.ndarray[Any, Any]:
    """Give the weight vector a fitted linear model uses for one label."""
    coef = model.coef_
    if coef.shape[0] == 1:
        # Two labels: sklearn keeps one row, for the second label.
        row = coef[0] if label_index == 1 else -coef[0]
    else:
        row = coef[label_index]
    return np.asarray(row, dtype=np.float64).ravel()


def explain(
    text: str, row: Any, weights: np.ndarray[Any, Any], space: FeatureSpace, size: int
) -> tuple[str, ...]:
    """Give up to ``size`` words or phrases of the text with the largest positive pull.

    ``row`` is the text's sparse feature row and ``weights`` the label's weights. Each
    character n-gram's pull (value x weight) is shared among the words that contain it
    and added to the word's own unigram pull; word bigrams compete as phrases. Embedding
    columns are not words and are left out.
    """
    if size <= 0:
        return ()
    row = row.tocsr()
    pull = {
        int(j): float(v) * float(weights[j]) for j, v in zip(row.indices, row.data, strict=True)
    }
    clean = normalise_text(text)
    surface: dict[str, str] = {}
    for match in _WORD.finditer(clean):
        surface.setdefault(match.group().lower(), match.group())
    scores: dict[str, float] = dict.fromkeys(surface, 0.0)
    phrases: dict[str, float] = {}
    offset = 0
    for name, vec in space.blocks:
        vocabulary: dict[str, int] = vec.vocabulary_
        if name == "stem":
            _add_stem_pulls(clean, vec, vocabulary, offset, pull, scores, phrases)
        elif name == "char":
            analyse = vec.build_analyzer()
            grams_of = {word: set(analyse(word)) for word in surface}
            sharing: dict[str, int] = {}
            for grams in grams_of.values():
                for gram in grams:
                    sharing[gram] = sharing.get(gram, 0) + 1
            for word, grams in grams_of.items():
                for gram in grams:
                    j = vocabulary.get(gram)
                    if j is not None:
                        scores[word] += pull.get(offset + j, 0.0) / sharing[gram]
        else:
            for term in set(vec.build_analyzer()(clean)):
                j = vocabulary.get(term)
                term_pull = pull.get(offset + j) if j is not None else None
                if term_pull is None:
                    continue
                if term in scores:
                    scores[term] += term_pull
                elif " " in term:
                    phrases[term] = term_pull
        offset += len(vocabulary)
    ranked = sorted(
        [(s, surface[w]) for w, s in scores.items() if s > 0]
        + [(s, p) for p, s in phrases.items() if s > 0],
        key=lambda pair: (-pair[0], pair[1]),
    )
    return tuple(term for _, term in ranked[:size])


def _add_stem_pulls(
    clean: str,
    vec: Any,
    vocabulary: dict[str, int],
    offset: int,
    pull: dict[int, float],
    scores: dict[str, float],
    phrases: dict[str, float],
) -> None:
    """Give each stem's pull to the words of the text with that stem (shared among them),
    and each stem pair's pull to the first pair of neighbouring words it comes from."""
    words = [match.group() for match in _WORD.finditer(clean)]
    stems = [stem(w) for w in words]
    by_stem: dict[str, set[str]] = {}
    for word, word_stem in zip(words, stems, strict=True):
        by_stem.setdefault(word_stem, set()).add(word.lower())
    pairs: dict[str, str] = {}
    for i in range(len(words) - 1):
        pairs.setdefault(f"{stems[i]} {stems[i + 1]}", f"{words[i]} {words[i + 1]}")
    for term in set(vec.build_analyzer()(clean)):
        j = vocabulary.get(term)
        term_pull = pull.get(offset + j) if j is not None else None
        if term_pull is None:
            continue
        if term in by_stem:
            owners = by_stem[term] & scores.keys()
            for word in owners:
                scores[word] += term_pull / len(owners)
        elif term in pairs:
            phrases[pairs[term]] = term_pull
