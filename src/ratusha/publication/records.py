"""The public face of an appeal: the only shape in which appeals leave the body.

Open311, the open-data API, the dumps and the public pages all publish appeals through
these functions; nothing else reads appeal rows for the public.

- ``public_appeals(body_codes=None)`` gives the QuerySet of appeals that may appear at
  all (see below); filter, order and slice it as you like.
- ``public_records(queryset)`` gives a ``PublicAppeal`` per appeal of the queryset (a page
  of 50, say). It is ``public_rows`` with a page-sized chunk.
- ``public_rows(queryset, chunk_size=2000)`` streams any number of records (1,000,000
  for a dump) with constant memory, reading plain values (no model objects) with the
  publication and the answer summary joined in, and the names of bodies, departments
  and categories looked up once per id and kept for the run (see ``reading``).
  Give the queryset a total order (``order_by("registered_at", "pk")``; the default
  ``-registered_at`` has ties) so that a streamed dump is reproducible.
- ``public_columns(queryset, chunk_size)`` gives the same records a chunk at a time as
  one list per field (``PublicColumns``), for writers that convert whole columns (the
  Parquet and CSV dumps). ``public_rows`` is made from it, so both give the same values.
- ``public_record(appeal)`` gives the record of one appeal object.

What is never public: merged appeals (duplicates; they live on in the appeal they were
merged into) and appeals whose processing after registration has not finished or has
failed (not yet triaged, so nobody has looked at them; they appear within minutes, and
a failure waits in the staff's queue). Withdrawn, forwarded and left-without-consideration
appeals stay public with their status, so the counts match the ledger's registrations.
Everything appears in redacted form only:

- ``street``: the street of the problem's address, without house, flat or postcode;
- ``latitude``/``longitude``: the centre of the grid cell holding the point
  (``settings.RATUSHA_PUBLIC_GRID_METRES``, 300 m by default), never the pin;
- ``text``: only where the applicant consented *and* a clerk approved the redaction;
  otherwise None;
- ``answer_summary``: the redacted opening of the latest sent answer, unless that
  answer is confidential (``Answer.is_public`` False); otherwise None.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import models

from ratusha.appeals.choices import Processing
from ratusha.appeals.models import Appeal
from ratusha.publication.cells import centres
from ratusha.publication.models import Status
from ratusha.publication.reading import Names, plain_chunks
from ratusha_core.publication import centre_of, street_of
from ratusha_core.workflow import CLOCK_RUNNING_STATES, AppealState, public_status

# Open while the body still owes the answer; withdrawn, forwarded or answered is closed.
OPEN_TO_PUBLIC = frozenset(s.value for s in CLOCK_RUNNING_STATES)
NEVER_PUBLIC = (AppealState.MERGED,)


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
    queryset = Appeal.objects.exclude(state__in=[str(s) for s in NEVER_PUBLIC]).filter(
        processing=Processing.DONE
    )
    if body_codes is not None:
        queryset = queryset.filter(body__code__in=list(body_codes))
    return queryset


# Streets, cells and statuses repeat across rows: each is worked out once per process.
_street = lru_cache(maxsize=65536)(street_of)
_centre = lru_cache(maxsize=65536)(centre_of)


@lru_cache(maxsize=64)
def _status(state: str) -> str:
    return public_status(AppealState(state)).value


def grid_metres() -> int:
    """Give the size of the public grid's cells in metres."""
    return int(settings.RATUSHA_PUBLIC_GRID_METRES)


FIELD_NAMES = tuple(field.name for field in dataclasses.fields(PublicAppeal))
TIME_FIELDS = frozenset({"registered_at", "updated_at", "answered_at"})
DATE_FIELDS = frozenset({"due_date"})


