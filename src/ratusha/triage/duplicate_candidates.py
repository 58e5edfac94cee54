"""The likely duplicates of an appeal among the body's recent appeals, read for its triage run.

``appeal_duplicates`` reads the pool (one query: the body's appeals of the last 30 days
in the appeal's suggested category or department, with their stored sentence vectors
and their own triage's category suggestions) and scores it with ``find_duplicates``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.db.models import Q

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Category
from ratusha.triage.duplicates import Candidate, find_duplicates, street_key
from ratusha.triage.embeddings import embeddings_enabled, stored_vector, vector_of

DUPLICATE_WINDOW = timedelta(days=30)
DUPLICATE_POOL = 500


def suggestions(pairs: Any) -> tuple[tuple[str, float], ...]:
    """Give stored ``[[category id, probability], ...]`` as (category, probability) pairs.

    >>> suggestions([[12, 0.61], [3, 0.2]])
    (('12', 0.61), ('3', 0.2))
    """
    return tuple((str(label), float(p)) for label, p in pairs or ())


def appeal_duplicates(
    appeal: Appeal,
    category_id: int | None,
    department_id: int | None,
    own: tuple[Any, str] | None = None,
    categories: Sequence[Sequence[Any]] = (),
) -> list[list[Any]]:
    """Give ``[[appeal id, score], ...]``: likely duplicates among the body's recent appeals.

    The pool is the body's appeals of the 30 days either side in the suggested category
    or department (or with no department yet), at most ``DUPLICATE_POOL``, newest first.
    With embeddings on, each candidate's stored vector is read with the pool; a candidate
    without one (triaged before the embedding was on) is compared by its n-grams only.
    ``own`` is the appeal's (vector, language) when the caller already has them, else
    they are made (once) and stored here (``embeddings.vector_of``). ``categories`` are this
    appeal's category suggestions (``[[category id, probability], ...]``, as its
    ``TriageResult`` stores them); each candidate's are read from its own triage result.
    """
    near = Q(category_id=category_id) if category_id else Q()
    if department_id:
        near = near | Q(department_id=department_id) if near else Q(department_id=department_id)
    pool = Appeal.objects.filter(
        body_id=appeal.body_id,
        registered_at__gte=appeal.registered_at - DUPLICATE_WINDOW,
        registered_at__lte=appeal.registered_at + DUPLICATE_WINDOW,
    ).exclude(pk=appeal.pk)
    if near:
        pool = pool.filter(near | Q(department__isnull=True))
    fields = ["pk", "text", "latitude", "longitude", "address", "triage_result__categories"]
    use_vectors = embeddings_enabled()
    if use_vectors:
        fields += ["embedding__vector", "embedding__model", "embedding__digest"]
        fields += ["embedding__language"]
    rows = pool.order_by("-registered_at").values_list(*fields)[:DUPLICATE_POOL]
    candidates = [
        Candidate(
            pk,
            text,
            (float(lat), float(lon)) if lat is not None and lon is not None else None,
            street_key(address),
            *(stored_vector(text, *stored) if use_vectors else ()),
            categories=suggestions(guessed),
        )
        for pk, text, lat, lon, address, guessed, *stored in rows
    ]
    point = None
    if appeal.latitude is not None and appeal.longitude is not None:
        point = (float(appeal.latitude), float(appeal.longitude))
    vector, language = None, ""
    if use_vectors and appeal.text.strip():
        vector, language = own if own is not None else vector_of(appeal)
    mine = suggestions(categories)
    found = find_duplicates(
        appeal.text,
        point,
        candidates,
        street=street_key(appeal.address),
        vector=vector,
        language=language,
        categories=mine,
        labels=Category.objects.filter(body_id=appeal.body_id).count() if mine else 0,
    )
    return [[pk, score] for pk, score in found]
