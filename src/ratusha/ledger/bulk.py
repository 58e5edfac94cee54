"""Rows written in bulk: PostgreSQL ``COPY`` in its text format, prepared here in one string.

psycopg's ``write_row`` adapts each value on its own (about 10 µs a row here); a batch of
10,000 entries is formatted faster as one string with the few escapes ``COPY`` needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def text(value: str) -> str:
    """Give a text value as COPY's text format writes it (backslash, tab, newlines escaped)."""
    return value.translate(_ESCAPES) if _needs_escape(value) else value


def _needs_escape(value: str) -> bool:
    return "\\" in value or "\t" in value or "\n" in value or "\r" in value


def binary(value: bytes) -> str:
    """Give a bytea value in COPY's text format (hex, with the backslash escaped)."""
    return "\\\\x" + value.hex()


def moment(value: datetime) -> str:
    """Give a timestamp with its offset, as PostgreSQL reads it."""
    return value.isoformat()


def lines(rows: Iterable[tuple[str, ...]]) -> str:
    """Give the COPY text of rows whose values are already formatted."""
    return "".join("\t".join(row) + "\n" for row in rows)
