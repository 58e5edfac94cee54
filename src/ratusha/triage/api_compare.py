"""Why two appeals are or are not linked as duplicates, in the REST API (staff tokens).

The same read as the officers' comparison page (``duplicate_explain``): the appeal through
``appeals.access``, the other one by registration number or id among the appeals the
caller may see (one out of reach reads as unknown), every step of the score as figures,
and why the pair would never be compared, if it would not. No sentence vector is made in
the request.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from ratusha.appeals.access import access_appeal
from ratusha.appeals.api.auth import token_auth
from ratusha.appeals.api.problems import invalid
from ratusha.appeals.api.schemas import problems
from ratusha.appeals.models import Appeal
from ratusha.triage.api import staff_user
from ratusha.triage.api_schemas import MAX_ID
from ratusha.triage.duplicate_explain import (
    Comparison,
    NotComparable,
    compare_appeals,
    other_appeal,
)

router = Router(tags=["clusters"])
SWITCHED_OFF = "switched_off"  # sentence vectors are off on this installation


class CompareQuery(Schema):
    other: str = Field(
        ..., max_length=64, description="Registration number or id of the other appeal."
    )


class StoredLinkOut(Schema):
    by: str = Field(..., description="Number of the appeal whose triage stored the link.")
    score: float


class PairStepsOut(Schema):
    ngram: float = Field(..., description="Cosine of the character 3-5-gram TF-IDF vectors.")
    cosine: float | None = Field(None, description="Cosine of the stored sentence vectors.")
    cosine_not_used: list[str] = Field(
        ...,
        description="Why the sentence vectors did not count: no_vector (this appeal), "
        "no_other_vector, not_one_place (no shared street, no pins within 300 m), "
        "switched_off.",
    )
    same_language: bool
    embedding_floor: float = Field(..., description="The cosine that counts as nothing.")
    text: float = Field(..., description="The text score: the larger of the two.")
    km: float | None = Field(None, description="Distance between the pins.")
    near: bool = Field(..., description="Pins within 300 m: +0.1.")
    far: bool = Field(..., description="Pins over 2 km apart: halved.")
    shared_street: bool
    other_streets: bool = Field(..., description="Both name a street, not the same: halved.")
    placed: float = Field(..., description="The score after the place rules.")
    category_ratio: float | None = Field(
        None, description="Likelihood ratio of a shared category; below 1 lowers the score."
    )


class KeptApartOut(Schema):
    by_role: str
    at: datetime


class CompareOut(Schema):
    appeal: str = Field(..., description="Registration number of the appeal.")
    other: str = Field(..., description="Registration number of the other appeal.")
    score: float | None = Field(None, description="None when the appeal has no text.")
    needed: float = Field(
        ..., description="The score that links two appeals: the body's threshold now."
    )
    linked_now: bool = Field(..., description="A triage of the appeal now would link the two.")
    rank: int | None = Field(None, description="Place among the passing candidates.")
    never_compared_because: list[str] = Field(
        ...,
        description="window (over 30 days apart), pool (other category and department), "
        "pool_limit (not among the newest 500), not_duplicate (an officer marked them as "
        "not duplicates; see kept_apart).",
    )
    days_apart: float
    triaged: bool = Field(..., description="The appeal has a triage result.")
    stored_links: list[StoredLinkOut]
    steps: PairStepsOut | None = None
    kept_apart: KeptApartOut | None = Field(
        None, description="The officer's standing mark that the two are not duplicates."
    )


@router.get(
    "/appeals/{appeal_id}/compare",
    response={200: CompareOut, **problems(401, 403, 404, 422)},
    auth=token_auth,
    summary="Why two appeals are or are not linked as duplicates",
)
def compare(
    request: HttpRequest,
    query: Query[CompareQuery],
    appeal_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, Any]:
    """Each step of the pair's duplicate score, as a triage of the appeal would give it now."""
    user, appeal, other = pair_in_request(request, appeal_id, query.other)
    return comparison_out(compare_appeals(user, appeal, other))


def pair_in_request(request: HttpRequest, appeal_id: int, typed: str) -> tuple[Any, Appeal, Appeal]:
    """Give the staff caller, the appeal (404 out of reach) and the other appeal they typed.

    A number that finds no appeal the caller may compare with is a 422 field error on
    ``other``, in the caller's language.
    """
    user = staff_user(request)
    appeal = access_appeal(user, appeal_id)
    try:
        return user, appeal, other_appeal(user, appeal, typed)
    except NotComparable as refused:
        raise invalid({"other": [refused.message]}) from refused


def comparison_out(found: Comparison) -> dict[str, Any]:
    """Give the comparison as the API's figures (``CompareOut``)."""
    pair = found.pair
    steps = None
    if pair is not None:
        not_used = list(pair.no_cosine) if found.embeddings else [SWITCHED_OFF]
        steps = {
            "ngram": pair.ngram,
            "cosine": pair.cosine,
            "cosine_not_used": not_used if pair.cosine is None else [],
            "same_language": pair.same_language,
            "embedding_floor": pair.floor,
            "text": pair.text,
            "km": pair.km,
            "near": pair.near,
            "far": pair.far,
            "shared_street": pair.shared_street,
            "other_streets": pair.other_streets,
            "placed": pair.placed,
            "category_ratio": pair.ratio,
        }
    return {
        "appeal": found.appeal.number,
        "other": found.other.number,
        "score": round(pair.score, 3) if pair is not None else None,
        "needed": found.needed,
        "linked_now": found.linked_now,
        "rank": found.rank,
        "never_compared_because": list(found.outside),
        "days_apart": round(found.apart.total_seconds() / 86400, 2),
        "triaged": found.triaged,
        "stored_links": [{"by": side.number, "score": s} for side, s in found.stored],
        "steps": steps,
        "kept_apart": (
            {"by_role": found.verdict.by_role, "at": found.verdict.at} if found.verdict else None
        ),
    }
