"""Line charts (time series) with optional interval bands, e.g. a forecast's 80% and 95%."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ratusha_core.charts.svg import (
    DASHES,
    PALETTE,
    Chart,
    element,
    fmt,
    nice_ticks,
    num,
    text,
    wrap_svg,
)


@dataclass(frozen=True)
class Series:
    """One line: a name and one value per label (None leaves a gap)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Band:
    """A shaded interval around a line, from ``lower`` to ``upper`` (None leaves a gap).

    Give bands narrowest first (80% before 95%): the wider ones are drawn lighter, beneath.
    """

    name: str
    lower: tuple[float | None, ...]
    upper: tuple[float | None, ...]


@dataclass(frozen=True)
class Layout:
    """The size of a chart and the room around its plot area."""

    width: int = 640
    height: int = 260
    left: int = 48
    right: int = 16
    top: int = 16
    bottom: int = 56


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    bands: Sequence[Band] = (),
    *,
    label_header: str = "",
    decimals: int = 0,
    layout: Layout = Layout(),
) -> Chart:
    """Give a line chart of the series over the labels, with bands drawn beneath them.

    >>> chart = line_chart("c", "Appeals", "Per month", ["Jan", "Feb"], [Series("n", (1, 3))])
    >>> chart.rows
    (('Jan', '1'), ('Feb', '3'))
    """
    values = [v for s in series for v in s.values if v is not None]
    values += [v for b in bands for v in (*b.lower, *b.upper) if v is not None]
    ticks = nice_ticks(min([0.0, *values]), max([1.0, *values]), whole=decimals == 0)
    low, high = ticks[0], ticks[-1]
    plot_w = layout.width - layout.left - layout.right
    plot_h = layout.height - layout.top - layout.bottom
    count = max(len(labels), 1)

    def x(i: int) -> float:
        return layout.left + (plot_w * (i + 0.5) / count)

    def y(v: float) -> float:
        return layout.top + plot_h * (1 - (v - low) / (high - low))

    body = _grid(ticks, y, layout, decimals)
    for shade, band in zip(("#e3ecf7", "#c9d9ef"), reversed(bands), strict=False):
        body.append(_band(band, x, y, shade))
    for index, line in enumerate(series):
        body.extend(_line(line, index, x, y))
    step = max(1, -(-len(labels) // 12))  # at most 12 labels on the axis
    for i, label in enumerate(labels):
        if i % step == 0:
            body.append(
                text(x(i), layout.height - layout.bottom + 16, label, **{"text-anchor": "middle"})
            )
    body.extend(_legend(series, bands, layout))
    headers = (label_header, *(s.name for s in series), *_band_headers(bands))
    rows = tuple(
        (
            label,
            *(fmt(s.values[i] if i < len(s.values) else None, decimals) for s in series),
            *(
                fmt(edge[i] if i < len(edge) else None, decimals)
                for b in bands
                for edge in (b.lower, b.upper)
            ),
        )
        for i, label in enumerate(labels)
    )
    svg = wrap_svg(chart_id, title, description, layout.width, layout.height, body)
    return Chart(chart_id, title, description, svg, headers, rows)


def _band_headers(bands: Sequence[Band]) -> tuple[str, ...]:
    return tuple(f"{b.name} {edge}" for b in bands for edge in ("-", "+"))


def _grid(
    ticks: tuple[float, ...], y: Callable[[float], float], layout: Layout, decimals: int
) -> list[str]:
    parts = []
    for tick in ticks:
        parts.append(
            element(
                "line",
                {
                    "x1": layout.left,
                    "x2": layout.width - layout.right,
                    "y1": num(y(tick)),
                    "y2": num(y(tick)),
                    "stroke": "#d0d0d0",
                },
            )
        )
        parts.append(
            text(layout.left - 6, y(tick) + 4, fmt(tick, decimals), **{"text-anchor": "end"})
        )
    return parts


def _band(band: Band, x: Callable[[int], float], y: Callable[[float], float], shade: str) -> str:
    upper = [(x(i), y(v)) for i, v in enumerate(band.upper) if v is not None]
    lower = [(x(i), y(v)) for i, v in reversed(list(enumerate(band.lower))) if v is not None]
    points = " ".join(f"{num(px)},{num(py)}" for px, py in (*upper, *lower))
    return element("polygon", {"points": points, "fill": shade, "stroke": "none"})


def _line(
    line: Series, index: int, x: Callable[[int], float], y: Callable[[float], float]
) -> list[str]:
    colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
    parts: list[str] = []
    run: list[str] = []
    for i, v in enumerate((*line.values, None)):
        if v is None:
            if len(run) > 1:
                parts.append(
                    element(
                        "polyline",
                        {
                            "points": " ".join(run),
                            "fill": "none",
                            "stroke": colour,
                            "stroke-width": 2,
                            "stroke-dasharray": dash,
                        },
                    )
                )
            run = []
            continue
        run.append(f"{num(x(i))},{num(y(v))}")
        parts.append(
            element("circle", {"cx": num(x(i)), "cy": num(y(v)), "r": 2.5, "fill": colour})
        )
    return parts


def _legend(series: Sequence[Series], bands: Sequence[Band], layout: Layout) -> list[str]:
    parts = []
    left, top = layout.left, layout.height - 18
    for index, line in enumerate(series):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
        parts.append(
            element(
                "line",
                {
                    "x1": left,
                    "x2": left + 18,
                    "y1": top,
                    "y2": top,
                    "stroke": colour,
                    "stroke-width": 2,
                    "stroke-dasharray": dash,
                },
            )
        )
        parts.append(text(left + 22, top + 4, line.name))
        left += 30 + 7 * len(line.name)
    for shade, band in zip(("#e3ecf7", "#c9d9ef"), reversed(bands), strict=False):
        parts.append(
            element("rect", {"x": left, "y": top - 6, "width": 18, "height": 12, "fill": shade})
        )
        parts.append(text(left + 22, top + 4, band.name))
        left += 30 + 7 * len(band.name)
    return parts
