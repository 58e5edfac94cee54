"""The figures of assistant use in a body: per month and per officer, over the last months.

Months are the body's own (its time zone). Times are the seconds a staff member waited for
the model; the median and the 95th percentile (nearest rank) are found in the database, by
ranking each month's uses, so no month's rows are read into memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.utils.translation import gettext as _

from ratusha.triage.models import AssistantKind, AssistantUse

MONTHS = 12  # how far back the page looks


@dataclass(frozen=True)
class MonthFigures:
    """One month of a body's assistant use."""

    month: date  # its first day
    drafts: int
    summaries: int
    failures: int
    median_seconds: float | None
    p95_seconds: float | None
    prompt_tokens: int
    completion_tokens: int

    @property
    def uses(self) -> int:
        return self.drafts + self.summaries


@dataclass(frozen=True)
class OfficerFigures:
    """How much one staff member used the assistant over the period."""

    name: str
    drafts: int
    summaries: int
    failures: int

    @property
    def uses(self) -> int:
        return self.drafts + self.summaries


def window_start(now: datetime, zone: ZoneInfo, months: int = MONTHS) -> datetime:
    """Give the first instant of the month ``months - 1`` months before ``now``'s, in the zone."""
    local = now.astimezone(zone)
    index = local.year * 12 + local.month - 1 - (months - 1)
    return datetime(index // 12, index % 12 + 1, 1, tzinfo=zone)


def _first_day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _drafts_and_summaries() -> dict[str, Count]:
    return {
        "drafts": Count("pk", filter=Q(kind=AssistantKind.DRAFT)),
        "summaries": Count("pk", filter=Q(kind=AssistantKind.SUMMARY)),
        "failures": Count("pk", filter=Q(ok=False)),
    }


def _wait_times(uses: QuerySet[AssistantUse], zone: ZoneInfo) -> dict[date, tuple[float, float]]:
    """Give each month's median and 95th percentile of seconds, from the ranks that matter.

    Of each month's n uses ranked by time, only ranks (n+1)/2 and n/2+1 (the median's one
    or two) and ceil(0.95 n) come back.
    """
    month = TruncMonth("at", tzinfo=zone)
    ranked = uses.annotate(
        month=month,
        rank=Window(RowNumber(), partition_by=[month], order_by=[F("seconds").asc(), "pk"]),
        n=Window(Count("pk"), partition_by=[month]),
    ).filter(Q(rank=(F("n") + 1) / 2) | Q(rank=F("n") / 2 + 1) | Q(rank=(F("n") * 95 + 99) / 100))
    ranks: dict[date, dict[int, float]] = {}
    sizes: dict[date, int] = {}
    for value, rank, n, seconds in ranked.values_list("month", "rank", "n", "seconds"):
        day = _first_day(value)
        ranks.setdefault(day, {})[rank] = seconds
        sizes[day] = n
    found = {}
    for day, n in sizes.items():
        at = ranks[day]
        median = at[(n + 1) // 2] if n % 2 else (at[n // 2] + at[n // 2 + 1]) / 2
        found[day] = (median, at[(95 * n + 99) // 100])
    return found


def by_month(uses: QuerySet[AssistantUse], zone: ZoneInfo) -> list[MonthFigures]:
    """Give one line per month that had uses, newest first."""
    rows = (
        uses.annotate(month=TruncMonth("at", tzinfo=zone))
        .values("month")
        .annotate(
            **_drafts_and_summaries(),
            prompt=Sum("prompt_tokens"),
            completion=Sum("completion_tokens"),
        )
        .order_by("-month")
    )
    times = _wait_times(uses, zone)
    lines = []
    for row in rows:
        day = _first_day(row["month"])
        median, p95 = times.get(day, (None, None))
        lines.append(
            MonthFigures(
                month=day,
                drafts=row["drafts"],
                summaries=row["summaries"],
                failures=row["failures"],
                median_seconds=median,
                p95_seconds=p95,
                prompt_tokens=row["prompt"] or 0,
                completion_tokens=row["completion"] or 0,
            )
        )
    return lines


def by_officer(uses: QuerySet[AssistantUse]) -> list[OfficerFigures]:
    """Give one line per staff member who used the assistant, the most uses first."""
    rows = uses.values("actor_id", "actor__full_name", "actor__email").annotate(
        **_drafts_and_summaries()
    )
    gone = _("Someone no longer on the staff")  # the account was deleted
    lines = [
        OfficerFigures(
            (row["actor__full_name"] or row["actor__email"]) if row["actor_id"] else gone,
            row["drafts"],
            row["summaries"],
            row["failures"],
        )
        for row in rows
    ]
    return sorted(lines, key=lambda line: (-line.uses, line.name))
