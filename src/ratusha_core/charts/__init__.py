"""Accessible server-side charts: SVG text with a title, a description and a data table.

Pure and deterministic (the same data gives the same bytes). Each function gives a
:class:`Chart`; the page puts ``chart.svg`` inline and the rows in a table beside it::

    chart = line_chart("received", "Appeals received", "By month, 2026",
                       ["Jan", "Feb"], [Series("Received", (120, 95))])
"""

from ratusha_core.charts.bars import bar_chart, histogram
from ratusha_core.charts.line import Band, Layout, Series, line_chart
from ratusha_core.charts.svg import Chart

__all__ = ["Band", "Chart", "Layout", "Series", "bar_chart", "histogram", "line_chart"]
