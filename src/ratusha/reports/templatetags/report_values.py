"""Template filters that write a report's numbers in the active language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from ratusha.reports.data import Unit

register = template.Library()


@register.filter
def as_value(value: Any, unit: str | None = None) -> str:
    """Write a cell: a dash for nothing, numbers with their unit, dates as dates."""
    if value is None:
        return "–"
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if not isinstance(value, int | float) or unit is None:
        return str(value)
    whole = isinstance(value, int) or (
        float(value).is_integer() and unit in (Unit.COUNT, Unit.SCORE)
    )
    places = 0 if whole else 2 if unit == Unit.SCORE else 1
    text = formats.number_format(value, places, use_l10n=True)
    if unit == Unit.PERCENT:
        return f"{text} %"
    if unit == Unit.DAYS:
        return _("%(days)s days") % {"days": text}
    return text
