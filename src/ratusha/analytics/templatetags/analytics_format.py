"""Template filters for the figures: shares as percentages, missing values as a dash."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """Give 0.667 as "66.7%" in the active language's number format, None as "—"."""
    if share is None:
        return "—"
    return f"{number_format(round(100 * share, 1), 1)}%"


@register.filter
def decimal1(value: float | None) -> str:
    """Give a number with one decimal, None as "—"."""
    return "—" if value is None else str(number_format(round(value, 1), 1))


@register.filter
def change(share: float | None) -> str:
    """Give a relative change as "+25.0%" or "−10.0%", None (nothing before) as "new"."""
    if share is None:
        return "—"
    sign = "+" if share >= 0 else "\u2212"
    return f"{sign}{number_format(round(abs(100 * share), 1), 1)}%"
