"""Putting the field errors an action raised next to the form's fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms


def add_errors(form: forms.Form, errors: Mapping[str, Iterable[Any]]) -> None:
    """Add each error to its field of the form, or at the top for a field it lacks."""
    for name, messages in errors.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
