"""SQLite's LIKE, case-insensitive for every alphabet, not only for ASCII.

SQLite folds the case of ASCII letters only, so on the embedded tier ``icontains`` (the
inbox search, the API's ``q``) did not find "Гагарына" for "гагарына". SQLite lets an
application define ``like()``, which then answers every ``LIKE`` (and Django's
``contains``, ``icontains``, ``iexact``, ``startswith`` ...: all are LIKE there, and all
were case-insensitive for ASCII already). Each pattern is compiled once; the common
``%word%`` is a plain substring test of the lower-cased value. PostgreSQL needs none of
this: Django's ``icontains`` there compares ``UPPER()`` of both sides, in every alphabet.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

Matcher = Callable[[str], bool]


def _tokens(pattern: str, escape: str | None) -> list[tuple[str, str]]:
    """Split a LIKE pattern into ("any", ""), ("one", "") and ("text", letters)."""
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if escape and char == escape and i + 1 < len(pattern):
            char, kind = pattern[i + 1], "text"
            i += 1
        else:
            kind = {"%": "any", "_": "one"}.get(char, "text")
        if kind == "text" and tokens and tokens[-1][0] == "text":
            tokens[-1] = ("text", tokens[-1][1] + char)
        else:
            tokens.append((kind, char if kind == "text" else ""))
        i += 1
    return tokens


@functools.lru_cache(maxsize=1024)
def matcher(pattern: str, escape: str | None = None) -> Matcher:
    """Give the test a value must pass to be LIKE ``pattern`` (case-insensitive)."""
    tokens = _tokens(pattern, escape)
    kinds = [kind for kind, _text in tokens]
    if kinds == ["any", "text", "any"]:
        needle = tokens[1][1].lower()
        return lambda value: needle in value.lower()
    regex = "".join(
        ".*" if kind == "any" else "." if kind == "one" else re.escape(text.lower())
        for kind, text in tokens
    )
    compiled = re.compile(regex, re.DOTALL)
    return lambda value: compiled.fullmatch(value.lower()) is not None


def like(pattern: Any, value: Any, escape: Any = None) -> bool | None:
    """SQLite's ``like(pattern, value[, escape])``: ``value LIKE pattern ESCAPE escape``."""
    if pattern is None or value is None:
        return None
    return matcher(str(pattern), escape)(str(value))


def install(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On each new SQLite connection, answer LIKE with :func:`like`."""
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("like", 2, like, deterministic=True)
    raw.create_function("like", 3, like, deterministic=True)
