"""Rows of the register of decisions, read through the decisions app's public records.

Only adopted and revoked decisions are public (never drafts); their shape comes from
:func:`ratusha.decisions.records.decision_record`. The dataset leaves out the text and
the grounds (their page, linked in ``url``, shows them) and keeps what people sort
and count by.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Max, Min

from ratusha.decisions.records import decision_record, public_decisions

if TYPE_CHECKING:
    from ratusha.opendata.sources import Filters


def is_available() -> bool:
    """Tell whether the register can be published (it can, since the decisions app exists)."""
    return True


def decisions_matching(filters: Filters | None = None) -> Any:
    """Give the public decisions that match the filters (dates: of the decision)."""
    queryset = public_decisions([filters.body] if filters and filters.body else None)
    if filters is not None:
        if filters.status:
            queryset = queryset.filter(status=filters.status)
        if filters.date_from:
            queryset = queryset.filter(decided_on__gte=filters.date_from)
        if filters.date_to:
            queryset = queryset.filter(decided_on__lte=filters.date_to)
    return queryset


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def decision_row(decision: Any) -> tuple[Any, ...]:
    """Give the row of the decisions dataset for one public decision."""
    record = decision_record(decision)
    vote = record["vote"] or {}
    return (
        record["number"],
        record["body_code"],
        record["title"],
        record["decided_by"],
        date.fromisoformat(record["decided_on"]),
        record["status"],
        vote.get("for"),
        vote.get("against"),
        vote.get("abstained"),
        _moment(record["adopted_at"]),
        _moment(record["revoked_at"]),
        " ".join(record["related_appeals"]) or None,
        record["document_sha256"],
        record["revocation_sha256"],
        record["url"],
    )


def decision_rows(filters: Filters) -> Iterator[tuple[Any, ...]]:
    """Give the public decisions, newest first, as rows of the decisions dataset."""
    for decision in decisions_matching(filters).iterator(chunk_size=2000):
        yield decision_row(decision)


def coverage() -> tuple[date, date] | None:
    """Give the dates of the first and the last public decision."""
    found = public_decisions().aggregate(first=Min("decided_on"), last=Max("decided_on"))
    if found["first"] is None:
        return None
    return found["first"], found["last"]
