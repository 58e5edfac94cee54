"""The public reads behind Open311: requests (through the publication contract) and updates.

Appeals are read only through :mod:`ratusha.publication.records`; the updates are the
public steps of those same appeals, without actors, reasons or any other detail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import models

from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.bodies.models import Body
from ratusha.open311.models import Submission
from ratusha.publication.records import OPEN_TO_PUBLIC, public_appeals
from ratusha_core.workflow import AppealState, is_public_step


def is_open_state(state: AppealState) -> bool:
    """Give True when an appeal in this state is "open" in Open311 terms (as PublicAppeal)."""
    return state.value in OPEN_TO_PUBLIC


OPEN_STATES = OPEN_TO_PUBLIC
CLOSED_STATES = frozenset(s.value for s in AppealState) - OPEN_STATES
PUBLIC_STEPS = frozenset(s.value for s in AppealState if is_public_step(s))
# The applicant's own texts (a reply, an addition) change nothing a client would follow: an
# update for each would repeat the status the request already has.
APPLICANT_STEPS = ("applicant_reply", "add_information")


@dataclass(frozen=True)
class RequestFilter:
    """What GET requests asks for; ``numbers`` overrides everything else (as the spec says)."""

    numbers: Sequence[str] = ()
    service_codes: Sequence[str] = ()
    statuses: Sequence[str] = ()
    start: datetime | None = None
    end: datetime | None = None


def public_appeals_of(body: Body) -> models.QuerySet[Appeal]:
    """Give the body's public appeals, filtered by the body's id.

    Not by its code through a join: with 1,000,000 appeals PostgreSQL then misjudged how
    many rows a category has and sorted all of them (0.25 s a page instead of 2 ms).
    """
    return public_appeals().filter(body=body)


def requests_of(body: Body, wanted: RequestFilter) -> models.QuerySet[Appeal]:
    """Give the body's public appeals that match, newest first (stable for paging)."""
    appeals = public_appeals_of(body)
    if wanted.numbers:
        return appeals.filter(number__in=list(wanted.numbers)).order_by("-registered_at", "-pk")
    if wanted.service_codes:
        appeals = appeals.filter(category__code__in=list(wanted.service_codes))
    states: set[str] = set()
    for status in wanted.statuses:
        states |= OPEN_STATES if status == "open" else CLOSED_STATES
    if wanted.statuses and states != OPEN_STATES | CLOSED_STATES:
        appeals = appeals.filter(state__in=sorted(states))
    if wanted.start is not None:
        appeals = appeals.filter(registered_at__gte=wanted.start)
    if wanted.end is not None:
        appeals = appeals.filter(registered_at__lte=wanted.end)
    return appeals.order_by("-registered_at", "-pk")


def request_by_number(body: Body, number: str) -> models.QuerySet[Appeal]:
    return public_appeals_of(body).filter(number=number)


def updates_of(
    body: Body, start: datetime | None, end: datetime | None
) -> models.QuerySet[AppealEvent]:
    """Give the public steps of the body's public appeals, oldest first (stable for paging),
    without the applicant's own texts."""
    events = AppealEvent.objects.filter(
        appeal__in=public_appeals_of(body).values("pk"), to_state__in=sorted(PUBLIC_STEPS)
    ).exclude(action__in=APPLICANT_STEPS)
    if start is not None:
        events = events.filter(at__gte=start)
    if end is not None:
        events = events.filter(at__lte=end)
    return events.select_related("appeal").only("pk", "at", "action", "to_state", "appeal__number")


def submission_by_token(body: Body, token: str) -> Submission | None:
    """Give the submission a token names in the body (the token is its only credential)."""
    return Submission.objects.select_related("appeal").filter(token=token, body=body).first()
