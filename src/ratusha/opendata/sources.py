"""Where each dataset's rows come from: tuples in the dataset's column order, in chunks.

Appeals leave the body only through :mod:`ratusha.publication.records`; this module never
reads an appeal's own fields. Rows stream (``public_rows`` reads plain values a chunk at
a time), so memory stays constant however many appeals there are.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.core.cache import cache
from django.db import models
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import TruncMonth

from ratusha.ledger.models import Checkpoint
from ratusha.opendata import decisions_source
from ratusha.opendata.datasets import (
    ANSWERS,
    APPEALS,
    CHECKPOINTS,
    DECISIONS,
    STATISTICS,
)
from ratusha.publication.records import (
    PublicAppeal,
    PublicColumns,
    public_appeals,
    public_columns,
    public_rows,
)
from ratusha_core.workflow import OPEN_STATES, AppealState, public_status

CHUNK = 5000
DUMP_CHUNK = 16384  # appeals per chunk of columns, and per Parquet row group
Row = tuple[Any, ...]


@dataclass(frozen=True)
class Filters:
    """What a reader asked for: every field optional (None means no condition)."""

    body: str | None = None
    category: str | None = None
    department: str | None = None
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None


NO_FILTERS = Filters()


def states_with_status(status: str) -> list[str]:
    """Give the internal states shown as this public status ('open' and 'closed' too)."""
    if status == "open":
        return [s.value for s in OPEN_STATES]
    if status == "closed":
        return [s.value for s in AppealState if s not in OPEN_STATES]
    return [s.value for s in AppealState if public_status(s).value == status]


def appeals_matching(filters: Filters) -> models.QuerySet[Any]:
    """Give the public appeals that match the filters (dates: of registration)."""
    queryset = public_appeals([filters.body] if filters.body else None)
    if filters.category:
        queryset = queryset.filter(category__code=filters.category)
    if filters.department:
        queryset = queryset.filter(department__code=filters.department)
    if filters.status:
        queryset = queryset.filter(state__in=states_with_status(filters.status))
    if filters.date_from:
        queryset = queryset.filter(registered_at__date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(registered_at__date__lte=filters.date_to)
    return queryset


def answered_matching(filters: Filters) -> models.QuerySet[Any]:
    """Give the matching appeals whose latest sent answer is public and summarised."""
    return appeals_matching(filters).filter(
        answered_at__isnull=False,
        answer_summary__answer__is_public=True,
        answer_summary__summary__gt="",
    )


def in_dump_order(queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """Give the queryset in a total order, so that a dump of the same data is the same file."""
    return queryset.order_by("registered_at", "pk")


def appeal_rows(filters: Filters = NO_FILTERS) -> Iterator[Row]:
    """Give the public records of the matching appeals as rows of the appeals dataset."""
    row_of = operator.attrgetter(*APPEALS.column_names())
    for record in public_rows(in_dump_order(appeals_matching(filters)), chunk_size=CHUNK):
        yield row_of(record)


def answer_row(record: PublicAppeal) -> Row:
    """Give the row of the answers dataset for an appeal's public record."""
    return (
        record.number,
        record.body_code,
        record.department_code,
        record.category_code,
        record.answered_at,
        record.answer_summary,
    )


def answer_rows(filters: Filters = NO_FILTERS) -> Iterator[Row]:
    """Give the answered appeals that have a public answer summary."""
    for record in public_rows(in_dump_order(answered_matching(filters)), chunk_size=CHUNK):
        if record.answer_summary:
            yield answer_row(record)


def appeal_chunks(filters: Filters = NO_FILTERS) -> Iterator[PublicColumns]:
    """Give the public records of the matching appeals as chunks of columns (for the dumps)."""
    return public_columns(in_dump_order(appeals_matching(filters)), chunk_size=DUMP_CHUNK)


def answer_chunks(filters: Filters = NO_FILTERS) -> Iterator[PublicColumns]:
    """Give the answered appeals that have a public answer summary as chunks of columns."""
    queryset = in_dump_order(answered_matching(filters))
    for columns in public_columns(queryset, chunk_size=DUMP_CHUNK):
        yield columns.where([bool(summary) for summary in columns.values["answer_summary"]])


