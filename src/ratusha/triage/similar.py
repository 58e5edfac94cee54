"""The answered appeals most like a new one: shown to the officer with their outcomes.

The triage task calls ``find_similar_answered(appeal)`` and stores what it gives in
``TriageResult.similar``. The texts are compared with character 3-5-gram TF-IDF (the same
measure as duplicates), over the body's most recent answered appeals only (bounded), so
that it works across Belarusian and Russian spellings without a language model.

Turning a thousand texts into n-gram vectors costs about half a second of CPU, far too
much per appeal, so each worker process keeps the vectors of a body's pool and only adds
the appeals answered since; the pool's texts are read from the database every time, so
a changed or deleted appeal never gives a stale match.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.triage import ngrams

POOL = 1000
LIMIT = 3
MIN_SCORE = 0.2
# Refit the n-gram weights when this share of the pool is new to them.
REBUILD_SHARE = 0.25
MAX_BODIES = 16  # bodies whose pool a worker keeps (the least recently used go first)
MAX_BLOCKS = 32  # batches of added vectors kept apart before they are joined into one
ANSWERED = Q(answered_at__isnull=False) | Q(state__in=[State.ANSWERED, State.CLOSED])


class _Vectorizer:
    """Character 3-5-gram TF-IDF (``ratusha.triage.ngrams``) weighted by the pool it was fitted on.

    The n-grams are hashed, so a new text never has unknown words; an n-gram that pool
    never had gets the highest weight, as a rare one should.
    """

    FEATURES = ngrams.FEATURES

    def __init__(self, texts: Sequence[str]) -> None:
        import numpy as np

        counts = ngrams.count_rows(texts)
        present = np.bincount(counts.indices, minlength=self.FEATURES)
        self.idf = ngrams.smoothed_idf(present, len(texts))

    def transform(self, texts: Sequence[str]) -> Any:
        """Give the L2-normalised TF-IDF rows of the texts (sparse)."""
        counts = ngrams.count_rows(texts)
        return ngrams.weighted(counts, self.idf[counts.indices])

    def dense(self, text: str) -> Any:
        """Give one text's vector as a dense array, for fast products with the pool."""
        import numpy as np

        row = self.transform([text])
        vector = np.zeros(self.FEATURES)
        vector[row.indices] = row.data
        return vector


@dataclass
class PoolVectors:
    """The n-gram vectors of one body's answered appeals, reused between triage runs.

    Vectors are kept in blocks (the first pool, then each batch of newly answered appeals)
    and scored block by block: adding one appeal never copies the whole matrix.
    """

    vectorizer: _Vectorizer
    rows: dict[tuple[int, int], int] = field(default_factory=dict)  # (id, hash of text) -> row
    blocks: list[Any] = field(default_factory=list)
    size: int = 0

    @classmethod
    def build(cls, pool: Sequence[tuple[int, str]]) -> PoolVectors:
        texts = [text for _pk, text in pool]
        vectors = cls(_Vectorizer(texts))
        vectors.add(pool)
        return vectors

    def missing(self, pool: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
        return [(pk, text) for pk, text in pool if (pk, hash(text)) not in self.rows]

    def add(self, new: Sequence[tuple[int, str]]) -> None:
        if not new:
            return
        self.blocks.append(self.vectorizer.transform([text for _pk, text in new]))
        for i, (pk, text) in enumerate(new):
            self.rows[(pk, hash(text))] = self.size + i
        self.size += len(new)
        if len(self.blocks) > MAX_BLOCKS:
            from scipy.sparse import vstack

            self.blocks = [vstack(self.blocks).tocsr()]

    def scores(self, text: str, pool: Sequence[tuple[int, str]]) -> list[float]:
        """Give the cosine similarity of the text with each appeal of the pool, in order."""
        import numpy as np

        query = self.vectorizer.dense(text)
        every = np.concatenate([block @ query for block in self.blocks])
        return [float(every[self.rows[(pk, hash(t))]]) for pk, t in pool]


class PoolCache:
    """The pools of the bodies this process triaged last, one ``PoolVectors`` per body.

    A pool of 1,000 appeals holds about 15 MB, so only the most recently used bodies are kept.
    """

    def __init__(self, bodies: int = MAX_BODIES) -> None:
        self._pools: OrderedDict[int, PoolVectors] = OrderedDict()
        self._bodies = bodies
        self._lock = threading.Lock()

    def vectors_for(self, body_id: int, pool: Sequence[tuple[int, str]]) -> PoolVectors:
        """Give vectors that cover every appeal of the pool, building or extending them."""
        with self._lock:
            vectors = self._pools.get(body_id)
            missing = vectors.missing(pool) if vectors is not None else list(pool)
            too_many_rows = vectors is not None and vectors.size > 3 * POOL
            if vectors is None or too_many_rows or len(missing) > REBUILD_SHARE * len(pool):
                vectors = PoolVectors.build(pool)
            else:
                vectors.add(missing)
            self._pools[body_id] = vectors
            self._pools.move_to_end(body_id)
            while len(self._pools) > self._bodies:
                self._pools.popitem(last=False)
            return vectors

    def clear(self) -> None:
        with self._lock:
            self._pools.clear()


POOLS = PoolCache()


def rank_similar(
    text: str,
    pool: Sequence[tuple[int, str]],
    vectors: PoolVectors,
    limit: int = LIMIT,
    min_score: float = MIN_SCORE,
) -> list[tuple[int, float]]:
    """Give (appeal id, score) of the most similar appeals of the pool, best first."""
    if not pool or not text.strip():
        return []
    found = [
        (pk, round(score, 3))
        for (pk, _t), score in zip(pool, vectors.scores(text, pool), strict=True)
        if score >= min_score
    ]
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found[:limit]


def answered_pool(appeal: Appeal, size: int = POOL) -> list[tuple[int, str]]:
    """Give (id, text) of the body's most recent answered appeals, other than this one."""
    rows = (
        Appeal.objects.filter(ANSWERED, body_id=appeal.body_id)
        .exclude(pk=appeal.pk)
        .exclude(text="")
        .order_by("-registered_at", "-pk")
        .values_list("pk", "text")[:size]
    )
    return list(rows)


def find_similar_answered(appeal: Appeal, cache: PoolCache = POOLS) -> list[list[Any]]:
    """Give ``[[appeal id, score], ...]`` of the answered appeals most like this one."""
    pool = answered_pool(appeal)
    if not pool or not appeal.text.strip():
        return []
    vectors = cache.vectors_for(appeal.body_id, pool)
    return [[pk, score] for pk, score in rank_similar(appeal.text, pool, vectors)]


_SALUTATION = re.compile(r"^(паважан|уважаем|шаноўн|dear\b|добры дзень|добрый день)", re.I)


def answer_line(text: str, limit: int = 160) -> str:
    """Give one line that sums up an answer: its first sentence after the salutation.

    >>> answer_line("Паважаная Ганна!\\nЯма на вуліцы Леніна заладжана 3 мая. Дзякуй.")
    'Яма на вуліцы Леніна заладжана 3 мая.'
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    # A short first line ending in "!" or "," is a salutation ("Паважаная Ганна!").
    while len(lines) > 1 and (
        _SALUTATION.match(lines[0]) or (len(lines[0]) < 40 and lines[0][-1] in "!,:")
    ):
        lines.pop(0)
    body = " ".join(lines)
    sentence = re.match(r"(.+?[.!?])(\s|$)", body)
    line = sentence.group(1) if sentence else body
    if len(line) > limit:
        cut = line[: limit - 1].rsplit(" ", 1)[0]
        line = cut.rstrip(",;:") + "…"
    return line
