"""The report's sections that look ahead and at single appeals: forecast, notable cases.

Notable cases name appeals by their registration number, category and department only:
no applicant, no text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.predictions.queries import forecast_for
from ratusha.reports import svg
from ratusha.reports.choices import ReportScope
from ratusha.reports.data import Cell, Chart, Column, Section, Table, Unit
from ratusha.reports.measures import LEFT, REPEATED, PeriodRows, Row

TOP = 10
WEEKS = 8
Z80, Z95 = 1.2816, 1.96


@dataclass(frozen=True)
class Outlook:
    """Eight weeks ahead: Monday dates, the expectation and its intervals."""

    weeks: tuple[date, ...]
    mean: tuple[float, ...]
    lo80: tuple[float, ...]
    hi80: tuple[float, ...]
    lo95: tuple[float, ...]
    hi95: tuple[float, ...]
    method: str


def simple_outlook(appeals: QuerySet[Appeal], end: datetime, now: datetime) -> Outlook:
    """Give the mean of the last eight complete weeks, with intervals from their spread."""
    until = min(end, now)
    local = until.astimezone(end.tzinfo)
    monday = datetime.combine(
        local.date() - timedelta(days=local.weekday()), datetime.min.time(), end.tzinfo
    )
    first = monday - timedelta(weeks=WEEKS)
    # Forecast from the first whole week after the period (or after today).
    ahead = monday if local == monday else monday + timedelta(weeks=1)
    moments = appeals.filter(registered_at__gte=first, registered_at__lt=monday).values_list(
        "registered_at", flat=True
    )
    counts = Counter(int((m - first).total_seconds() // (7 * 86400)) for m in moments)
    weekly = [counts[i] for i in range(WEEKS)]
    mean = sum(weekly) / WEEKS
    spread = math.sqrt(max(mean, sum((w - mean) ** 2 for w in weekly) / (WEEKS - 1)))
    return Outlook(
        weeks=tuple((ahead + timedelta(weeks=w)).date() for w in range(WEEKS)),
        mean=(round(mean, 1),) * WEEKS,
        lo80=(round(max(0.0, mean - Z80 * spread), 1),) * WEEKS,
        hi80=(round(mean + Z80 * spread, 1),) * WEEKS,
        lo95=(round(max(0.0, mean - Z95 * spread), 1),) * WEEKS,
        hi95=(round(mean + Z95 * spread, 1),) * WEEKS,
        method=_("the mean of the last eight weeks"),
    )


def forecast(
    body: Body, scope: str, appeals: QuerySet[Appeal], end: datetime, now: datetime
) -> Section:
    """Give the expected appeals per week for the next eight weeks, with intervals.

    The body's stored forecast (seasonal, from the predictions) when there is one; for
    a council report, or before the first forecast, the mean of the last eight weeks.
    """
    stored = forecast_for(body) if scope == ReportScope.BODY else None
    if stored is not None and stored.weeks:
        outlook = Outlook(
            stored.weeks,
            tuple(round(v, 1) for v in stored.mean),
            tuple(round(v, 1) for v in stored.lo80),
            tuple(round(v, 1) for v in stored.hi80),
            tuple(round(v, 1) for v in stored.lo95),
            tuple(round(v, 1) for v in stored.hi95),
            stored.method,
        )
    else:
        outlook = simple_outlook(appeals, end, now)
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        zip(
            outlook.weeks,
            outlook.mean,
            outlook.lo80,
            outlook.hi80,
            outlook.lo95,
            outlook.hi95,
            strict=True,
        )
    )
    table = Table(
        "forecast",
        _("Expected appeals per week"),
        (
            Column("week", _("Week from")),
            Column("expected", _("Expected"), Unit.MEAN),
            # xgettext:no-python-format
            Column("low80", _("80% interval, low"), Unit.MEAN),
            # xgettext:no-python-format
            Column("high80", _("80% interval, high"), Unit.MEAN),
            # xgettext:no-python-format
            Column("low95", _("95% interval, low"), Unit.MEAN),
            # xgettext:no-python-format
            Column("high95", _("95% interval, high"), Unit.MEAN),
        ),
        rows,
    )
    title = _("Expected appeals per week")
    chart = svg.forecast(
        "forecast",
        title,
        [f"{week:%d.%m}" for week in outlook.weeks],
        outlook.mean,
        (outlook.lo80, outlook.hi80),
        (outlook.lo95, outlook.hi95),
        (
            _("Expected"),
            # xgettext:no-python-format
            _("80% interval"),
            # xgettext:no-python-format
            _("95% interval"),
        ),
    )
    intro = _("The appeals expected in the next eight weeks, to plan staffing. Method: %(m)s.")
    return Section(
        "forecast",
        _("Forecast"),
        intro % {"m": outlook.method},
        charts=(Chart("forecast_chart", title, chart, table),),
    )


def _cases(
    key: str,
    title: str,
    rows: list[Row],
    names: Mapping[str, Mapping[int | None, str]],
    zone: ZoneInfo,
    extra: tuple[Column, Callable[[Row], Cell]] | None = None,
) -> Table:
    columns = [
        Column("number", _("Appeal")),
        Column("registered", _("Registered")),
        Column("category", _("Category")),
        Column("department", _("Department")),
    ]
    if extra is not None:
        columns.append(extra[0])
    table_rows = []
    for row in rows[:TOP]:
        cells: list[Cell] = [
            row.number,
            row.registered_at.astimezone(zone).date(),
            names["category"].get(row.category_id, _("No category")),
            names["department"].get(row.department_id, _("No department")),
        ]
        if extra is not None:
            cells.append(extra[1](row))
        table_rows.append(tuple(cells))
    return Table(key, title, tuple(columns), tuple(table_rows), _("None in the period."))


def notable(period: PeriodRows, names: Mapping[str, Mapping[int | None, str]]) -> Section:
    """Give the overdue, repeated, collective, best-rated and worst-rated appeals."""
    cutoff: date = period.cutoff
    overdue = sorted(period.overdue, key=lambda r: (r.due_date, r.number))
    repeated_ids = {pk for pk, to, why in period.steps if to == LEFT and why == REPEATED}
    by_number = sorted(period.rows.values(), key=lambda r: r.number)
    score = period.scores
    received = {r.pk for r in period.received}
    tables = (
        _cases(
            "overdue_cases",
            _("Longest overdue"),
            overdue,
            names,
            period.zone,
            (
                Column("days_overdue", _("Days overdue"), Unit.DAYS),
                lambda r: (cutoff - r.due_date).days if r.due_date else None,
            ),
        ),
        _cases(
            "repeated_cases",
            _("Repeated with nothing new"),
            [r for r in by_number if r.pk in repeated_ids],
            names,
            period.zone,
        ),
        _cases(
            "collective_cases",
            _("Collective appeals"),
            [r for r in by_number if r.collective and r.pk in received],
            names,
            period.zone,
        ),
        _cases(
            "best_rated_cases",
            _("Answers rated 5"),
            [r for r in by_number if score.get(r.pk) == 5],
            names,
            period.zone,
        ),
        _cases(
            "worst_rated_cases",
            _("Answers rated 1 or 2"),
            [r for r in by_number if score.get(r.pk, 3) <= 2],
            names,
            period.zone,
            (Column("rating", _("Rating"), Unit.SCORE), lambda r: score.get(r.pk)),
        ),
    )
    return Section(
        "notable",
        _("Notable cases"),
        _("Up to ten appeals of each kind, by registration number; nothing personal is shown."),
        tables=tables,
    )
