"""Widgets of the staff forms: a select built in Python, a select that fills a text box,
a date input, several files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    """A select built in Python with format_html.

    Django renders every option through a template; with a few dozen executors in the
    assignment list that cost more than the rest of an inbox page.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            _options(widget["optgroups"]),
        )

    def rendered_options(self, name: str, value: Any = None) -> SafeString:
        """Give the options alone, to render once for many selects of one page."""
        return _options(self.get_context(name, value, None)["widget"]["optgroups"])


def _options(optgroups: list[Any]) -> SafeString:
    parts = []
    for group, options, _index in optgroups:
        rendered = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((o["value"], flatatt(o["attrs"]), o["label"]) for o in options),
        )
        if group:
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', group, rendered))
        else:
            parts.append(rendered)
    return mark_safe("".join(parts))


class FillingSelect(QuickSelect):
    """A select whose options each carry a text that ``fill_text.js`` puts in another field
    (``fills``, its id) when chosen, for the officer to edit; without JavaScript the form
    takes the chosen text on the server."""

    def __init__(self, texts: dict[str, str], fills: str) -> None:
        super().__init__(attrs={"data-fills": fills})
        self.texts = texts

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        text = self.texts.get(str(value))
        if text is not None:
            option["attrs"]["data-text"] = text
        return option


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files (the list may be empty unless required)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []
