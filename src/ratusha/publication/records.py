"""The public face of an appeal: the only shape in which appeals leave the body.

Open311, the open-data API, the dumps and the public pages all publish appeals through
these functions; nothing else reads appeal rows for the public.

- ``public_appeals(body_codes=None)`` gives the QuerySet of appeals that may appear at
  all (see below); filter, order and slice it as you like.
- ``public_records(queryset)`` gives a ``PublicAppeal`` per appeal of the queryset (a page
  of 50, say). It is ``public_rows`` with a page-sized chunk.
- ``public_rows(queryset, chunk_size=2000)`` streams any number of records (1,000,000
  for a dump) with constant memory: one query per chunk, reading plain values (no
  model objects) with the publication and the answer summary joined in, and the names
  of bodies, departments and categories looked up once per id and kept for the run.
  Give the queryset a total order (``order_by("registered_at", "pk")``; the default
  ``-registered_at`` has ties) so that a streamed dump is reproducible.
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

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connections, models

from ratusha.appeals.choices import Processing
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body, Category, Department
from ratusha.publication.models import Status
from ratusha_core.publication import GridCell, cell_of, centre_of, street_of
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


# The plain values a record is made of: the appeal's columns, the review and the summary.
_FIELDS = (
    "pk",
    "number",
    "body_id",
    "department_id",
    "category_id",
    "channel",
    "state",
    "registered_at",
    "changed_at",
    "due_date",
    "answered_at",
    "address",
    "latitude",
    "longitude",
    "consent_to_publish",
    "publication__status",
    "publication__edited_text",
    "publication__proposed_text",
    "answer_summary__summary",
    "answer_summary__answer__is_public",
)


class _Names:
    """Codes and names of bodies, departments and categories, read once per id per run."""

    def __init__(self) -> None:
        self.bodies: dict[int, tuple[str, str]] = {}
        self.departments: dict[int, tuple[str, str]] = {}
        self.categories: dict[int, tuple[str, str]] = {}

    def load(self, rows: list[Mapping[str, Any]]) -> None:
        for key, model, known in (
            ("body_id", Body, self.bodies),
            ("department_id", Department, self.departments),
            ("category_id", Category, self.categories),
        ):
            wanted = {r[key] for r in rows if r[key] is not None} - known.keys()
            if wanted:
                for obj in model.objects.filter(pk__in=wanted):  # type: ignore[attr-defined]
                    known[obj.pk] = (obj.code, str(obj))


# Streets, cells and statuses repeat across rows: each is worked out once per process.
_street = lru_cache(maxsize=65536)(street_of)
_centre = lru_cache(maxsize=65536)(centre_of)


@lru_cache(maxsize=64)
def _status(state: str) -> str:
    return public_status(AppealState(state)).value


def grid_metres() -> int:
    """Give the size of the public grid's cells in metres."""
    return int(settings.RATUSHA_PUBLIC_GRID_METRES)


def public_rows(
    queryset: models.QuerySet[Appeal], chunk_size: int = 2000
) -> Iterator[PublicAppeal]:
    """Stream the public records of the queryset with constant memory, one query per chunk."""
    names = _Names()
    size = grid_metres()
    for chunk in _plain_rows(queryset, chunk_size):
        names.load(chunk)
        for row in chunk:
            yield _record(row, names, size)


_TIMES = ("registered_at", "changed_at", "answered_at")


def _plain_rows(
    queryset: models.QuerySet[Appeal], chunk_size: int
) -> Iterator[list[dict[str, Any]]]:
    """Give the record fields in chunks, read straight from a streaming cursor.

    Django's per-value converters took about half of a big export's time on SQLite (it
    keeps times as text); the few columns that need converting are converted here, and
    PostgreSQL's driver already gives datetimes, dates and decimals.
    """
    sql, params = queryset.values(*_FIELDS).query.sql_with_params()
    connection = connections[queryset.db]
    with connection.chunked_cursor() as cursor:  # server-side on PostgreSQL
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        while chunk := cursor.fetchmany(chunk_size):
            yield [_plain(dict(zip(names, row, strict=True))) for row in chunk]


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    for name in _TIMES:
        value = row[name]
        if isinstance(value, str):  # SQLite keeps UTC as text...
            row[name] = datetime.fromisoformat(value).replace(tzinfo=UTC)
        elif isinstance(value, datetime) and value.tzinfo is None:  # ...or parses it naive
            row[name] = value.replace(tzinfo=UTC)
    if isinstance(row["due_date"], str):
        row["due_date"] = date.fromisoformat(row["due_date"])
    return row


def public_records(appeals: models.QuerySet[Appeal]) -> Iterator[PublicAppeal]:
    """Give the public record of each appeal, loading related rows in bulk (no N+1)."""
    return public_rows(appeals, chunk_size=500)


def public_record(appeal: Appeal) -> PublicAppeal:
    """Give the public record of one appeal."""
    return next(public_rows(Appeal.objects.filter(pk=appeal.pk), chunk_size=1))


def _text(row: Mapping[str, Any]) -> str | None:
    if not row["consent_to_publish"] or row["publication__status"] != Status.APPROVED:
        return None
    return row["publication__edited_text"] or row["publication__proposed_text"] or None


def _record(row: Mapping[str, Any], names: _Names, size: int) -> PublicAppeal:
    status = _status(row["state"])
    body = names.bodies[row["body_id"]]
    department = names.departments.get(row["department_id"])
    category = names.categories.get(row["category_id"])
    cell: GridCell | None = None
    if row["latitude"] is not None and row["longitude"] is not None:
        cell = _centre(*cell_of(row["latitude"], row["longitude"], size), size)
    summary = row["answer_summary__summary"] if row["answer_summary__answer__is_public"] else None
    return PublicAppeal(
        number=row["number"],
        body_code=body[0],
        body_name=body[1],
        department_code=department[0] if department else None,
        department_name=department[1] if department else None,
        category_code=category[0] if category else None,
        category_name=category[1] if category else None,
        channel=row["channel"],
        state=row["state"],
        public_status=status,
        is_open=row["state"] in OPEN_TO_PUBLIC,
        registered_at=row["registered_at"],
        updated_at=row["changed_at"] or row["registered_at"],
        due_date=row["due_date"],
        answered_at=row["answered_at"],
        street=_street(row["address"]) if row["address"] else None,
        latitude=cell.latitude if cell else None,
        longitude=cell.longitude if cell else None,
        text=_text(row),
        answer_summary=summary or None,
    )
