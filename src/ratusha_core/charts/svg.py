"""SVG building blocks for the charts: escaped elements, number formats, axis ticks."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

# Colours readable on white (contrast >= 3:1 for graphics); dashes tell series apart
# without colour.
PALETTE = ("#1f5aa6", "#b3471b", "#2e7d32", "#6a3d9a", "#8a6d00", "#00707a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")


@dataclass(frozen=True)
class Chart:
    """A rendered chart: the SVG text and the same data as a table for screen readers.

    ``svg`` carries role="img", a <title> and a <desc> that it names with
    aria-labelledby; ``headers`` and ``rows`` are the data table (already formatted).
    """

    chart_id: str
    title: str
    description: str
    svg: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def element(tag: str, attrs: Mapping[str, object] | None = None, *children: str) -> str:
    """Give one SVG element with escaped attributes; children are trusted SVG text."""
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is None or value == "":
            continue
        parts.append(f'{name}="{escape(str(value), quote=True)}"')
    opening = " ".join(parts)
    if not children:
        return f"<{opening}/>"
    return f"<{opening}>{''.join(children)}</{tag}>"


def text(x: float, y: float, content: str, **attrs: object) -> str:
    """Give a <text> element with escaped content."""
    return element("text", {"x": num(x), "y": num(y), **attrs}, escape(content, quote=False))


def num(value: float) -> str:
    """Give a coordinate with at most two decimals and no trailing zeros (deterministic)."""
    formatted = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if formatted in ("-0", "") else formatted


def fmt(value: float | None, decimals: int = 0) -> str:
    """Give a value for labels and tables: "" for missing, fixed decimals otherwise."""
    if value is None:
        return ""
    return f"{value:,.{decimals}f}".replace(",", "\u202f")


def nice_ticks(low: float, high: float, count: int = 5, whole: bool = False) -> tuple[float, ...]:
    """Give round tick values from at most ``low`` to at least ``high`` (whole steps if asked).

    >>> nice_ticks(0, 87)
    (0.0, 20.0, 40.0, 60.0, 80.0, 100.0)
    >>> nice_ticks(0, 1, whole=True)
    (0.0, 1.0)
    """
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if whole:
        step = max(1.0, math.ceil(step))
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while True:
        ticks.append(round(value, 10))
        if value >= high - step * 1e-9:
            break
        value += step
    return tuple(float(t) for t in ticks)


def wrap_svg(
    chart_id: str, title: str, description: str, width: int, height: int, body: Iterable[str]
) -> str:
    """Give the outer <svg> with its accessible name and description."""
    return element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "class": "chart",
            "id": chart_id,
            "font-family": "system-ui, sans-serif",
            "font-size": "12",
        },
        element("title", {"id": f"{chart_id}-title"}, escape(title, quote=False)),
        element("desc", {"id": f"{chart_id}-desc"}, escape(description, quote=False)),
        element("rect", {"width": width, "height": height, "fill": "#ffffff"}),
        *body,
    )
