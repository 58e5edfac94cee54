"""How officers judged the duplicate links triage made: per month, the pairs linked, those
officers marked as not duplicates, and the appeals they merged.

It sits beside the override report (``report.py``) on the accuracy page: a rising share
of marks says the body's duplicate threshold is too low for its appeals. Every count is
over appeals the reader may see (``visible``, from ``appeals.access``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.triage.models import NotDuplicate, TriageResult

MONTHS = 12  # the report reaches back this many months
MAX_ROWS = 50_000  # triage results with links read for one report


@dataclass(frozen=True)
class LinkLine:
    """One month: the pairs triage linked, how many officers marked apart, how many merged."""

    month: str
    links: int  # pairs linked by triage runs of the appeals registered that month
    apart: int  # pairs marked as not duplicates that month (withdrawn ones included)
    merged: int  # appeals merged into another that month

    @property
    def apart_percent(self) -> int | None:
        return round(100 * self.apart / self.links) if self.links else None


def _month(when: Any) -> str:
    return str(when.strftime("%Y-%m"))


def link_lines(visible: QuerySet[Appeal], now: datetime) -> list[LinkLine]:
    """Give one line per month with any count, newest first, over the last ``MONTHS``."""
    since = (now - timedelta(days=31 * (MONTHS - 1))).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    recent = visible.filter(registered_at__gte=since).values("pk")
    results = (
        TriageResult.objects.filter(appeal_id__in=recent)
        .exclude(duplicates=[])
        .annotate(month=TruncMonth("appeal__registered_at"))
        .values_list("appeal_id", "month", "duplicates")
    )
    seen: set[tuple[int, int]] = set()
    links: Counter[str] = Counter()
    for appeal_id, month, duplicates in results[:MAX_ROWS]:
        for pk, _score in duplicates:
            pair = (min(appeal_id, int(pk)), max(appeal_id, int(pk)))
            if pair not in seen:
                seen.add(pair)
                links[_month(month)] += 1
    pk_in = visible.values("pk")
    marks = NotDuplicate.objects.filter(first_id__in=pk_in, second_id__in=pk_in, at__gte=since)
    merges = AppealEvent.objects.filter(appeal_id__in=pk_in, action="merge", at__gte=since)
    apart = _per_month(marks)
    merged = _per_month(merges)
    months = sorted(set(links) | set(apart) | set(merged), reverse=True)
    return [LinkLine(m, links[m], apart[m], merged[m]) for m in months]


def _per_month(rows: QuerySet[Any]) -> Counter[str]:
    counted = rows.annotate(month=TruncMonth("at")).values("month").annotate(n=Count("pk"))
    return Counter({_month(row["month"]): row["n"] for row in counted})