@dataclass(frozen=True)
class PublicColumns:
    """A chunk of public records as one list per field of ``PublicAppeal``, in field order.

    Every value is the record's, except times and dates, which stay UTC text as the
    database formats them (``2026-01-02 03:04:05.123456``, ``2026-01-02``) so that a
    writer converts a whole column at once; :meth:`records` gives the records themselves.
    """

    values: dict[str, list[Any]]

    def __len__(self) -> int:
        return len(self.values["number"])

    def where(self, keep: list[bool]) -> PublicColumns:
        """Give the chunk with only the records whose ``keep`` is true."""
        if all(keep):
            return self
        return PublicColumns(
            {
                name: [v for v, kept in zip(values, keep, strict=True) if kept]
                for name, values in self.values.items()
            }
        )

    def records(self) -> Iterator[PublicAppeal]:
        """Give the chunk's records, times and dates parsed."""
        columns = []
        for name in FIELD_NAMES:
            values = self.values[name]
            if name in TIME_FIELDS:
                values = [None if v is None else utc_moment(v) for v in values]
            elif name in DATE_FIELDS:
                values = [None if v is None else date.fromisoformat(v) for v in values]
            columns.append(values)
        for row in zip(*columns, strict=True):
            yield PublicAppeal(*row)


def utc_moment(text: str) -> datetime:
    """Give the aware datetime of a UTC time as the database gives it in text."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def public_columns(
    queryset: models.QuerySet[Appeal], chunk_size: int = 2000
) -> Iterator[PublicColumns]:
    """Stream the public records of the queryset a chunk at a time, one list per field."""
    names = Names()
    size = grid_metres()
    for chunk in plain_chunks(queryset, chunk_size, names):
        yield _columns(chunk, names, size)


def public_rows(
    queryset: models.QuerySet[Appeal], chunk_size: int = 2000
) -> Iterator[PublicAppeal]:
    """Stream the public records of the queryset with constant memory, a chunk at a time."""
    for columns in public_columns(queryset, chunk_size):
        yield from columns.records()


def public_records(appeals: models.QuerySet[Appeal]) -> Iterator[PublicAppeal]:
    """Give the public record of each appeal, loading related rows in bulk (no N+1)."""
    return public_rows(appeals, chunk_size=500)


def public_record(appeal: Appeal) -> PublicAppeal:
    """Give the public record of one appeal."""
    return next(public_rows(Appeal.objects.filter(pk=appeal.pk)[:1], chunk_size=1))


def _columns(chunk: list[tuple[Any, ...]], names: Names, size: int) -> PublicColumns:
    """Make the public fields of a chunk of plain rows (``reading.FIELDS``), a column at a time.

    This is the one place where a record's fields are made from an appeal's values.
    """
    (
        number, body_id, department_id, category_id, channel, state, registered, changed,
        due_date, answered, address, latitude, longitude, consent, review, edited, proposed,
        summary, summary_is_public,
    ) = zip(*chunk, strict=True)  # fmt: skip
    bodies = [names.bodies[i] for i in body_id]
    departments = [names.departments.get(i) for i in department_id]
    categories = [names.categories.get(i) for i in category_id]
    cells = centres(latitude, longitude, size, _centre)
    values: dict[str, list[Any]] = {
        "number": list(number),
        "body_code": [b[0] for b in bodies],
        "body_name": [b[1] for b in bodies],
        "department_code": [d[0] if d else None for d in departments],
        "department_name": [d[1] if d else None for d in departments],
        "category_code": [c[0] if c else None for c in categories],
        "category_name": [c[1] if c else None for c in categories],
        "channel": list(channel),
        "state": list(state),
        "public_status": [_status(s) for s in state],
        "is_open": [s in OPEN_TO_PUBLIC for s in state],
        "registered_at": list(registered),
        "updated_at": [c or r for c, r in zip(changed, registered, strict=True)],
        "due_date": list(due_date),
        "answered_at": list(answered),
        "street": [_street(a) if a else None for a in address],
        "latitude": [c.latitude if c else None for c in cells],
        "longitude": [c.longitude if c else None for c in cells],
        # Only with the applicant's consent and a clerk's approval of the redaction.
        "text": [
            (e or p or None) if c and r == Status.APPROVED else None
            for c, r, e, p in zip(consent, review, edited, proposed, strict=True)
        ],
        # Only when the answer summarised is public (not marked confidential).
        "answer_summary": [
            (s or None) if public else None
            for s, public in zip(summary, summary_is_public, strict=True)
        ],
    }
    return PublicColumns(values)
