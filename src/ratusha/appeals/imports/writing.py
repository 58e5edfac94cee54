"""Writing planned appeals (see `history.plan_rows`) with a few bulk statements.

For tens of thousands of events, bulk_create spends most of its time building model
objects and compiling each value; here each table gets one statement, written by the
ORM for a blank row, run with all the rows' values at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKey,
    IntegerField,
    Model,
    TextField,
)
from django.db.models.sql import InsertQuery

from ratusha.appeals.imports.history import BATCH, Planned
from ratusha.appeals.models import (
    Answer,
    Appeal,
    AppealEvent,
    Applicant,
    Question,
    Rating,
    RegistrationCounter,
)
from ratusha.bodies.models import Body


def _insert(model: type[Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert plain rows in batches, each value adapted for the database as the ORM would."""
    fields = [model._meta.get_field(name) for name in names]  # concrete fields, by name
    # Let the ORM write the statement for one blank row; only its shape is used.
    shape = InsertQuery(model)
    shape.insert_values(fields, [model()])  # type: ignore[arg-type]
    statement = shape.get_compiler(connection=connection).as_sql()[0][0]
    adapters = [_adapter(f) for f in fields]
    with connection.cursor() as cursor:
        pending = list(rows)
        for start in range(0, len(pending), BATCH * 4):
            cursor.executemany(
                statement,
                [
                    [
                        value if adapt is None else adapt(value)
                        for adapt, value in zip(adapters, row, strict=True)
                    ]
                    for row in pending[start : start + BATCH * 4]
                ],
            )


_PLAIN = (CharField, TextField, IntegerField, BooleanField, ForeignKey)


def _adapter(field: Any) -> Callable[[Any], Any] | None:
    """Give what turns a Python value into the database's, or None when it passes as it is."""
    if isinstance(field, DateTimeField):
        # Our moments are aware already; skip the naive-time checks of get_db_prep_save.
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, _PLAIN):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _insert_appeals(appeals: list[Appeal]) -> None:
    """Insert the appeals and give each its primary key (looked up by its unique number)."""
    fields = [f for f in Appeal._meta.concrete_fields if not f.primary_key]
    _insert(
        Appeal, [f.name for f in fields], ([getattr(a, f.attname) for f in fields] for a in appeals)
    )
    numbers = [a.number for a in appeals]
    ids: dict[str, int] = {}
    for start in range(0, len(numbers), BATCH):
        chunk = numbers[start : start + BATCH]
        ids.update(Appeal.objects.filter(number__in=chunk).values_list("number", "pk"))
    for appeal in appeals:
        appeal.pk = ids[appeal.number]
        appeal._state.adding = False


def save_rows(body: Body, planned: Planned) -> list[Appeal]:
    """Write the planned rows in bulk and move the body's counters on; give the appeals."""
    if planned.errors:
        raise ValueError("refusing to save a batch with errors")
    rows = planned.rows
    appeals = [row.appeal for row in rows]
    _insert_appeals(appeals)
    by_number = {appeal.number: appeal.pk for appeal in appeals}
    outside = {row.merged_into for row in rows if row.merged_into} - set(by_number)
    by_number.update(
        Appeal.objects.filter(body=body, number__in=outside).values_list("number", "pk")
    )
    merged = []
    for row in rows:
        if row.merged_into:
            row.appeal.merged_into_id = by_number[row.merged_into]
            merged.append(row.appeal)
            row.events = [
                e._replace(extra={**e.extra, "target_appeal": str(row.appeal.merged_into_id)})
                if e.action == "merge"
                else e
                for e in row.events
            ]
    Appeal.objects.bulk_update(merged, ["merged_into"], batch_size=BATCH)
    _insert(
        AppealEvent,
        ["appeal", "at", "actor", "actor_role", "action", "from_state", "to_state", "reason",
         "extra", "public"],
        ((row.appeal.pk, *event) for row in rows for event in row.events),
    )  # fmt: skip
    _insert(
        Question,
        ["appeal", "text", "position", "answered"],
        ((row.appeal.pk, *question) for row in rows for question in row.questions),
    )
    _insert(
        Answer,
        ["appeal", "text", "drafted_by", "drafted_at", "approved_by", "approved_at", "sent_at",
         "is_public"],
        (
            (row.appeal.pk, a.text, a.drafted_by_id, a.drafted_at, a.approved_by_id,
             a.approved_at, a.sent_at, True)
            for row in rows
            for a in row.answers
        ),
    )  # fmt: skip
    _insert(
        Applicant,
        ["appeal", "name", "email", "phone", "address"],
        (
            (row.appeal.pk, name, "", "", address)
            for row in rows
            for name, address in row.co_applicants
        ),
    )
    _insert(
        Rating,
        ["appeal", "score", "comment", "rated_at"],
        (
            (row.appeal.pk, *row.rating, row.appeal.answered_at or row.appeal.changed_at)
            for row in rows
            if row.rating
        ),
    )
    for year, last in planned.counters.items():
        RegistrationCounter.objects.update_or_create(body=body, year=year, defaults={"last": last})
    return appeals
