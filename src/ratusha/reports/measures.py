"""The numbers of one period, read from the appeals in one pass and grouped in Python.

Definitions (the same in every report, on SQLite and PostgreSQL):

- *received*: appeals registered in the period;
- *answered*: appeals whose answer was sent in the period; *on time* when the answer's
  local date is not after the due date;
- *days to answer*: calendar days from registration to the answer (median, and the 90th
  percentile by nearest rank);
- *overdue*: at the end of the period (or now, for a period not yet over), appeals whose
  due date has passed without an answer, except those forwarded, withdrawn, merged or
  left without consideration;
- *left without consideration*, *forwarded*: the workflow steps taken in the period;
  *repeated*: those left without consideration as repeated with nothing new;
- *rating*: the citizens' ratings (1-5) of the appeals answered in the period.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from ratusha.appeals.models import Appeal, AppealEvent, Rating
from ratusha_core.deadlines.policy import WithoutConsiderationReason
from ratusha_core.workflow.states import FINAL_STATES, AppealState

NOT_DUE = frozenset({*FINAL_STATES, AppealState.LEFT_WITHOUT_CONSIDERATION})
LEFT = str(AppealState.LEFT_WITHOUT_CONSIDERATION)
FORWARDED = str(AppealState.FORWARDED)
REPEATED = str(WithoutConsiderationReason.REPEATED_NOTHING_NEW)


@dataclass(frozen=True)
class Row:
    """The fields of one appeal a report needs: nothing personal."""

    pk: int
    number: str
    body_id: int
    department_id: int | None
    category_id: int | None
    registered_at: datetime
    answered_at: datetime | None
    due_date: date | None
    state: str
    channel: str
    collective: bool


@dataclass(frozen=True)
class Totals:
    """The headline numbers of a group of appeals in one period."""

    received: int
    answered: int
    on_time: int
    on_time_share: float | None
    median_days: float | None
    p90_days: float | None
    overdue: int
    left: int
    forwarded: int
    repeated: int
    rated: int
    mean_rating: float | None
    ratings: tuple[int, int, int, int, int]


@dataclass(frozen=True)
class PeriodRows:
    """Everything read for a period; :func:`totals` groups it any way a section needs."""

    start: datetime
    end: datetime
    cutoff: date  # the day from which an unanswered appeal counts as overdue
    zone: ZoneInfo
    received: tuple[Row, ...]
    answered: tuple[Row, ...]
    overdue: tuple[Row, ...]
    steps: tuple[tuple[int, str, str], ...]  # (appeal, to_state, reason) in the period
    scores: dict[int, int]  # appeal -> rating, for the appeals answered in the period
    rows: dict[int, Row]


_FIELDS = (
    "pk",
    "number",
    "body_id",
    "department_id",
    "category_id",
    "registered_at",
    "answered_at",
    "due_date",
    "state",
    "channel",
    "applicant_kind",
)


def _row(values: tuple[Any, ...]) -> Row:
    *head, kind = values
    return Row(*head, kind == "collective")


def read_period(
    appeals: QuerySet[Appeal], start: datetime, end: datetime, now: datetime
) -> PeriodRows:
    """Read the appeals of the period in four queries."""
    zone = start.tzinfo if isinstance(start.tzinfo, ZoneInfo) else ZoneInfo("UTC")
    until = min(end, now)
    cutoff = until.astimezone(zone).date()
    registered = Q(registered_at__gte=start, registered_at__lt=end)
    answered = Q(answered_at__gte=start, answered_at__lt=end)
    overdue = (
        Q(registered_at__lt=until, due_date__lt=cutoff)
        & (Q(answered_at__isnull=True) | Q(answered_at__gte=until))
        & ~Q(state__in=[str(s) for s in NOT_DUE])
    )
    rows = {
        values[0]: _row(values)
        for values in appeals.filter(registered | answered | overdue).values_list(*_FIELDS)
    }
    steps = tuple(
        AppealEvent.objects.filter(
            appeal__in=appeals, at__gte=start, at__lt=end, to_state__in=[LEFT, FORWARDED]
        ).values_list("appeal_id", "to_state", "reason")
    )
    for appeal_id in {s[0] for s in steps} - rows.keys():
        rows.update({v[0]: _row(v) for v in appeals.filter(pk=appeal_id).values_list(*_FIELDS)})
    answered_rows = tuple(
        r for r in rows.values() if r.answered_at is not None and start <= r.answered_at < end
    )
    scores = dict(
        Rating.objects.filter(appeal__in=appeals)
        .filter(appeal__answered_at__gte=start, appeal__answered_at__lt=end)
        .values_list("appeal_id", "score")
    )
    return PeriodRows(
        start=start,
        end=end,
        cutoff=cutoff,
        zone=zone,
        received=tuple(r for r in rows.values() if start <= r.registered_at < end),
        answered=answered_rows,
        overdue=tuple(r for r in rows.values() if _is_overdue(r, until, cutoff)),
        steps=steps,
        scores=scores,
        rows=rows,
    )


def _is_overdue(row: Row, until: datetime, cutoff: date) -> bool:
    return (
        row.registered_at < until
        and row.due_date is not None
        and row.due_date < cutoff
        and (row.answered_at is None or row.answered_at >= until)
        and row.state not in NOT_DUE
    )


def nearest_rank(values: list[float], share: float) -> float | None:
    """Give the value below which the share of values lies (nearest-rank percentile)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def on_time(row: Row, zone: ZoneInfo) -> bool:
    assert row.answered_at is not None
    return row.due_date is None or row.answered_at.astimezone(zone).date() <= row.due_date


def totals(period: PeriodRows, keep: Any = None) -> Totals:
    """Give the headline numbers of the appeals that ``keep(row)`` accepts (default: all)."""

    def accept(row: Row) -> bool:
        return keep is None or bool(keep(row))

    answered = [r for r in period.answered if accept(r)]
    days = [(r.answered_at - r.registered_at).total_seconds() / 86400 for r in answered]  # type: ignore[operator]
    timely = sum(1 for r in answered if on_time(r, period.zone))
    steps = [(pk, to, why) for pk, to, why in period.steps if accept(period.rows[pk])]
    left = {pk for pk, to, _why in steps if to == LEFT}
    scores = [s for pk, s in period.scores.items() if pk in period.rows and accept(period.rows[pk])]
    counts = Counter(scores)
    return Totals(
        received=sum(1 for r in period.received if accept(r)),
        answered=len(answered),
        on_time=timely,
        on_time_share=round(100 * timely / len(answered), 1) if answered else None,
        median_days=round(median(days), 1) if days else None,
        p90_days=_round(nearest_rank(days, 0.9)),
        overdue=sum(1 for r in period.overdue if accept(r)),
        left=len(left),
        forwarded=len({pk for pk, to, _why in steps if to == FORWARDED}),
        repeated=len({pk for pk, to, why in steps if to == LEFT and why == REPEATED}),
        rated=len(scores),
        mean_rating=round(sum(scores) / len(scores), 2) if scores else None,
        ratings=(counts[1], counts[2], counts[3], counts[4], counts[5]),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
