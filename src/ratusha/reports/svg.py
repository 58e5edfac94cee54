"""The report's charts, drawn by the shared accessible SVG library (``ratusha_core.charts``).

Each chart carries a title and a description; the report prints its data table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ratusha_core.charts import Band, Series, bar_chart, histogram, line_chart


def _decimals(values: Sequence[float]) -> int:
    return 0 if all(float(v).is_integer() for v in values) else 1


def bars(chart_id: str, title: str, labels: Sequence[str], values: Sequence[float]) -> str:
    """Give a horizontal bar chart, one labelled bar per value."""
    pairs = [(label, float(v)) for label, v in zip(labels, values, strict=True)]
    return bar_chart(
        f"report-{chart_id}", title, title, pairs, decimals=_decimals(values), label_width=220
    ).svg


def columns(chart_id: str, title: str, labels: Sequence[str], values: Sequence[float]) -> str:
    """Give a column chart of counts over time or over scores."""
    pairs = [(label, float(v)) for label, v in zip(labels, values, strict=True)]
    return histogram(f"report-{chart_id}", title, title, pairs).svg


def forecast(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    expected: Sequence[float],
    band80: tuple[Sequence[float], Sequence[float]],
    band95: tuple[Sequence[float], Sequence[float]],
    names: tuple[str, str, str],
) -> str:
    """Give the expected line with its 80% and 95% intervals shaded."""
    return line_chart(
        f"report-{chart_id}",
        title,
        title,
        list(labels),
        [Series(names[0], tuple(float(v) for v in expected))],
        [
            Band(names[1], tuple(map(float, band80[0])), tuple(map(float, band80[1]))),
            Band(names[2], tuple(map(float, band95[0])), tuple(map(float, band95[1]))),
        ],
        decimals=1,
    ).svg
