"""Times as the open data writes them: RFC 3339 in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_text(value: datetime | None) -> str | None:
    """Give an RFC 3339 time in UTC with a ``Z`` (the database already gives UTC times)."""
    if value is None:
        return None
    text = value.isoformat()
    if not text.endswith("+00:00"):
        text = value.astimezone(UTC).isoformat()
    return text[:-6] + "Z"
