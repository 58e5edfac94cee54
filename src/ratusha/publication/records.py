"""The public face of an appeal: the only shape in which appeals leave the body.

Open311, the open-data API, the dumps and the public pages all publish appeals through
``public_appeals`` and ``public_records``; nothing else reads appeal rows for the public.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import models

from ratusha.appeals.models import Appeal
from ratusha_core.workflow import AppealState, public_status


@dataclass(frozen=True)
class PublicAppeal:
    """One appeal as the public may see it: nothing that identifies a person."""

    number: str
    body_code: str
    body_name: str
    department_code: str | None
    department_name: str | None
    category_code: str | None
    category_name: str | None
    channel: str
    state: str
    public_status: str
    is_open: bool
    registered_at: datetime
    updated_at: datetime
    due_date: date | None
    answered_at: datetime | None
    street: str | None
    latitude: Decimal | None
    longitude: Decimal | None
    text: str | None
    answer_summary: str | None


def public_appeals(body_codes: Iterable[str] | None = None) -> models.QuerySet[Appeal]:
    """Give the appeals that may appear in public (all bodies, or the given ones)."""
    queryset = Appeal.objects.exclude(state=AppealState.MERGED)
    if body_codes is not None:
        queryset = queryset.filter(body__code__in=list(body_codes))
    return queryset


def public_records(appeals: models.QuerySet[Appeal]) -> Iterator[PublicAppeal]:
    """Give the public record of each appeal, loading related rows in bulk."""
    for appeal in appeals.select_related("body", "department", "category"):
        yield public_record(appeal)


def public_record(appeal: Appeal) -> PublicAppeal:
    """Give the public record of one appeal (skeleton: no text, no location yet)."""
    state = AppealState(appeal.state)
    status = public_status(state)
    return PublicAppeal(
        number=appeal.number,
        body_code=appeal.body.code,
        body_name=str(appeal.body),
        department_code=appeal.department.code if appeal.department else None,
        department_name=str(appeal.department) if appeal.department else None,
        category_code=appeal.category.code if appeal.category else None,
        category_name=str(appeal.category) if appeal.category else None,
        channel=appeal.channel,
        state=appeal.state,
        public_status=status.value,
        is_open=status.value not in {"answered", "closed", "left_without_consideration"},
        registered_at=appeal.registered_at,
        updated_at=appeal.changed_at or appeal.registered_at,
        due_date=appeal.due_date,
        answered_at=appeal.answered_at,
        street=None,
        latitude=None,
        longitude=None,
        text=None,
        answer_summary=None,
    )
