"""What one appeal adds to its rollup cell, and whether it repeats an earlier one.

"Repeated": the same applicant (the citizen's account, else the exact e-mail address)
filed an appeal in the same category with the same body within the REPEAT_WINDOW_DAYS
before (strictly earlier). ``behind.py`` lists the same appeals with one SQL query.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q

from ratusha.analytics.figures import REPEAT_WINDOW_DAYS
from ratusha.analytics.models import ANSWER_DAYS_EXACT
from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal

CHUNK = 500
Filings = dict[tuple[str, int], list[datetime]]


def day_ranges(days: list[date], zone: ZoneInfo) -> Q:
    """Give a filter for the appeals registered on the given local days (runs merged)."""
    wanted = Q(pk__in=[])
    run_start = previous = days[0]
    for day in [*days[1:], None]:
        if day is not None and day == previous + timedelta(days=1):
            previous = day
            continue
        start = datetime.combine(run_start, datetime.min.time(), tzinfo=zone)
        end = datetime.combine(previous + timedelta(days=1), datetime.min.time(), tzinfo=zone)
        wanted |= Q(registered_at__gte=start, registered_at__lt=end)
        if day is not None:
            run_start = previous = day
    return wanted


def measured(body_id: int, days: Q) -> list[dict[str, Any]]:
    """Give the appeals of the body on the days, with their rating and triage labels."""
    return list(
        Appeal.objects.filter(days, body_id=body_id)
        .order_by()
        .values(
            "pk",
            "registered_at",
            "department_id",
            "category_id",
            "channel",
            "state",
            "due_date",
            "answered_at",
            "citizen_id",
            "applicant_email",
            "rating__score",
        )
        .annotate(
            labels=Count("triage_labels"),
            overrides=Count("triage_labels", filter=Q(triage_labels__accepted=False)),
        )
    )


def applicant(row: dict[str, Any]) -> str:
    """Give who filed an appeal: their account, else their e-mail ("" when unknown)."""
    if row["citizen_id"]:
        return f"u{row['citizen_id']}"
    return f"e{row['applicant_email']}" if row["applicant_email"] else ""


def earlier_filings(body_id: int, appeals: list[dict[str, Any]]) -> Filings:
    """Give, per (applicant, category), the sorted instants of the body's appeals they filed.

    Only the applicants of ``appeals`` are looked up (by the indexed e-mail and account),
    over the window before the first of them.
    """
    if not appeals:
        return {}
    since = min(a["registered_at"] for a in appeals) - timedelta(days=REPEAT_WINDOW_DAYS)
    until = max(a["registered_at"] for a in appeals)
    emails = sorted({a["applicant_email"] for a in appeals if not a["citizen_id"]} - {""})
    accounts = sorted({a["citizen_id"] for a in appeals if a["citizen_id"]})
    base = Appeal.objects.filter(
        body_id=body_id,
        registered_at__gte=since,
        registered_at__lte=until,
        category_id__isnull=False,
    ).order_by()
    fields = ("registered_at", "category_id", "citizen_id", "applicant_email")
    found: Filings = defaultdict(list)
    lookups = [
        ("applicant_email__in", emails, {"citizen_id__isnull": True}),
        ("citizen_id__in", accounts, {}),
    ]
    for lookup, values, extra in lookups:
        for start in range(0, len(values), CHUNK):
            chunk = values[start : start + CHUNK]
            for row in base.filter(**{lookup: chunk}, **extra).values(*fields):
                found[(applicant(row), row["category_id"])].append(row["registered_at"])
    for instants in found.values():
        instants.sort()
    return found


def is_repeated(appeal: dict[str, Any], earlier: Filings) -> bool:
    """Tell whether the applicant filed in the same category in the window before."""
    who = applicant(appeal)
    if not who or appeal["category_id"] is None:
        return False
    instants = earlier.get((who, appeal["category_id"]), [])
    position = bisect_left(instants, appeal["registered_at"])  # strictly earlier ones
    if position == 0:
        return False
    return appeal["registered_at"] - instants[position - 1] <= timedelta(days=REPEAT_WINDOW_DAYS)


def add(counts: dict[str, int], appeal: dict[str, Any], zone: ZoneInfo, repeated: bool) -> None:
    """Add one appeal's measures to its cell."""
    counts["received"] += 1
    if appeal["answered_at"] is not None:
        answered = appeal["answered_at"].astimezone(zone).date()
        registered = appeal["registered_at"].astimezone(zone).date()
        counts["answered"] += 1
        if appeal["due_date"] is None or answered <= appeal["due_date"]:
            counts["answered_on_time"] += 1
        days = min(max((answered - registered).days, 0), ANSWER_DAYS_EXACT + 1)
        counts[f"days_{days:02d}"] += 1
    if appeal["state"] == State.LEFT_WITHOUT_CONSIDERATION:
        counts["left_without_consideration"] += 1
    elif appeal["state"] == State.FORWARDED:
        counts["forwarded"] += 1
    if repeated:
        counts["repeated"] += 1
    if appeal["labels"]:
        counts["triage_reviewed"] += 1
        if appeal["overrides"]:
            counts["triage_overridden"] += 1
    if appeal["rating__score"]:
        counts[f"rated_{appeal['rating__score']}"] += 1


def cells_of(
    appeals: Iterable[dict[str, Any]], zone: ZoneInfo, earlier: Filings
) -> dict[tuple[date, int, int, str], dict[str, int]]:
    """Give the counts per (local day, department, category, channel) of the appeals."""
    cells: dict[tuple[date, int, int, str], dict[str, int]] = {}
    for appeal in appeals:
        day = appeal["registered_at"].astimezone(zone).date()
        key = (day, appeal["department_id"] or 0, appeal["category_id"] or 0, appeal["channel"])
        add(cells.setdefault(key, defaultdict(int)), appeal, zone, is_repeated(appeal, earlier))
    return cells
