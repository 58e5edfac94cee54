"""Character n-gram TF-IDF of appeal texts: the measure duplicates and similar appeals share.

Texts are compared by the cosine of their character 3-5-gram TF-IDF vectors (n-grams
inside word boundaries, lower case, sublinear term frequency, smoothed IDF: the weighting
of scikit-learn's ``TfidfVectorizer``). The n-grams are hashed into ``FEATURES`` buckets,
so there is no vocabulary to fit: a text's n-gram counts depend on the text alone.

That is what makes the comparison cheap. Fitting a ``TfidfVectorizer`` on a new appeal
and its 200 candidates cost 0.3-0.4 s of CPU per appeal, nearly all of it spent
cutting the same candidate texts into n-grams again. ``TextCounts`` keeps each text's
counts in the worker process (keyed by the text itself, so an edited appeal is simply
another text), and ``similarities`` weighs them with the IDF of the texts compared in
that call, summed from the kept counts: the scores are those of a vectorizer fitted on
those texts (up to a rare hash collision), and nothing can go stale.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, NamedTuple

FEATURES = 2**20
# About 8 bytes each: 4 million n-gram counts are some 32 MB per worker process, the
# counts of 1,500-4,000 appeals (a short one has 300-1,000 distinct n-grams).
MAX_NGRAMS = 4_000_000


def hasher() -> Any:
    """Give the n-gram counter: character 3-5-grams inside word boundaries, hashed."""
    from sklearn.feature_extraction.text import HashingVectorizer  # loads only where used

    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        n_features=FEATURES,
        alternate_sign=False,
        norm=None,
    )


def count_rows(texts: Sequence[str]) -> Any:
    """Give the n-gram counts of the texts, one sparse row each (lower-cased first)."""
    return hasher().transform([t.lower() for t in texts])


def smoothed_idf(document_frequency: Any, documents: int) -> Any:
    """Give the IDF weight of n-grams found in so many of so many texts (never below 1).

    >>> float(smoothed_idf(1, 1))
    1.0
    """
    import numpy as np

    return np.log((1 + documents) / (1 + np.asarray(document_frequency))) + 1.0


def weighted(counts: Any, idf_at: Any) -> Any:
    """Give L2-normalised TF-IDF rows: sublinear counts times the IDF of each stored n-gram.

    ``idf_at`` holds one weight per stored value of ``counts`` (in ``counts.data`` order).
    """
    import numpy as np
    from sklearn.preprocessing import normalize

    rows = counts.astype(np.float64, copy=True)
    rows.data = (1.0 + np.log(rows.data)) * idf_at
    return normalize(rows)


class Counted(NamedTuple):
    """Some texts' n-gram counts, row by row: text i has ``ids[starts[i]:starts[i + 1]]``."""

    starts: Any
    ids: Any
    counts: Any


class TextCounts:
    """The n-gram counts of the texts this process compared last, least recently used out.

    Bounded by the number of counts kept (``max_ngrams``), not of texts, because a long
    appeal holds ten times the n-grams of a short one. Safe to share between threads.
    """

    def __init__(self, max_ngrams: int = MAX_NGRAMS) -> None:
        self._rows: OrderedDict[str, tuple[Any, Any]] = OrderedDict()
        self._size = 0
        self._max = max_ngrams
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def ngrams(self) -> int:
        """Give the number of n-gram counts kept (of all texts)."""
        return self._size

    def rows(self, texts: Sequence[str]) -> Counted:
        """Give the texts' counts, one row each, counting only the texts not kept yet."""
        import numpy as np

        with self._lock:
            found = [self._rows.get(t) for t in texts]
            for text in texts:
                if text in self._rows:
                    self._rows.move_to_end(text)
        missing = list(dict.fromkeys(t for t, f in zip(texts, found, strict=True) if f is None))
        if missing:
            counted = count_rows(missing)  # outside the lock: the slow part
            made = {}
            for i, text in enumerate(missing):
                start, end = counted.indptr[i], counted.indptr[i + 1]
                made[text] = (
                    counted.indices[start:end].astype(np.int32),
                    counted.data[start:end].astype(np.float32),
                )
            self._keep(made)
            found = [f if f is not None else made[t] for t, f in zip(texts, found, strict=True)]
        rows = [row for row in found if row is not None]
        starts = np.concatenate([[0], np.cumsum([len(ids) for ids, _n in rows], dtype=np.int64)])
        ids = np.concatenate([ids for ids, _n in rows]) if rows else np.zeros(0, np.int32)
        counts = np.concatenate([n for _ids, n in rows]) if rows else np.zeros(0, np.float32)
        return Counted(starts, ids, counts)

    def _keep(self, made: dict[str, tuple[Any, Any]]) -> None:
        with self._lock:
            for text, row in made.items():
                if text not in self._rows:
                    self._rows[text] = row
                    self._size += len(row[0])
            while self._size > self._max and len(self._rows) > 1:
                _text, (indices, _counts) = self._rows.popitem(last=False)
                self._size -= len(indices)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
            self._size = 0


COUNTS = TextCounts()


def similarities(
    text: str,
    others: Sequence[str],
    background: Sequence[str] = (),
    counts: TextCounts = COUNTS,
) -> Any:
    """Give the TF-IDF cosine of the text with each of the others, in order (a numpy array).

    The IDF weights come from the text, the others and the ``background`` texts together,
    as if a ``TfidfVectorizer`` were fitted on them all.

    >>> [round(float(s), 2) for s in similarities("не гарыць ліхтар", ["не гарыць ліхтар"])]
    [1.0]
    """
    import numpy as np

    starts, ids, tf = counts.rows([text, *others, *background])
    frequency = np.bincount(ids, minlength=FEATURES)  # in how many texts each n-gram is
    idf = smoothed_idf(np.arange(len(starts)), len(starts) - 1)  # by that frequency
    # Only the compared texts need weights; the background only counts in the frequencies.
    compared = 1 + len(others)
    end = int(starts[compared])
    ids = ids[:end]
    weights = (1.0 + np.log(tf[:end].astype(np.float64))) * idf[frequency[ids]]
    row = np.repeat(np.arange(compared), np.diff(starts[: compared + 1]))
    norms = np.sqrt(np.bincount(row, weights * weights, minlength=compared))
    mine = slice(0, int(starts[1]))
    theirs = slice(int(starts[1]), end)
    query = np.zeros(FEATURES)  # dense: one look-up per n-gram of the others
    query[ids[mine]] = weights[mine]
    dots = np.bincount(
        row[theirs] - 1, weights[theirs] * query[ids[theirs]], minlength=compared - 1
    )
    scale = norms[1:] * norms[0]
    return np.divide(dots, scale, out=np.zeros(len(others)), where=scale > 0)


def fitted_similarities(text: str, others: Sequence[str], background: Sequence[str] = ()) -> Any:
    """Give what ``similarities`` gives, from a ``TfidfVectorizer`` fitted on these texts.

    The reference (and what duplicates computed on every call before the counts were
    kept): the tests check ``similarities`` against it and the benchmark times both.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    compared = [t.lower() for t in (text, *others)]
    vectorizer.fit(compared + [b.lower() for b in background])
    matrix = vectorizer.transform(compared)
    return (matrix[1:] @ matrix[0].T).toarray().ravel()
