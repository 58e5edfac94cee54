"""Officers' word that two appeals are not duplicates, in the REST API (staff tokens).

The same reads and actions as the officers' pages (``views_not_duplicates``): the appeal
through ``appeals.access``, the other one by registration number or id among the appeals
the caller may see (one out of reach reads as unknown), and every change through
``actions_not_duplicates``, so the roles are checked exactly as there. Marking a pair
already marked, like the page, changes nothing and gives the standing mark.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema

from ratusha.appeals.access import access_appeal
from ratusha.appeals.api.auth import token_auth
from ratusha.appeals.api.problems import Problem
from ratusha.appeals.api.schemas import problems
from ratusha.triage.access import not_duplicates_on
from ratusha.triage.actions_not_duplicates import check_keep_apart, check_withdraw
from ratusha.triage.api import staff_user
from ratusha.triage.api_compare import pair_in_request
from ratusha.triage.api_schemas import MAX_ID
from ratusha.triage.models import NotDuplicate

router = Router(tags=["clusters"])


class NotDuplicateIn(Schema):
    other: str = Field(
        ..., max_length=64, description="Registration number or id of the other appeal."
    )


class NotDuplicateOut(Schema):
    appeals: list[str] = Field(..., description="Registration numbers of the two appeals.")
    score: float | None = Field(None, description="Their best stored link score when marked.")
    by_role: str = Field(..., description="The role in which the mark was made.")
    at: datetime
    withdrawn_at: datetime | None = Field(None, description="Set once the mark is withdrawn.")


def mark_out(row: NotDuplicate) -> dict[str, Any]:
    """Give one mark as the API's figures (``NotDuplicateOut``)."""
    return {
        "appeals": [row.first.number, row.second.number],
        "score": None if row.score is None else round(row.score, 3),
        "by_role": row.by_role,
        "at": row.at,
        "withdrawn_at": row.withdrawn_at,
    }


@router.get(
    "/appeals/{appeal_id}/not-duplicates",
    response={200: list[NotDuplicateOut], **problems(401, 403, 404)},
    auth=token_auth,
    summary="The appeals officers marked as not duplicates of this one",
)
def marks(request: HttpRequest, appeal_id: int = Path(..., ge=1, le=MAX_ID)) -> list[Any]:
    """The standing marks on the appeal whose other appeal the caller may see, newest first."""
    user = staff_user(request)
    appeal = access_appeal(user, appeal_id)
    return [mark_out(row) for row in not_duplicates_on(user, [appeal.pk])]


@router.post(
    "/appeals/{appeal_id}/not-duplicates",
    response={200: NotDuplicateOut, **problems(401, 403, 404, 409, 422)},
    auth=token_auth,
    summary="Mark two appeals as not duplicates: triage will not link them again",
)
def keep_apart(
    request: HttpRequest, payload: NotDuplicateIn, appeal_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    """Clusters drop their stored links at once; later triage runs never compare them."""
    user, appeal, other = pair_in_request(request, appeal_id, payload.other)
    return mark_out(check_keep_apart(user, appeal, other))


@router.delete(
    "/appeals/{appeal_id}/not-duplicates/{other}",
    response={200: NotDuplicateOut, **problems(401, 403, 404, 422)},
    auth=token_auth,
    summary="Withdraw the mark that two appeals are not duplicates",
)
def withdraw(
    request: HttpRequest,
    other: str = Path(..., max_length=64),
    appeal_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, Any]:
    """Their stored links count again; a pair with no standing mark is a 404."""
    user, appeal, found = pair_in_request(request, appeal_id, other)
    row = check_withdraw(user, appeal, found)
    if row is None:
        raise Problem(404, "not-marked", _("These two appeals are not marked as not duplicates."))
    return mark_out(row)
