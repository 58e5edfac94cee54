"""Pages of a log's entries for people to read: newest first, by keyset on the entry index.

A page is at most :data:`PAGE_SIZE` entries before (``before``) or after (``after``) an
index, optionally of some event types and of one subject; never ``OFFSET``, so a page deep
in a log of ten million entries costs what the first one does. Each event type is read
through the index ``(log, event_type, index)`` backwards; several types are one
``UNION ALL`` of such reads on PostgreSQL (each limited, then merged), so a mix of a rare
and a common type still stops after a page. A subject is read through the index
``(subject, event_type)``: a subject (an appeal's or a decision's number, a body's code)
has few entries.

The first page also gives the entries still waiting for integration (``PendingEntry``),
newest first: they are in no signed checkpoint yet, so they have no index and no proof.
They are read before the integrated ones and dropped if they were integrated meanwhile,
so an entry is never shown twice nor missed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection

from ratusha.ledger import access
from ratusha.ledger.models import Checkpoint, Entry, Log, PendingEntry

PAGE_SIZE = 50
_COLUMNS = ("index", "event_type", "subject", "time", "leaf_input", "leaf_hash")


@dataclass(frozen=True)
class Filters:
    """What the reader asked for: event types (any of them) and a subject (exact)."""

    events: tuple[str, ...] = ()
    subject: str = ""


@dataclass(frozen=True)
class Row:
    """One entry as stored: its leaf input is exactly the leaf (RFC 8785 JSON)."""

    index: int | None  # None while pending
    event_type: str
    subject: str
    time: datetime
    leaf_input: str
    leaf_hash: bytes


@dataclass(frozen=True)
class Page:
    """A page of entries, newest first, and where the neighbouring pages start."""

    entries: list[Row]
    pending: list[Row] = field(default_factory=list)
    older: int | None = None  # ``before`` of the older page, None if there is none
    newer: int | None = None  # ``after`` of the newer page, None if this is the newest
    checkpoint: Checkpoint | None = None  # the newest one, read after the entries

    @property
    def is_first(self) -> bool:
        return self.newer is None


def _filtered(model: Any, log: Log, filters: Filters) -> Any:
    rows = model.objects.filter(log=log)
    if filters.subject:
        rows = rows.filter(subject=filters.subject)
    return rows


def _integrated(
    log: Log, filters: Filters, *, before: int | None, after: int | None, limit: int
) -> list[Row]:
    """Give up to ``limit`` entries next to the bound, newest first (oldest first after)."""
    rows = _filtered(Entry, log, filters)
    if before is not None:
        rows = rows.filter(index__lt=before)
    if after is not None:
        rows = rows.filter(index__gt=after)
    order = "index" if after is not None else "-index"
    events = filters.events
    if len(events) > 1 and connection.features.supports_slicing_ordering_in_compound:
        parts = [
            rows.filter(event_type=kind).order_by(order).values_list(*_COLUMNS)[:limit]
            for kind in events
        ]
        found = parts[0].union(*parts[1:], all=True).order_by(order)[:limit]
    else:
        if len(events) == 1:
            rows = rows.filter(event_type=events[0])
        elif events:
            rows = rows.filter(event_type__in=events)
        found = rows.order_by(order).values_list(*_COLUMNS)[:limit]
    return [
        Row(i, kind, subject, time, text, bytes(digest))
        for i, kind, subject, time, text, digest in found
    ]


def _pending(log: Log, filters: Filters) -> list[Row]:
    rows = _filtered(PendingEntry, log, filters)
    if filters.events:
        rows = rows.filter(event_type__in=filters.events)
    found = rows.order_by("-id").values_list(*_COLUMNS[1:])[:PAGE_SIZE]
    return [
        Row(None, kind, subject, time, text, bytes(digest))
        for kind, subject, time, text, digest in found
    ]


def read_page(
    log: Log, filters: Filters, *, before: int | None = None, after: int | None = None
) -> Page:
    """Give the page of entries before ``before`` (or after ``after``; default: the newest).

    Three queries for the first page (pending, entries, checkpoint); a page after an
    index may take two more (it is the newest already, or is there anything older).
    """
    if after is not None:
        rows = _integrated(log, filters, before=None, after=after, limit=PAGE_SIZE + 1)
        if len(rows) > PAGE_SIZE:  # there are newer entries still
            shown = rows[:PAGE_SIZE][::-1]
            older = shown[-1].index
            has_older = _integrated(log, filters, before=older, after=None, limit=1)
            return Page(
                shown,
                older=older if has_older else None,
                newer=shown[0].index,
                checkpoint=access.latest_checkpoint(log),
            )
        before = None  # the newest entries: show the first page, with the pending ones
    pending = _pending(log, filters) if before is None else []
    rows = _integrated(log, filters, before=before, after=None, limit=PAGE_SIZE + 1)
    shown = rows[:PAGE_SIZE]
    hashes = {row.leaf_hash for row in shown}
    return Page(
        shown,
        pending=[row for row in pending if row.leaf_hash not in hashes],
        older=shown[-1].index if len(rows) > PAGE_SIZE else None,
        newer=shown[0].index if before is not None and shown else None,
        checkpoint=access.latest_checkpoint(log),
    )


def proof_query(row: Row, checkpoint: Checkpoint | None) -> str | None:
    """Give the query string of the entry's inclusion proof at the checkpoint, if it is in it."""
    if row.index is None or checkpoint is None or row.index >= checkpoint.size:
        return None
    return f"?index={row.index}&size={checkpoint.size}"
