"""Build the rollups: count the appeals of one body's days, incrementally after a watermark.

Each appeal is counted on the local day of its registration in its body's time zone, in
the cell (department, category, channel); ``counting.py`` says what it adds. Dates and
days are worked out in Python from the stored instants, never with database date
functions, so SQLite and PostgreSQL give identical rows.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from ratusha.analytics.counting import cells_of, day_ranges, earlier_filings, measured
from ratusha.analytics.models import (
    COUNT_FIELDS,
    Grain,
    Rollup,
    RollupWatermark,
)
from ratusha.appeals.models import Appeal, Rating
from ratusha.bodies.models import Body
from ratusha.triage.models import TriageLabel

# Rows committed a little after the clock read by a running refresh could carry an
# earlier changed_at; re-reading this much overlap catches them (a refresh is idempotent).
OVERLAP = timedelta(minutes=5)
BATCH = 2000


@dataclass(frozen=True)
class RefreshReport:
    """What one refresh did."""

    full: bool
    days_rebuilt: int
    appeals_counted: int
    rows_written: int
    seconds: float


def refresh_rollups(now: datetime | None = None, full: bool = False) -> RefreshReport:
    """Bring the rollups up to date: rebuild every day whose appeals changed since the watermark.

    The first run (or ``full=True``) rebuilds everything.
    """
    began = time.monotonic()
    moment = now or timezone.now()
    mark, _created = RollupWatermark.objects.get_or_create(name="appeals")
    full = full or mark.changed_until is None
    newest = Appeal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if full:
        days = _all_days()
    else:
        since = mark.changed_until - OVERLAP  # type: ignore[operator]
        days = _changed_days(since, mark.appeals_up_to)
    counted = written = 0
    for (body_id, _month), month_days in sorted(_by_body_month(days).items()):
        appeals, rows = rebuild_days(body_id, sorted(month_days))
        counted += appeals
        written += rows
    mark.changed_until = moment
    mark.appeals_up_to = newest
    mark.refreshed_at = timezone.now()
    mark.last_duration_ms = int((time.monotonic() - began) * 1000)
    mark.last_days_rebuilt = len(days)
    mark.save()
    return RefreshReport(full, len(days), counted, written, time.monotonic() - began)


def _all_days() -> set[tuple[int, date]]:
    days: set[tuple[int, date]] = set()
    for body_id, zone in Body.objects.values_list("pk", "time_zone"):
        tz = ZoneInfo(zone)
        instants = Appeal.objects.filter(body_id=body_id).values_list("registered_at", flat=True)
        days.update((body_id, instant.astimezone(tz).date()) for instant in instants.iterator())
    return days


def _changed_days(since: datetime, up_to: int) -> set[tuple[int, date]]:
    """Give the (body, local day) of every appeal changed, rated or labelled since the mark,
    and of every appeal stored after the last one read (whatever times it carries)."""
    ids: set[int] = set()
    changed = Appeal.objects.filter(
        Q(changed_at__gt=since) | Q(registered_at__gt=since) | Q(pk__gt=up_to)
    )
    ids.update(changed.values_list("pk", flat=True))
    ids.update(Rating.objects.filter(rated_at__gt=since).values_list("appeal_id", flat=True))
    ids.update(TriageLabel.objects.filter(at__gt=since).values_list("appeal_id", flat=True))
    zones = dict(Body.objects.values_list("pk", "time_zone"))
    days: set[tuple[int, date]] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), BATCH):
        rows = Appeal.objects.filter(pk__in=ordered[start : start + BATCH]).values_list(
            "body_id", "registered_at"
        )
        days.update((body, at.astimezone(ZoneInfo(zones[body])).date()) for body, at in rows)
    return days


def _by_body_month(days: Iterable[tuple[int, date]]) -> dict[tuple[int, date], set[date]]:
    grouped: dict[tuple[int, date], set[date]] = defaultdict(set)
    for body_id, day in days:
        grouped[(body_id, day.replace(day=1))].add(day)
    return grouped


def rebuild_days(body_id: int, days: list[date]) -> tuple[int, int]:
    """Recount the given days of one body (all in one month), then that month's rows.

    Gives the number of appeals counted and of rows written.
    """
    zone = ZoneInfo(Body.objects.values_list("time_zone", flat=True).get(pk=body_id))
    appeals = measured(body_id, day_ranges(days, zone))
    cells = cells_of(appeals, zone, earlier_filings(body_id, appeals))
    month = days[0].replace(day=1)
    with transaction.atomic():
        Rollup.objects.filter(grain=Grain.DAY, body_id=body_id, day__in=days).delete()
        _insert(
            [
                (Grain.DAY, day, body_id, dept, cat, channel, counts)
                for (day, dept, cat, channel), counts in sorted(cells.items())
            ]
        )
        month_rows = _month_rows(body_id, month)
        Rollup.objects.filter(grain=Grain.MONTH, body_id=body_id, day=month).delete()
        _insert(month_rows)
    return len(appeals), len(cells) + len(month_rows)


KEY_COLUMNS = ("grain", "day", "body_id", "department_id", "category_id", "channel")
Row = tuple[str, date, int, int, int, str, dict[str, int]]


def _insert(rows: list[Row]) -> None:
    """Write rollup rows with one parametrised statement (Django's per-value preparation of
    66 columns would take most of a refresh). Identifiers come from the model, values are
    parameters."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = [*KEY_COLUMNS, *COUNT_FIELDS]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - identifiers only
        quote(Rollup._meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    adapt = connection.ops.adapt_datefield_value
    params = [
        (
            str(grain),
            adapt(day),
            body,
            dept,
            cat,
            channel,
            *(counts.get(name, 0) for name in COUNT_FIELDS),
        )
        for grain, day, body, dept, cat, channel, counts in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY is several times faster than INSERT
            names = ", ".join(quote(c) for c in columns)
            table = quote(Rollup._meta.db_table)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in params:
                    copy.write_row(row)
            return
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])


def _month_rows(body_id: int, month: date) -> list[Row]:
    after = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    sums = (
        Rollup.objects.filter(grain=Grain.DAY, body_id=body_id, day__gte=month, day__lt=after)
        .order_by()
        .values("department_id", "category_id", "channel")
        .annotate(**{f"total_{name}": Sum(name) for name in COUNT_FIELDS})
    )
    return [
        (
            Grain.MONTH,
            month,
            body_id,
            row["department_id"],
            row["category_id"],
            row["channel"],
            {name: row[f"total_{name}"] or 0 for name in COUNT_FIELDS},
        )
        for row in sorted(sums, key=lambda r: (r["department_id"], r["category_id"], r["channel"]))
    ]
