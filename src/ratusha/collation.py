"""Alphabetical order for names in Belarusian, Russian and English.

Python compares letters by code point, which puts the Belarusian "і" and "ў" and the "ё"
of both languages after "я". Here each Cyrillic letter sorts at its place in the
alphabet (і with и after з, ў after у, ё after е), Latin letters before Cyrillic ones,
and case is ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

ALPHABET = "абвгдеёжзіийклмнопрстуўфхцчшщъыьэюя"
_PLACE = {letter: 0x400 + n for n, letter in enumerate(ALPHABET)}

T = TypeVar("T")


def sort_key(text: str) -> tuple[int, ...]:
    """Give the key that orders ``text`` alphabetically in be, ru and en."""
    return tuple(_PLACE.get(char, ord(char)) for char in text.casefold())


def by_name(items: Iterable[T], name: Callable[[T], str] = str) -> list[T]:
    """Give the items in alphabetical order of their names."""
    return sorted(items, key=lambda item: sort_key(name(item)))
