"""SQLite's LIKE made case-insensitive in every alphabet (``ratusha.sqlite_like``)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratusha.sqlite_like import like


@pytest.mark.parametrize(
    ("pattern", "value", "expected"),
    [
        ("%гагарына%", "На вуліцы Гагарына зноў", True),
        ("%ГАГАРЫНА%", "на вуліцы гагарына", True),
        ("%Ёлка%", "ёлка", True),
        ("%гагарына%", "Гагарина", False),
        ("zar-2026%", "ZAR-2026-000001", True),
        ("zar-2026%", "KLV-ZAR-2026", False),
        ("аддзел", "Аддзел", True),  # iexact
        ("аддзел", "Аддзел A1", False),
        ("а_дзел", "Аддзел", True),
        ("%50\\%%", "знiжка 50% на праезд", True),
        ("%50\\%%", "знiжка 50 на праезд", False),
        ("%a\\_b%", "xa_by", True),
        ("%a\\_b%", "xacby", False),
        ("%", "", True),
        ("%радок%", "першы\nдругі радок", True),
    ],
)
def test_patterns(pattern: str, value: str, expected: bool) -> None:
    assert like(pattern, value, "\\") is expected


def test_null_is_null() -> None:
    assert like(None, "x") is None and like("%x%", None) is None


@given(st.text(max_size=30), st.text(max_size=8))
def test_a_substring_in_any_case_is_found(value: str, needle: str) -> None:
    clean = needle.replace("%", "").replace("_", "").replace("\\", "")
    if clean.lower() in value.lower():
        assert like(f"%{clean}%", value, "\\")


@pytest.mark.django_db
def test_the_database_answers_like_in_every_alphabet(world: Any) -> None:
    from ratusha.bodies.models import Department

    assert Department.objects.filter(name_be__icontains="аддзел").count() >= 2
    assert Department.objects.filter(name_be__icontains="АДДЗЕЛ").count() >= 2
