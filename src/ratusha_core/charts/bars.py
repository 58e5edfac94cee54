"""Bar charts (one bar per label) and histograms (columns over ordered buckets)."""

from __future__ import annotations

from collections.abc import Sequence

from ratusha_core.charts.svg import PALETTE, Chart, element, fmt, nice_ticks, num, text, wrap_svg


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, float]],
    *,
    label_header: str = "",
    value_header: str = "",
    decimals: int = 0,
    width: int = 640,
    label_width: int = 200,
) -> Chart:
    """Give horizontal bars, one per (label, value), with the value written at each bar's end.

    >>> bar_chart("b", "Top", "Counts", [("Roads", 5), ("Heating", 2)]).rows
    (('Roads', '5'), ('Heating', '2'))
    """
    row_h, top = 26, 8
    height = top * 2 + row_h * max(len(bars), 1)
    high = nice_ticks(0, max([1.0, *(v for _l, v in bars)]), whole=True)[-1]
    plot_w = width - label_width - 60
    body = []
    for i, (label, value) in enumerate(bars):
        y = top + i * row_h
        length = plot_w * max(value, 0) / high
        shown = label if len(label) <= 30 else label[:29] + "\u2026"
        body.append(text(label_width - 8, y + 17, shown, **{"text-anchor": "end"}))
        body.append(
            element(
                "rect",
                {
                    "x": label_width,
                    "y": y + 4,
                    "width": num(length),
                    "height": row_h - 8,
                    "fill": PALETTE[0],
                },
            )
        )
        body.append(text(label_width + length + 6, y + 17, fmt(value, decimals)))
    rows = tuple((label, fmt(value, decimals)) for label, value in bars)
    svg = wrap_svg(chart_id, title, description, width, height, body)
    return Chart(chart_id, title, description, svg, (label_header, value_header), rows)


def histogram(
    chart_id: str,
    title: str,
    description: str,
    bins: Sequence[tuple[str, float]],
    *,
    label_header: str = "",
    value_header: str = "",
    width: int = 640,
    height: int = 220,
) -> Chart:
    """Give vertical columns over ordered buckets (a distribution), labelled below.

    >>> histogram("h", "Ratings", "1 to 5", [("1", 0), ("2", 4)]).headers
    ('', '')
    """
    left, right, top, bottom = 48, 16, 12, 40
    ticks = nice_ticks(0, max([1.0, *(v for _l, v in bins)]), whole=True)
    high = ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(len(bins), 1)
    body = []
    for tick in ticks:
        y = top + plot_h * (1 - tick / high)
        body.append(
            element(
                "line",
                {"x1": left, "x2": width - right, "y1": num(y), "y2": num(y), "stroke": "#d0d0d0"},
            )
        )
        body.append(text(left - 6, y + 4, fmt(tick), **{"text-anchor": "end"}))
    step = max(1, -(-len(bins) // 16))
    for i, (label, value) in enumerate(bins):
        column = plot_h * max(value, 0) / high
        x = left + i * slot
        body.append(
            element(
                "rect",
                {
                    "x": num(x + slot * 0.1),
                    "y": num(top + plot_h - column),
                    "width": num(slot * 0.8),
                    "height": num(column),
                    "fill": PALETTE[0],
                },
            )
        )
        if i % step == 0:
            body.append(
                text(x + slot / 2, height - bottom + 16, label, **{"text-anchor": "middle"})
            )
    rows = tuple((label, fmt(value)) for label, value in bins)
    svg = wrap_svg(chart_id, title, description, width, height, body)
    return Chart(chart_id, title, description, svg, (label_header, value_header), rows)
