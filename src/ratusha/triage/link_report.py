"""How officers judged the duplicate links triage made: per month, the pairs linked, those
officers marked as not duplicates, and the appeals they merged.

It sits beside the override report (``report.py``) on the accuracy page: a rising share
of marks says the body's duplicate threshold is too low for its appeals. Every count is
over appeals the reader may see (``visible``, from ``appeals.access``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.triage.models import NotDuplicate, TriageResult
from ratusha.triage.not_duplicates import pair_of

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
    """Give the month of a date or time, in the current time zone for a time."""
    if isinstance(when, datetime):
        when = timezone.localtime(when)
    return str(when.strftime("%Y-%m"))


def link_lines(visible: QuerySet[Appeal], now: datetime) -> list[LinkLine]:
    """Give one line per month with any count, newest first, over the last ``MONTHS``."""
    since = (now - timedelta(days=31 * (MONTHS - 1))).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    links = Counter(_month(when) for when in linked_pairs(visible, since).values())
    pk_in = visible.values("pk")
    marks = NotDuplicate.objects.filter(first_id__in=pk_in, second_id__in=pk_in, at__gte=since)
    merges = AppealEvent.objects.filter(appeal_id__in=pk_in, action="merge", at__gte=since)
    apart = _per_month(marks)
    merged = _per_month(merges)
    months = sorted(set(links) | set(apart) | set(merged), reverse=True)
    return [LinkLine(m, links[m], apart[m], merged[m]) for m in months]


def linked_pairs(
    visible: QuerySet[Appeal], since: datetime, until: datetime | None = None
) -> dict[tuple[int, int], datetime]:
    """Give the pairs triage linked in the runs of the appeals registered from ``since``
    (up to ``until``, excluded), smaller id first, each with its appeal's registration.

    A pair that both appeals' runs linked counts once. The link alert
    (``link_alerts.py``) counts over the same pairs as this report.
    """
    recent = visible.filter(registered_at__gte=since)
    if until is not None:
        recent = recent.filter(registered_at__lt=until)
    pairs: dict[tuple[int, int], datetime] = {}
    for pair, registered_at, _score in stored_links(recent):
        pairs.setdefault(pair, registered_at)
    return pairs


def stored_links(recent: QuerySet[Appeal]) -> Iterator[tuple[tuple[int, int], datetime, float]]:
    """Give each link the triage runs of these appeals stored: the pair (smaller id first),
    the registration of the appeal whose run made it, and its score (a pair both runs
    linked comes twice). At most ``MAX_ROWS`` triage results are read.
    """
    results = (
        TriageResult.objects.filter(appeal_id__in=recent.values("pk"))
        .exclude(duplicates=[])
        .values_list("appeal_id", "appeal__registered_at", "duplicates")
    )
    for appeal_id, registered_at, duplicates in results[:MAX_ROWS]:
        for pk, score in duplicates:
            yield pair_of(appeal_id, int(pk)), registered_at, float(score)


def _per_month(rows: QuerySet[Any]) -> Counter[str]:
    counted = rows.annotate(month=TruncMonth("at")).values("month").annotate(n=Count("pk"))
    return Counter({_month(row["month"]): row["n"] for row in counted})
