"""The dashboard's figures for a scope: what the staff and public dashboards and the reports show.

The stable API (the reports read it too)::

    scope = Scope(body_ids=(zar.pk,), start=date(2026, 1, 1), end=date(2026, 3, 31))
    figures = dashboard_figures(scope, public=False)
    figures.received, figures.answered_on_time_share, figures.median_days_to_answer, ...

Every figure counts the appeals *registered* in the period (a cohort), read from the
rollups; only ``overdue_now`` is live (open appeals past their due date today, whatever
the period). The scope says nothing about who may look: the caller builds it within the
viewer's reach (``analytics.access.scope_for``). ``public=True`` leaves out what is
internal (the triage figures); nothing personal is ever in a figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, Sum

from ratusha.analytics.models import (
    ANSWER_DAY_FIELDS,
    ANSWER_DAYS_EXACT,
    COUNT_FIELDS,
    RATING_FIELDS,
    Grain,
    Rollup,
    RollupWatermark,
)

TOP_CATEGORIES = 5
REPEAT_WINDOW_DAYS = 90


@dataclass(frozen=True)
class Scope:
    """What a dashboard or a report counts: bodies, filters and a period (local days, inclusive).

    Empty tuples mean "any". ``district_id`` is a body (normally of kind district): it
    narrows to the bodies in its subtree. ``department_ids`` both filters (the chosen
    department) and limits (an officer's own departments).
    """

    start: date
    end: date
    body_ids: tuple[int, ...] = ()
    department_ids: tuple[int, ...] = ()
    category_ids: tuple[int, ...] = ()
    channel: str = ""
    district_id: int | None = None

    @classmethod
    def of_body(cls, body: Any, start: date, end: date, department: Any | None = None) -> Scope:
        """Give the scope of one body (and optionally one of its departments) for a period."""
        departments = (department.pk,) if department is not None else ()
        return cls(start=start, end=end, body_ids=(body.pk,), department_ids=departments)

    def narrow(self, rows: Any, body_ids: list[int] | None) -> Any:
        """Give the rows (appeals or rollups) of the given bodies and of this scope's filters."""
        if body_ids is not None:
            rows = rows.filter(body_id__in=body_ids)
        if self.department_ids:
            rows = rows.filter(department_id__in=self.department_ids)
        if self.category_ids:
            rows = rows.filter(category_id__in=self.category_ids)
        if self.channel:
            rows = rows.filter(channel=self.channel)
        return rows

    def previous(self) -> Scope:
        """Give the same scope for the period of equal length just before this one."""
        length = (self.end - self.start).days + 1
        return replace(
            self, start=self.start - timedelta(days=length), end=self.start - timedelta(days=1)
        )


@dataclass(frozen=True)
class MonthFigures:
    """The appeals registered in one calendar month of the period (edges partly covered)."""

    month: date
    received: int
    answered: int
    answered_on_time: int

    @property
    def on_time_share(self) -> float | None:
        return self.answered_on_time / self.answered if self.answered else None


@dataclass(frozen=True)
class CategoryTrend:
    """One of the top categories: its count now, in the period before, and by month."""

    category_id: int
    code: str
    name: str
    received: int
    previous: int
    monthly: tuple[int, ...]  # aligned with Figures.monthly

    @property
    def change(self) -> float | None:
        """Give the relative change against the previous period (0.25 = 25% more)."""
        return (self.received - self.previous) / self.previous if self.previous else None


@dataclass(frozen=True)
class Figures:
    """Every figure of the dashboard for one scope."""

    scope: Scope
    public: bool
    received: int
    answered: int
    answered_on_time: int
    answered_on_time_share: float | None
    median_days_to_answer: int | None
    p90_days_to_answer: int | None
    days_to_answer: tuple[int, ...]  # counts for 0..ANSWER_DAYS_EXACT days, then "more"
    overdue_now: int
    left_without_consideration: int
    forwarded: int
    repeated: int
    satisfaction_mean: float | None
    satisfaction_count: int
    satisfaction_distribution: tuple[int, int, int, int, int]  # scores 1..5
    triage_reviewed: int | None  # None on the public dashboard
    triage_overridden: int | None
    triage_override_share: float | None
    top_categories: tuple[CategoryTrend, ...]
    monthly: tuple[MonthFigures, ...]
    refreshed_at: datetime | None  # when the rollups were last brought up to date
    days_more_than: int = field(default=ANSWER_DAYS_EXACT)


def dashboard_figures(scope: Scope, public: bool) -> Figures:
    """Give every figure of the dashboard for the scope, read from the rollups.

    >>> figures = dashboard_figures(Scope(date(2026, 1, 1), date(2026, 1, 31)), public=True)
    >>> figures.received, figures.triage_override_share
    (0, None)
    """
    from ratusha.analytics.access import overdue_now

    rows = _rollups(scope)
    totals = {name: value or 0 for name, value in rows.aggregate(**_sums(COUNT_FIELDS)).items()}
    months = _months(scope.start, scope.end)
    by_category_month, monthly = _by_category_and_month(rows, months)
    histogram = tuple(totals[name] for name in ANSWER_DAY_FIELDS)
    ratings = tuple(totals[name] for name in RATING_FIELDS)
    rated = sum(ratings)
    answered = totals["answered"]
    reviewed, overridden = totals["triage_reviewed"], totals["triage_overridden"]
    watermark = RollupWatermark.objects.filter(name="appeals").first()
    return Figures(
        scope=scope,
        public=public,
        received=totals["received"],
        answered=answered,
        answered_on_time=totals["answered_on_time"],
        answered_on_time_share=totals["answered_on_time"] / answered if answered else None,
        median_days_to_answer=percentile(histogram, 0.5),
        p90_days_to_answer=percentile(histogram, 0.9),
        days_to_answer=histogram,
        overdue_now=overdue_now(scope, body_ids_of(scope)),
        left_without_consideration=totals["left_without_consideration"],
        forwarded=totals["forwarded"],
        repeated=totals["repeated"],
        satisfaction_mean=(
            sum(score * n for score, n in enumerate(ratings, start=1)) / rated if rated else None
        ),
        satisfaction_count=rated,
        satisfaction_distribution=(ratings[0], ratings[1], ratings[2], ratings[3], ratings[4]),
        triage_reviewed=None if public else reviewed,
        triage_overridden=None if public else overridden,
        triage_override_share=None if public or not reviewed else overridden / reviewed,
        top_categories=_top_categories(scope, by_category_month, months),
        monthly=monthly,
        refreshed_at=watermark.refreshed_at if watermark else None,
    )


def percentile(histogram: tuple[int, ...], q: float) -> int | None:
    """Give the nearest-rank percentile of a histogram of whole days (None when empty).

    The smallest number of days d such that at least ``q`` of the answers took d days or
    fewer. The last bucket holds everything longer than ANSWER_DAYS_EXACT days.

    >>> percentile((1, 2, 1), 0.5), percentile((1, 2, 1), 0.9)
    (1, 2)
    """
    total = sum(histogram)
    if total == 0:
        return None
    rank = max(1, -(-round(q * total * 1000) // 1000))  # ceil(q * total), exact
    seen = 0
    for days, count in enumerate(histogram):
        seen += count
        if seen >= rank:
            return days
    return len(histogram) - 1


def body_ids_of(scope: Scope) -> list[int] | None:
    """Give the ids of the bodies in the scope (None means every body)."""
    from ratusha.bodies.models import Body

    ids: list[int] | None = list(scope.body_ids) if scope.body_ids else None
    if scope.district_id is not None:
        district = Body.objects.filter(pk=scope.district_id).values_list("path", flat=True)
        path = district.first() or "/-/"
        tree = list(Body.objects.filter(path__startswith=path).values_list("pk", flat=True))
        ids = tree if ids is None else [pk for pk in ids if pk in set(tree)]
    return ids


def period_filter(start: date, end: date) -> Q:
    """Give the rollup rows that cover start..end exactly: whole months, and days at the edges."""
    first_full = start if start.day == 1 else _next_month(start)
    after_last_full = _month_start(end + timedelta(days=1))
    if first_full >= after_last_full:
        return Q(grain=Grain.DAY, day__gte=start, day__lte=end)
    return (
        Q(grain=Grain.MONTH, day__gte=first_full, day__lt=after_last_full)
        | Q(grain=Grain.DAY, day__gte=start, day__lt=first_full)
        | Q(grain=Grain.DAY, day__gte=after_last_full, day__lte=end)
    )


def _rollups(scope: Scope) -> Any:
    rows = Rollup.objects.filter(period_filter(scope.start, scope.end))
    return scope.narrow(rows, body_ids_of(scope)).order_by()


def _sums(names: tuple[str, ...]) -> dict[str, Sum]:
    return {name: Sum(name) for name in names}


def _by_category_and_month(
    rows: Any, months: list[date]
) -> tuple[dict[int, dict[date, int]], tuple[MonthFigures, ...]]:
    grouped = rows.values("category_id", "day").annotate(
        **_sums(("received", "answered", "answered_on_time"))
    )
    per_category: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    per_month: dict[date, list[int]] = {month: [0, 0, 0] for month in months}
    for row in grouped:
        month = _month_start(row["day"])
        per_category[row["category_id"]][month] += row["received"]
        counts = per_month.setdefault(month, [0, 0, 0])
        counts[0] += row["received"]
        counts[1] += row["answered"]
        counts[2] += row["answered_on_time"]
    monthly = tuple(MonthFigures(month, *per_month[month]) for month in months)
    return per_category, monthly


def _top_categories(
    scope: Scope, per_category: dict[int, dict[date, int]], months: list[date]
) -> tuple[CategoryTrend, ...]:
    from ratusha.bodies.models import Category

    totals = {pk: sum(counts.values()) for pk, counts in per_category.items() if pk}
    top = sorted(totals, key=lambda pk: (-totals[pk], pk))[:TOP_CATEGORIES]
    if not top:
        return ()
    previous_rows = (
        _rollups(scope.previous())
        .filter(category_id__in=top)
        .values("category_id")
        .annotate(received=Sum("received"))
    )
    previous = {row["category_id"]: row["received"] or 0 for row in previous_rows}
    categories = Category.objects.in_bulk(top)
    return tuple(
        CategoryTrend(
            category_id=pk,
            code=categories[pk].code if pk in categories else "",
            name=str(categories[pk]) if pk in categories else "",
            received=totals[pk],
            previous=previous.get(pk, 0),
            monthly=tuple(per_category[pk].get(month, 0) for month in months),
        )
        for pk in top
    )


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _months(start: date, end: date) -> list[date]:
    months, month = [], _month_start(start)
    while month <= end:
        months.append(month)
        month = _next_month(month)
    return months
