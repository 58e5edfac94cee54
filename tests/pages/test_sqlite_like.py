"""``icontains`` in every alphabet on SQLite too (``ratusha.sqlite_like``)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratusha.sqlite_like import icontains


def test_the_function_ignores_case_in_any_alphabet() -> None:
    assert icontains("На вуліцы Гагарына зноў", "гагарына")
    assert icontains("ЁЛКА на плошчы", "ёлка")
    assert not icontains("Гагарина", "гагарына")
    assert icontains(None, "x") is None and icontains("x", None) is None


@given(st.text(max_size=30), st.text(max_size=8))
def test_a_substring_in_any_case_is_found(value: str, needle: str) -> None:
    if needle.lower() in value.lower():
        assert icontains(value, needle.lower())


@pytest.mark.django_db
def test_the_database_finds_text_in_any_case(world: Any) -> None:
    from ratusha.bodies.models import Department

    def found(word: str) -> int:
        return Department.objects.filter(name_be__icontains=word).count()

    assert found("аддзел") == found("АДДЗЕЛ") == found("Аддзел") >= 2
    assert found("dept") == 0 and found("a1") == found("A1") == 1  # ASCII: SQLite's own LIKE
    assert found("100%") == 0  # a % in the text is a character, not a wildcard
