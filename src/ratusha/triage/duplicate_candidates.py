"""The likely duplicates of an appeal among the body's recent appeals, read for its triage run.

``appeal_duplicates`` reads the pool (one query: the body's appeals of the last 30 days
in the appeal's suggested category or department, with their stored sentence vectors
and their own triage's category suggestions) and scores it with ``find_duplicates``,
against the score the body asks for (``Body.duplicate_min_score``, ``body_min_score``).
``pool_of`` and ``candidates_of`` also serve ``duplicate_explain``, which reads one pair
the same way to tell staff why it was linked or not.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.db.models import Q

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body, Category
from ratusha.triage.duplicates import MIN_SCORE, Candidate, find_duplicates
from ratusha.triage.embeddings import embeddings_enabled, stored_vector, vector_of
from ratusha.triage.not_duplicates import apart_from
from ratusha.triage.street_names import street_key

DUPLICATE_WINDOW = timedelta(days=30)
DUPLICATE_POOL = 500


def suggestions(pairs: Any) -> tuple[tuple[str, float], ...]:
    """Give stored ``[[category id, probability], ...]`` as (category, probability) pairs.

    >>> suggestions([[12, 0.61], [3, 0.2]])
    (('12', 0.61), ('3', 0.2))
    """
    return tuple((str(label), float(p)) for label, p in pairs or ())


def pool_of(appeal: Appeal, category_id: int | None, department_id: int | None) -> Any:
    """Give the appeals an appeal is compared with, newest first (a queryset, not cut yet).

    The body's other appeals of the 30 days either side (``DUPLICATE_WINDOW``) in the
    suggested category or department, or with no department yet; all of them when
    neither is known.
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
    return pool.order_by("-registered_at")


def candidates_of(appeals: Any, limit: int | None = None) -> list[Candidate]:
    """Give the appeals (a queryset) as candidates, read in one query, at most ``limit``.

    Each has its street key, its own triage's category suggestions and, with embeddings
    on, its stored vector (None when it has none of its current text).
    """
    fields = ["pk", "text", "latitude", "longitude", "address", "triage_result__categories"]
    use_vectors = embeddings_enabled()
    if use_vectors:
        fields += ["embedding__vector", "embedding__model", "embedding__digest"]
        fields += ["embedding__language"]
    rows = appeals.values_list(*fields)
    if limit is not None:
        rows = rows[:limit]
    return [
        Candidate(
            pk,
            text,
            point_of(lat, lon),
            street_key(address),
            *(stored_vector(text, *stored) if use_vectors else ()),
            categories=suggestions(guessed),
        )
        for pk, text, lat, lon, address, guessed, *stored in rows
    ]


def point_of(latitude: Any, longitude: Any) -> tuple[float, float] | None:
    """Give (latitude, longitude) as floats, or None unless both are known."""
    if latitude is None or longitude is None:
        return None
    return (float(latitude), float(longitude))


def body_labels(body_id: int) -> int:
    """Give the number of the body's categories (what ``category_ratio`` calls labels)."""
    return Category.objects.filter(body_id=body_id).count()


def body_min_score(body_id: int) -> float:
    """Give the score the body's appeals need to be linked as duplicates (MIN_SCORE if unknown).

    Read afresh each time (one query by key): an administrator may have just changed it.
    """
    found = Body.objects.filter(pk=body_id).values_list("duplicate_min_score", flat=True).first()
    return MIN_SCORE if found is None else found


def appeal_duplicates(
    appeal: Appeal,
    category_id: int | None,
    department_id: int | None,
    own: tuple[Any, str] | None = None,
    categories: Sequence[Sequence[Any]] = (),
) -> list[list[Any]]:
    """Give ``[[appeal id, score], ...]``: likely duplicates among the body's recent appeals.

    The pool (``pool_of``) is the body's appeals of the 30 days either side in the
    suggested category or department (or with no department yet), at most
    ``DUPLICATE_POOL``, newest first, less the appeals an officer said are not duplicates
    of this one (``not_duplicates.apart_from``). With embeddings on, each candidate's stored vector
    is read with the pool; a candidate without one (triaged before the embedding was on)
    is compared by its n-grams only. ``own`` is the appeal's (vector, language) when the
    caller already has them, else they are made (once) and stored here
    (``embeddings.vector_of``). ``categories`` are this appeal's category suggestions
    (``[[category id, probability], ...]``, as its ``TriageResult`` stores them); each
    candidate's are read from its own triage result. A pair is linked from the body's
    ``duplicate_min_score``.
    """
    pool = pool_of(appeal, category_id, department_id).exclude(pk__in=apart_from(appeal.pk))
    candidates = candidates_of(pool, DUPLICATE_POOL)
    vector, language = None, ""
    if embeddings_enabled() and appeal.text.strip():
        vector, language = own if own is not None else vector_of(appeal)
    mine = suggestions(categories)
    found = find_duplicates(
        appeal.text,
        point_of(appeal.latitude, appeal.longitude),
        candidates,
        street=street_key(appeal.address),
        vector=vector,
        language=language,
        categories=mine,
        labels=body_labels(appeal.body_id) if mine else 0,
        min_score=body_min_score(appeal.body_id),
    )
    return [[pk, score] for pk, score in found]
