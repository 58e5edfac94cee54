"""Reads of open data. Everything here is public; appeals come only from the publication app.

Pages of rows for the API are slices of the public appeals, newest first.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404

from ratusha.bodies.access import public_bodies
from ratusha.opendata.datasets import (
    ANSWERS,
    APPEALS,
    CHECKPOINTS,
    DECISIONS,
    FORMATS,
    STATISTICS,
    Dataset,
    dataset_named,
)
from ratusha.opendata.decisions_source import decision_row, decisions_matching
from ratusha.opendata.models import ALL_BODIES, Dump
from ratusha.opendata.sources import (
    Filters,
    Row,
    answer_row,
    answered_matching,
    appeals_matching,
    checkpoint_row,
    checkpoints_matching,
    statistics_groups,
    statistics_row,
)
from ratusha.publication.records import PublicAppeal, public_records


def dump_folder() -> Path:
    """Give the folder the dumps are written to (``RATUSHA_OPENDATA_DIR``, or MEDIA/opendata)."""
    return Path(settings.RATUSHA_OPENDATA_DIR or Path(settings.MEDIA_ROOT) / "opendata")


def public_body_codes() -> list[str]:
    return list(public_bodies().order_by("code").values_list("code", flat=True))


def dumps() -> list[Dump]:
    """Give every current dump."""
    return list(Dump.objects.all())


def dumps_by_dataset() -> dict[str, list[Dump]]:
    grouped: dict[str, list[Dump]] = {}
    for dump in dumps():
        grouped.setdefault(dump.dataset, []).append(dump)
    return grouped


def dump_named(dataset: str, body: str, fmt: str) -> Dump:
    """Give the current dump of a dataset ("all" for every body) in a format, or raise 404."""
    if dataset_named(dataset) is None or fmt not in FORMATS:
        raise Http404
    body_code = ALL_BODIES if body == "all" else body
    found = Dump.objects.filter(dataset=dataset, body_code=body_code, format=fmt).first()
    if found is None or not (dump_folder() / found.file_name).is_file():
        raise Http404
    return found


def dump_path(dump: Dump) -> Path:
    return dump_folder() / str(dump.file_name)


@dataclass(frozen=True)
class Page:
    """One page of a dataset's rows and the total number of matching rows."""

    count: int
    rows: list[Row]


def _records(queryset: Any, offset: int, size: int) -> list[PublicAppeal]:
    chosen = queryset.order_by("-registered_at", "-pk")[offset : offset + size]
    return list(public_records(chosen))


def page_of(dataset: Dataset, filters: Filters, page: int, size: int) -> Page:
    """Give one page (counted from 1) of a dataset's rows that match the filters."""
    offset = (page - 1) * size
    if dataset is APPEALS:
        queryset = appeals_matching(filters)
        row_of = operator.attrgetter(*APPEALS.column_names())
        return Page(queryset.count(), [row_of(r) for r in _records(queryset, offset, size)])
    if dataset is ANSWERS:
        queryset = answered_matching(filters)
        records = _records(queryset, offset, size)
        return Page(queryset.count(), [answer_row(r) for r in records if r.answer_summary])
    queryset, row_of_item = PAGED[dataset.name]
    chosen = queryset(filters)
    return Page(chosen.count(), [row_of_item(item) for item in chosen[offset : offset + size]])


# The other datasets page through their own querysets.
PAGED: dict[str, tuple[Callable[[Filters], Any], Callable[[Any], Row]]] = {
    STATISTICS.name: (statistics_groups, statistics_row),
    CHECKPOINTS.name: (checkpoints_matching, checkpoint_row),
    DECISIONS.name: (decisions_matching, decision_row),
}