def statistics_groups(filters: Filters = NO_FILTERS) -> models.QuerySet[Any]:
    """Give the counts per month, body, category and department (months in UTC)."""
    open_states = [s.value for s in OPEN_STATES]
    return (
        appeals_matching(filters)
        .annotate(month=TruncMonth("registered_at", tzinfo=UTC))
        .values("month", "body__code", "category__code", "department__code")
        .annotate(
            registered=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            open=Count("pk", filter=Q(state__in=open_states)),
        )
        .order_by("month", "body__code", "category__code", "department__code")
    )


def statistics_row(group: dict[str, Any]) -> Row:
    return (
        group["month"].strftime("%Y-%m"),
        group["body__code"],
        group["category__code"],
        group["department__code"],
        group["registered"],
        group["answered"],
        group["open"],
    )


def statistics_rows(filters: Filters = NO_FILTERS) -> Iterator[Row]:
    """Give the rows of the statistics dataset."""
    for group in statistics_groups(filters).iterator(chunk_size=CHUNK):
        yield statistics_row(group)


def checkpoints_matching(filters: Filters = NO_FILTERS) -> models.QuerySet[Checkpoint]:
    """Give the signed checkpoints (of the body's log when one is named), oldest first."""
    queryset = Checkpoint.objects.select_related("log").order_by("log__name", "size", "pk")
    if filters.body:
        queryset = queryset.filter(log__name=filters.body)
    if filters.date_from:
        queryset = queryset.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(created_at__date__lte=filters.date_to)
    return queryset


def checkpoint_row(checkpoint: Checkpoint) -> Row:
    return (
        checkpoint.log.name,
        checkpoint.log.origin,
        checkpoint.size,
        bytes(checkpoint.root).hex(),
        checkpoint.created_at,
        checkpoint.note,
    )


def checkpoint_rows(filters: Filters = NO_FILTERS) -> Iterator[Row]:
    """Give every signed checkpoint of every log (or of the body's log)."""
    for checkpoint in checkpoints_matching(filters).iterator(chunk_size=CHUNK):
        yield checkpoint_row(checkpoint)


SOURCES: dict[str, Callable[[Filters], Iterator[Row]]] = {
    APPEALS.name: appeal_rows,
    ANSWERS.name: answer_rows,
    STATISTICS.name: statistics_rows,
    CHECKPOINTS.name: checkpoint_rows,
    DECISIONS.name: decisions_source.decision_rows,
}


# Datasets of public appeals also come as chunks of columns, which the dumps convert faster.
CHUNK_SOURCES: dict[str, Callable[[Filters], Iterator[PublicColumns]]] = {
    APPEALS.name: appeal_chunks,
    ANSWERS.name: answer_chunks,
}


def is_available(dataset: str) -> bool:
    """Tell whether the dataset can be read yet (the register of decisions may not be)."""
    return dataset != DECISIONS.name or decisions_source.is_available()


def rows(dataset: str, filters: Filters = NO_FILTERS) -> Iterator[Row]:
    """Give the rows of a dataset that match the filters."""
    return SOURCES[dataset](filters)


def chunks(dataset: str, filters: Filters = NO_FILTERS) -> Iterator[PublicColumns] | None:
    """Give the dataset's rows as chunks of public columns, or None if it comes only as rows."""
    source = CHUNK_SOURCES.get(dataset)
    return None if source is None else source(filters)


def _span(first: Any, last: Any) -> tuple[date, date] | None:
    if first is None or last is None:
        return None
    if isinstance(first, datetime):
        return first.date(), last.date()
    return first, last


COVERAGE_SECONDS = 300


def coverage(dataset: str) -> tuple[date, date] | None:
    """Give the first and last date the dataset covers, or None when it is empty.

    Kept for five minutes: the page and the catalogue ask on every view, and some of
    these columns have no index.
    """
    key = f"opendata:coverage:{dataset}"
    found = cache.get(key, "unknown")
    if found == "unknown":
        found = _coverage(dataset)
        cache.set(key, found, COVERAGE_SECONDS)
    return found  # type: ignore[no-any-return]


def _coverage(dataset: str) -> tuple[date, date] | None:
    if dataset in (APPEALS.name, STATISTICS.name):
        found = public_appeals().aggregate(first=Min("registered_at"), last=Max("registered_at"))
    elif dataset == ANSWERS.name:
        found = public_appeals().aggregate(first=Min("answered_at"), last=Max("answered_at"))
    elif dataset == CHECKPOINTS.name:
        found = checkpoints_matching(NO_FILTERS).aggregate(
            first=Min("created_at"), last=Max("created_at")
        )
    else:
        return decisions_source.coverage()
    return _span(found["first"], found["last"])
