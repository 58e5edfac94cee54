"""The placeholders of an answer template, and filling them in for one appeal."""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.formats import date_format

from ratusha.appeals.applicant_language import language_of
from ratusha.appeals.models import Appeal
from ratusha.appeals.selectors import local_today

PLACEHOLDERS = ("{number}", "{date}", "{name}")
_TOKEN = re.compile(r"\{[^{}\s]{0,40}\}")


def unknown_placeholders(text: str) -> list[str]:
    """Give the ``{...}`` of a text that are none of the placeholders, each once."""
    return list(dict.fromkeys(t for t in _TOKEN.findall(text) if t not in PLACEHOLDERS))


def placeholders_in(text: str) -> list[str]:
    """Give the placeholders a text uses, each once."""
    return list(dict.fromkeys(t for t in _TOKEN.findall(text) if t in PLACEHOLDERS))


def fill_template(text: str, appeal: Appeal) -> str:
    """Give an answer template with {number}, {date} and {name} filled in; the date of
    registration is written out in the appeal's language, as an official answer has it."""
    registered = local_today(appeal.body.time_zone, appeal.registered_at)
    with translation.override(language_of(appeal)):
        day = date_format(registered, "DATE_FORMAT")
    values = {"{number}": appeal.number, "{date}": day, "{name}": appeal.applicant_name}
    for key, value in values.items():
        text = text.replace(key, value)
    return text
