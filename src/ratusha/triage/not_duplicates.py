"""Officers' word that two appeals are not duplicates, read where links are made or shown.

A standing ``NotDuplicate`` (not withdrawn) keeps the pair apart everywhere: the triage
run leaves the other appeal out of the pool (``apart_from``), a cluster drops the link
either run stored before (``standing_among``), and the comparison page says who kept them
apart (``standing_between``). These reads are not scoped to a person: their callers read
only appeals the person may see, and ``triage.access.not_duplicates_on`` gives the rows
a person may list.

    >>> pair_of(9, 4)
    (4, 9)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from ratusha.triage.models import NotDuplicate

_CHUNK = 500  # ids per query


def pair_of(a: int, b: int) -> tuple[int, int]:
    """Give the two ids in the order a ``NotDuplicate`` keeps them (smaller first)."""
    return (a, b) if a < b else (b, a)


def are_merged(a: Any, b: Any) -> bool:
    """Tell whether one of the two appeals is merged into the other (a link never undone)."""
    return bool(a.merged_into_id == b.pk or b.merged_into_id == a.pk)


def standing() -> QuerySet[NotDuplicate]:
    """Give the verdicts in force: not withdrawn."""
    return NotDuplicate.objects.filter(withdrawn_at__isnull=True)


def standing_between(a: int, b: int) -> NotDuplicate | None:
    """Give the verdict in force on the pair, if any (with who gave it)."""
    first, second = pair_of(a, b)
    return standing().filter(first_id=first, second_id=second).select_related("by").first()


def apart_from(appeal_id: int) -> set[int]:
    """Give the appeals an officer said are not duplicates of this one."""
    rows = standing().filter(Q(first_id=appeal_id) | Q(second_id=appeal_id))
    return {b if a == appeal_id else a for a, b in rows.values_list("first_id", "second_id")}


def standing_among(ids: Iterable[int]) -> set[tuple[int, int]]:
    """Give the pairs (smaller id first) kept apart that involve any of the appeals."""
    wanted = sorted(set(ids))
    found: set[tuple[int, int]] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = standing().filter(Q(first_id__in=chunk) | Q(second_id__in=chunk))
        found.update(rows.values_list("first_id", "second_id"))
    return found


def marked_among(pairs: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Give the pairs among these (smaller id first) that officers keep apart.

    Read by the pairs' first ids (indexed), a chunk at a time; nothing is read for none.
    """
    wanted = set(pairs)
    firsts = sorted({first for first, _second in wanted})
    found: set[tuple[int, int]] = set()
    for start in range(0, len(firsts), _CHUNK):
        rows = standing().filter(first_id__in=firsts[start : start + _CHUNK])
        found.update(pair for pair in rows.values_list("first_id", "second_id") if pair in wanted)
    return found
