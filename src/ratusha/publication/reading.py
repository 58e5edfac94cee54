"""The plain values public records are made of, read in chunks straight from a cursor.

Only :mod:`ratusha.publication.records` uses this module: it turns these values into the
public shape. Reading plain tuples (no model objects, no Django converters) keeps a dump
of 1,000,000 appeals cheap:

- times and dates come as text in UTC, formatted by the database
  (``2026-01-02 03:04:05.123456``; ``2026-01-02``), so that no per-value converter runs
  (Django's SQLite datetime converter parses each value with a regular expression) and a
  bulk writer can convert a whole column at once;
- small pages (Open311, the API) use an ordinary cursor, one round trip; big reads a
  streaming one (server-side on PostgreSQL, in a transaction planned for the whole
  result);
- the codes and names of bodies, departments and categories are read once per id and
  run, all three in one query.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connections, models, transaction
from django.db.models import Func, TextField, Value

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body, Category, Department
from ratusha.bodies.translated import pick

# The columns read, in this order: the appeal's own, then its review and answer summary.
FIELDS = (
    "number",
    "body_id",
    "department_id",
    "category_id",
    "channel",
    "state",
    "registered_utc",
    "changed_utc",
    "due_date_text",
    "answered_utc",
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
# A page this small or smaller (the APIs give up to 1,000 rows, read one ahead) is read in
# one round trip, without a streaming cursor.
SMALL_READ = 2000


class UtcText(Func):
    """A time as UTC text, ``YYYY-MM-DD HH:MM:SS[.ffffff]`` (SQLite keeps exactly that).

    On PostgreSQL ``to_char`` is safe whatever the session's DateStyle, but costs about
    2 µs a value; a big read sets DateStyle to ISO in its transaction and casts instead.
    """

    output_field = TextField()
    template = "CAST(%(expressions)s AS TEXT)"
    pg_template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    pg_iso_template = "((%(expressions)s AT TIME ZONE 'UTC')::text)"

    def __init__(self, expression: str, iso: bool = False) -> None:
        super().__init__(expression)
        self.iso = iso

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = self.pg_iso_template if self.iso else self.pg_template
        return self.as_sql(compiler, connection, template=template, **extra)


class DateText(UtcText):
    """A date as text, ``YYYY-MM-DD``."""

    pg_template = "to_char(%(expressions)s, 'YYYY-MM-DD')"
    pg_iso_template = "(%(expressions)s::text)"


def _is_small(queryset: models.QuerySet[Appeal]) -> bool:
    high, low = queryset.query.high_mark, queryset.query.low_mark
    return high is not None and high - low <= SMALL_READ


def plain_chunks(
    queryset: models.QuerySet[Appeal], chunk_size: int, names: Names
) -> Iterator[list[tuple[Any, ...]]]:
    """Give the values of :data:`FIELDS` of the appeals, ``chunk_size`` rows at a time.

    ``names`` then knows every body, department and category the rows name.
    """
    connection = connections[queryset.db]
    if _is_small(queryset):  # a page: one round trip
        with connection.cursor() as cursor:
            yield from names.loading(_fetch(cursor, queryset, chunk_size, iso=False))
        return
    if connection.vendor != "postgresql":  # SQLite steps through its result lazily
        with connection.chunked_cursor() as cursor:
            yield from names.loading(_fetch(cursor, queryset, chunk_size, iso=True))
        return
    # A server-side cursor inside a transaction streams without materialising the result
    # (outside one it is WITH HOLD and copied whole). By default PostgreSQL plans a cursor
    # for its first tenth (an index walk, ~75 µs a row here); the whole result wants hash
    # joins and one sort, several times cheaper.
    with transaction.atomic(using=queryset.db):
        with connection.cursor() as setting:
            setting.execute("SET LOCAL cursor_tuple_fraction = 1.0")
            setting.execute("SET LOCAL DateStyle = 'ISO, YMD'")
        with connection.chunked_cursor() as cursor:
            yield from names.loading(_fetch(cursor, queryset, chunk_size, iso=True))


def _fetch(
    cursor: Any, queryset: models.QuerySet[Appeal], chunk_size: int, iso: bool
) -> Iterator[list[tuple[Any, ...]]]:
    plain = queryset.annotate(
        registered_utc=UtcText("registered_at", iso),
        changed_utc=UtcText("changed_at", iso),
        due_date_text=DateText("due_date", iso),
        answered_utc=UtcText("answered_at", iso),
    ).values(*FIELDS)
    sql, params = plain.query.sql_with_params()
    cursor.execute(sql, params)
    while chunk := cursor.fetchmany(chunk_size):
        yield chunk


class Names:
    """Codes and names of bodies, departments and categories, read once per id per run.

    Names are in the language active when they are read (as ``str()`` of the model).
    """

    def __init__(self) -> None:
        self.bodies: dict[int, tuple[str, str]] = {}
        self.departments: dict[int, tuple[str, str]] = {}
        self.categories: dict[int, tuple[str, str]] = {}

    def loading(self, chunks: Iterable[list[tuple[Any, ...]]]) -> Iterator[list[tuple[Any, ...]]]:
        """Give the chunks, reading first the names of the ids each brings."""
        for chunk in chunks:
            self.load({r[1] for r in chunk}, {r[2] for r in chunk}, {r[3] for r in chunk})
            yield chunk

    def load(
        self, body_ids: Iterable[Any], department_ids: Iterable[Any], category_ids: Iterable[Any]
    ) -> None:
        """Read the ids not yet known, all three kinds in one query."""
        wanted = []
        for kind, model, ids, known in (
            (0, Body, body_ids, self.bodies),
            (1, Department, department_ids, self.departments),
            (2, Category, category_ids, self.categories),
        ):
            missing = set(ids) - known.keys() - {None}
            if missing:
                rows = model.objects.filter(pk__in=missing).order_by()
                wanted.append(
                    rows.annotate(names_of=Value(kind)).values_list(
                        "names_of", "pk", "code", "name_be", "name_ru", "name_en"
                    )
                )
        if not wanted:
            return
        found = wanted[0].union(*wanted[1:], all=True) if len(wanted) > 1 else wanted[0]
        tables = (self.bodies, self.departments, self.categories)
        for kind, pk, code, name_be, name_ru, name_en in found:
            tables[kind][pk] = (code, pick(_Named(name_be, name_ru, name_en), "name"))


class _Named:
    """The three names of a row, as ``pick`` reads them."""

    def __init__(self, name_be: str, name_ru: str, name_en: str) -> None:
        self.name_be, self.name_ru, self.name_en = name_be, name_ru, name_en
