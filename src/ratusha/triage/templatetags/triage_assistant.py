"""Template tags of the assistant: whether it is configured, so its buttons show only then."""

from __future__ import annotations

from django import template

from ratusha.triage.assistant import is_enabled

register = template.Library()


@register.simple_tag
def assistant_enabled() -> bool:
    """Give True when the language-model assistant is configured."""
    return is_enabled()
