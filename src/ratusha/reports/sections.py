"""The report's sections about the period itself: summary, volume, problems, performance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta

from django.utils.translation import gettext as _

from ratusha.appeals.choices import Channel
from ratusha.reports import svg
from ratusha.reports.data import Chart, Column, Figure, Section, Table, Unit
from ratusha.reports.measures import PeriodRows, Totals, totals

TOP = 10


def summary(now: Totals, before: Totals) -> Section:
    """Give the headline figures with the period before for comparison."""
    pairs = [
        ("received", _("Appeals received"), Unit.COUNT),
        ("answered", _("Appeals answered"), Unit.COUNT),
        ("on_time_share", _("Answered on time"), Unit.PERCENT),
        ("median_days", _("Median time to answer"), Unit.DAYS),
        ("p90_days", _("Time to answer for 9 appeals in 10"), Unit.DAYS),
        ("overdue", _("Overdue at the end of the period"), Unit.COUNT),
        ("left", _("Left without consideration"), Unit.COUNT),
        ("forwarded", _("Forwarded to another body"), Unit.COUNT),
        ("repeated", _("Repeated appeals with nothing new"), Unit.COUNT),
        ("mean_rating", _("Mean rating of answers (1 to 5)"), Unit.SCORE),
        ("rated", _("Answers rated by citizens"), Unit.COUNT),
    ]
    figures = tuple(
        Figure(key, label, getattr(now, key), unit, getattr(before, key))
        for key, label, unit in pairs
    )
    return Section(
        "summary",
        _("Summary"),
        _("The main figures of the period, next to the same figures for the period before."),
        figures=figures,
    )


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days)]


def volume(period: PeriodRows, start: date, end: date, weekly: bool) -> Section:
    """Give the appeals received per day (per week for a quarter) and per channel."""
    local = Counter(r.registered_at.astimezone(period.zone).date() for r in period.received)
    days = _days(start, end)
    if weekly:
        keys = [d for d in days if d.weekday() == 0 or d == start]
        labels = [f"{d:%d.%m}" for d in keys]
        counts = [
            sum(local[d] for d in days if k <= d < (keys[i + 1] if i + 1 < len(keys) else end))
            for i, k in enumerate(keys)
        ]
        unit_label = _("Week from")
    else:
        keys, labels, counts = days, [f"{d:%d}" for d in days], [local[d] for d in days]
        unit_label = _("Day")
    title = _("Appeals received per week") if weekly else _("Appeals received per day")
    series = Table(
        "received_series",
        title,
        (Column("date", unit_label), Column("received", _("Appeals"), Unit.COUNT)),
        tuple(zip(keys, counts, strict=True)),
    )
    channels = Counter(Channel(r.channel).label for r in period.received)
    by_channel = Table(
        "channels",
        _("Appeals received by channel"),
        (Column("channel", _("Channel")), Column("received", _("Appeals"), Unit.COUNT)),
        tuple((str(label), n) for label, n in channels.most_common()),
        _("No appeals were received."),
    )
    return Section(
        "volume",
        _("Appeals received"),
        charts=(
            Chart("received_chart", title, svg.columns("received", title, labels, counts), series),
        ),
        tables=(by_channel,),
    )


def problems(
    now: PeriodRows, before: PeriodRows, category_names: Mapping[int | None, str]
) -> Section:
    """Give the categories with the most appeals, and how they changed."""
    current = Counter(r.category_id for r in now.received)
    earlier = Counter(r.category_id for r in before.received)
    rows = tuple(
        (category_names.get(pk, _("No category")), n, earlier[pk], n - earlier[pk])
        for pk, n in sorted(current.items(), key=lambda item: (-item[1], str(item[0])))[:TOP]
    )
    table = Table(
        "top_categories",
        _("Top problems by category"),
        (
            Column("category", _("Category")),
            Column("received", _("Appeals"), Unit.COUNT),
            Column("before", _("Period before"), Unit.COUNT),
            Column("change", _("Change"), Unit.COUNT),
        ),
        rows,
        _("No appeals were received."),
    )
    title = _("Top problems by category")
    chart = svg.bars("top", title, [str(r[0]) for r in rows], [float(r[1]) for r in rows])
    return Section(
        "problems",
        _("Top problems"),
        _("The categories with the most appeals in the period."),
        charts=(Chart("top_categories_chart", title, chart, table),),
    )


def performance(
    period: PeriodRows, names: Mapping[int | None, str], attribute: str, key: str, title: str
) -> Table:
    """Give the deadline performance per department (or per body)."""
    groups = sorted(
        {getattr(r, attribute) for r in period.rows.values()},
        key=lambda pk: (names.get(pk, "~"), str(pk)),
    )
    rows = []
    for group in groups:
        found = totals(period, lambda row, g=group: getattr(row, attribute) == g)
        rows.append(
            (
                names.get(group, _("No department")),
                found.received,
                found.answered,
                found.on_time_share,
                found.median_days,
                found.overdue,
            )
        )
    return Table(
        key,
        title,
        (
            Column("name", _("Name")),
            Column("received", _("Received"), Unit.COUNT),
            Column("answered", _("Answered"), Unit.COUNT),
            Column("on_time_share", _("On time, %"), Unit.PERCENT),
            Column("median_days", _("Median days"), Unit.DAYS),
            Column("overdue", _("Overdue"), Unit.COUNT),
        ),
        tuple(rows),
        _("No appeals in the period."),
    )


def deadlines(period: PeriodRows, tables: tuple[Table, ...]) -> Section:
    """Give the deadline performance: a chart of on-time shares and the tables."""
    first = tables[0]
    shown = [(str(r[0]), r[3]) for r in first.rows if isinstance(r[3], int | float)]
    title = _("Share answered on time, %")
    chart = svg.bars("on-time", title, [n for n, _v in shown], [float(v) for _n, v in shown])
    return Section(
        "deadlines",
        _("Deadline performance"),
        _("Answers given in the period and appeals overdue at its end, per department."),
        charts=(Chart("on_time_chart", title, chart, first),),
        tables=tables[1:],
    )


def satisfaction(now: Totals) -> Section:
    """Give the distribution of the citizens' ratings."""
    labels = [str(score) for score in range(1, 6)]
    title = _("Ratings of answers, from 1 (poor) to 5 (good)")
    table = Table(
        "ratings",
        title,
        (Column("score", _("Rating"), Unit.SCORE), Column("count", _("Answers"), Unit.COUNT)),
        tuple((score, n) for score, n in zip(range(1, 6), now.ratings, strict=True)),
    )
    chart = svg.columns("ratings", title, labels, [float(n) for n in now.ratings])
    return Section(
        "satisfaction",
        _("Satisfaction"),
        figures=(
            Figure("mean_rating_again", _("Mean rating"), now.mean_rating, Unit.SCORE),
            Figure("rated_again", _("Answers rated"), now.rated, Unit.COUNT),
        ),
        charts=(Chart("ratings_chart", title, chart, table),),
    )
