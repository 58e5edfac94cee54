"""Why two appeals were or were not linked as likely duplicates: one pair, read for staff.

``compare_appeals`` reads the pair the way the triage run reads its pool
(``duplicate_candidates``): the pins, the street keys, each appeal's own category
suggestions and its stored sentence vector. No vector is made here: a web request never
runs the embedding model, so a missing one is reported, not filled in. The pair is
scored with ``duplicates.score_pool`` among the appeal's pool as it is today, so the
n-gram weights, the score and the pair's rank are those a triage run of the appeal would
give now. When the other appeal is not in that pool the pair would never be compared:
``Comparison.outside`` says why (registered outside the 30-day window, in another
category and department than the suggested ones, beyond the newest ``DUPLICATE_POOL``
appeals, or kept apart by an officer's ``NotDuplicate``), and the score says what it
would be if it were. The pair passes at the body's ``duplicate_min_score`` (``needed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Category, Department
from ratusha.triage.access import results_of
from ratusha.triage.duplicate_candidates import (
    DUPLICATE_POOL,
    DUPLICATE_WINDOW,
    body_labels,
    body_min_score,
    candidates_of,
    pool_of,
)
from ratusha.triage.duplicates import MAX_CANDIDATES, MIN_SCORE, Candidate, PairScore, score_pool
from ratusha.triage.embeddings import embeddings_enabled
from ratusha.triage.models import Decision, NotDuplicate, TriageResult
from ratusha.triage.not_duplicates import apart_from, standing_between
from ratusha.triage.street_names import street_key, streets_in_text
from ratusha_core.publication import street_of

# Why the pair would never be compared (``Comparison.outside``).
WINDOW = "window"  # registered more than DUPLICATE_WINDOW apart
POOL = "pool"  # the other is in neither the suggested category nor department
POOL_LIMIT = "pool_limit"  # not among the newest DUPLICATE_POOL appeals of the pool
NOT_DUPLICATE = "not_duplicate"  # an officer said the two are not duplicates

_LONGEST_ID = 18  # digits: a longer number is no appeal id (and would overflow the query)


class NotComparable(Exception):
    """The appeal typed cannot be compared; ``message`` says why in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Comparison:
    """One pair compared: the score's steps, and what kept the two apart if anything."""

    appeal: Appeal
    other: Appeal
    mine: Candidate  # the appeal as the triage run reads it
    theirs: Candidate  # the other appeal as a candidate of its pool
    pair: PairScore | None  # None when the appeal has no text to compare
    apart: timedelta  # between the two registrations
    outside: tuple[str, ...]  # why the pair is never compared: WINDOW, POOL, POOL_LIMIT
    category: Category | None  # the suggested category that chose the pool
    department: Department | None  # the suggested (or routed) department
    rank: int | None  # the other's place among the pool's passing candidates, best first
    stored: tuple[tuple[Appeal, float], ...]  # links triage runs stored: (whose run, score)
    triaged: bool  # the appeal has a triage result
    embeddings: bool  # sentence vectors are switched on
    streets: tuple[tuple[str, ...], tuple[str, ...]]  # the streets each names (for reading)
    verdict: NotDuplicate | None = None  # the officer's word that keeps them apart, if any
    needed: float = MIN_SCORE  # the score that links two appeals of the body now

    @property
    def linked_now(self) -> bool:
        """Tell whether a triage run of the appeal now would link the two (top five)."""
        return self.rank is not None and self.rank <= MAX_CANDIDATES


def other_appeal(user: Any, appeal: Appeal, typed: str) -> Appeal:
    """Give the appeal to compare with, by its registration number or id, or raise NotComparable.

    Only appeals the user may see are found, and one that exists out of their reach is
    reported as not found (its number tells nothing). It must be another appeal of the
    same body: duplicates are never sought across bodies.
    """
    typed = typed.strip()
    if not typed:
        raise NotComparable(_("Enter the registration number of another appeal."))
    wanted = Q(number__iexact=typed)
    if typed.isdigit() and len(typed) <= _LONGEST_ID:
        wanted |= Q(pk=int(typed))
    found = (
        appeals_for(user)
        .select_related("category", "department")
        .filter(wanted)
        .order_by("pk")
        .first()
    )
    if found is None:
        raise NotComparable(
            _("No appeal you can see has the number or id “%(typed)s”.") % {"typed": typed}
        )
    if found.pk == appeal.pk:
        raise NotComparable(_("That is this appeal. Enter the number of another appeal."))
    if found.body_id != appeal.body_id:
        raise NotComparable(
            _("%(number)s belongs to another body; only appeals of one body are compared.")
            % {"number": found.number}
        )
    return found


