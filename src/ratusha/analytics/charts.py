"""The dashboard's charts, built from Figures with translated titles (the reports use them too).

charts = dashboard_charts(figures)
charts.received.svg, charts.received.headers, charts.received.rows
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from ratusha.analytics.figures import Figures
from ratusha_core.charts import Chart, Series, bar_chart, histogram, line_chart


@dataclass(frozen=True)
class DashboardCharts:
    """The charts of one dashboard: monthly series, answer times, ratings, top categories."""

    received: Chart
    on_time: Chart
    days_to_answer: Chart
    satisfaction: Chart
    top_categories: Chart


def month_label(month: object) -> str:
    """Give a short month label in the active language ("Jan 2026")."""
    return str(formats.date_format(month, "M Y"))


def dashboard_charts(figures: Figures, prefix: str = "chart") -> DashboardCharts:
    """Give every chart of the dashboard for the figures (ids start with ``prefix``)."""
    labels = [month_label(m.month) for m in figures.monthly]
    month_header = _("Month")
    received = line_chart(
        f"{prefix}-received",
        _("Appeals received and answered by month"),
        _("Appeals registered in each month of the period, and how many of them are answered."),
        labels,
        [
            Series(_("Received"), tuple(float(m.received) for m in figures.monthly)),
            Series(_("Answered"), tuple(float(m.answered) for m in figures.monthly)),
        ],
        label_header=month_header,
    )
    on_time = line_chart(
        f"{prefix}-on-time",
        _("Share answered on time by month (%)"),
        _(
            "Of the answered appeals registered in each month, the percentage answered"
            " by the due date."
        ),
        labels,
        [
            Series(
                _("On time, %"),
                tuple(
                    None if m.on_time_share is None else round(100 * m.on_time_share, 1)
                    for m in figures.monthly
                ),
            )
        ],
        label_header=month_header,
        decimals=1,
    )
    last = len(figures.days_to_answer) - 1
    days = histogram(
        f"{prefix}-days",
        _("Days to answer"),
        _("How many answers took each number of calendar days from registration."),
        [
            (str(d) if d < last else _("%(days)d+") % {"days": d}, float(n))
            for d, n in enumerate(figures.days_to_answer)
        ],
        label_header=_("Days"),
        value_header=_("Answers"),
    )
    satisfaction = histogram(
        f"{prefix}-ratings",
        _("Ratings of answers"),
        _("How many answers the applicants rated with each score from 1 (poor) to 5 (good)."),
        [(str(score), float(n)) for score, n in enumerate(figures.satisfaction_distribution, 1)],
        label_header=_("Score"),
        value_header=_("Ratings"),
    )
    top = bar_chart(
        f"{prefix}-top",
        _("Top categories"),
        _("The categories with the most appeals in the period."),
        [(c.name or c.code, float(c.received)) for c in figures.top_categories],
        label_header=_("Category"),
        value_header=_("Appeals"),
    )
    return DashboardCharts(received, on_time, days, satisfaction, top)