def pool_choice(appeal: Appeal, result: TriageResult | None) -> tuple[int | None, int | None]:
    """Give the (category id, department id) that chose the appeal's pool when it was triaged.

    As ``actions._triage`` chose them: the top suggested category (else the appeal's own),
    and the routed department, else the top suggested one. An appeal not triaged yet
    gives its own category and department.
    """
    if result is None:
        return appeal.category_id, appeal.department_id
    category = int(result.categories[0][0]) if result.categories else appeal.category_id
    # The duty department of the urgent rule is not what chose the pool.
    urgent_rule = result.decision == Decision.URGENT_RULE
    department = None if urgent_rule else result.routed_department_id
    if department is None and result.departments:
        department = int(result.departments[0][0])
    return category, department


def compare_appeals(user: Any, appeal: Appeal, other: Appeal) -> Comparison:
    """Give how the appeal and another one of its body score as duplicates, step by step.

    ``other`` comes from ``other_appeal`` (readable by the user, same body). Reads: both
    triage results, both appeals as candidates, the appeal's pool with its stored vectors
    (at most ``DUPLICATE_POOL``), and the body's number of categories.
    """
    results = results_of(user, [appeal.pk, other.pk])
    result = results.get(appeal.pk)
    category_id, department_id = pool_choice(appeal, result)
    both = {
        c.appeal_id: c for c in candidates_of(Appeal.objects.filter(pk__in=[appeal.pk, other.pk]))
    }
    mine, theirs = both[appeal.pk], both[other.pk]
    kept_apart = apart_from(appeal.pk)
    pool = candidates_of(
        pool_of(appeal, category_id, department_id).exclude(pk__in=kept_apart), DUPLICATE_POOL
    )
    in_pool = any(c.appeal_id == other.pk for c in pool)
    compared = pool if in_pool else [*pool, theirs]  # as if it were, to tell what it would score
    labels = body_labels(appeal.body_id) if mine.categories else 0
    needed = body_min_score(appeal.body_id)
    # None when the appeal has no text.
    scores = score_pool(mine, compared, labels=labels, min_score=needed)
    scored = {c.appeal_id: s for c, s in zip(compared, scores, strict=False)}
    pair = scored.get(other.pk)
    rank = None
    if in_pool and pair is not None and pair.passes:
        ahead = [
            pk
            for pk, s in scored.items()
            if s.passes and (-round(s.score, 3), pk) < (-round(pair.score, 3), other.pk)
        ]
        rank = len(ahead) + 1
    gap = abs(other.registered_at - appeal.registered_at)
    outside: tuple[str, ...] = ()
    if not in_pool:
        outside = _outside(other, gap, category_id, department_id)
        if other.pk in kept_apart:
            outside += (NOT_DUPLICATE,)
        outside = outside or (POOL_LIMIT,)
    return Comparison(
        appeal=appeal,
        other=other,
        mine=mine,
        theirs=theirs,
        pair=pair,
        apart=gap,
        outside=outside,
        category=Category.objects.filter(pk=category_id).first() if category_id else None,
        department=Department.objects.filter(pk=department_id).first() if department_id else None,
        rank=rank,
        stored=_stored_links(results, appeal, other),
        triaged=result is not None,
        embeddings=embeddings_enabled(),
        streets=(_streets(appeal), _streets(other)),
        verdict=standing_between(appeal.pk, other.pk) if other.pk in kept_apart else None,
        needed=needed,
    )


def _outside(
    other: Appeal, apart: timedelta, category_id: int | None, department_id: int | None
) -> tuple[str, ...]:
    """Give why ``pool_of`` leaves the other appeal out (the same tests, on one appeal)."""
    reasons = []
    if apart > DUPLICATE_WINDOW:
        reasons.append(WINDOW)
    chosen = bool(category_id or department_id)
    same_category = bool(category_id) and other.category_id == category_id
    same_department = bool(department_id) and other.department_id == department_id
    if chosen and not (same_category or same_department or other.department_id is None):
        reasons.append(POOL)
    return tuple(reasons)


def _stored_links(
    results: dict[int, TriageResult], appeal: Appeal, other: Appeal
) -> tuple[tuple[Appeal, float], ...]:
    """Give the links between the two that their triage runs stored: (whose run, score)."""
    found = []
    for side, far in ((appeal, other), (other, appeal)):
        result = results.get(side.pk)
        for pk, score in result.duplicates if result is not None else ():
            if pk == far.pk:
                found.append((side, float(score)))
    return tuple(found)


def _streets(appeal: Appeal) -> tuple[str, ...]:
    """Give the streets the appeal names as the place rules read them: address, else text."""
    if street_key(appeal.address):
        return (street_of(appeal.address or "") or appeal.address,)
    return tuple(dict.fromkeys(streets_in_text(appeal.text)))
