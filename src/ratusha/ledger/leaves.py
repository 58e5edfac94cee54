"""The bytes of a ledger leaf: common fields plus a public payload, as RFC 8785 JSON.

``leaf_bytes`` takes a fast path through the standard library's JSON encoder when the
value is plain (ASCII keys, strings, safe integers, booleans, null, lists, dicts): for
such values sorted, compact JSON with non-ASCII kept is byte for byte RFC 8785. Lone
surrogates, which RFC 8785 refuses, make the UTF-8 encoding fail and take the full path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ratusha_core.signing.canonical import JsonValue, canonical_json

LEAF_VERSION = 1
COMMON_FIELDS = frozenset({"version", "type", "time", "body"})
_SAFE = 2**53
_encode = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def utc_text(moment: datetime) -> str:
    """Give an RFC 3339 UTC time, as every leaf writes it."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def leaf_json(
    event_type: str, time_text: str, body_code: str | None, payload: Mapping[str, JsonValue]
) -> dict[str, JsonValue]:
    """Give the leaf JSON: the common fields (version, type, time, body) and the payload."""
    clash = COMMON_FIELDS.intersection(payload)
    if clash:
        raise ValueError(f"payload may not set the common field {sorted(clash)[0]!r}")
    leaf: dict[str, JsonValue] = {
        "version": LEAF_VERSION,
        "type": event_type,
        "time": time_text,
        "body": body_code,
    }
    leaf.update(payload)
    return leaf


def is_plain(value: Any) -> bool:
    """Tell whether the value's types allow the fast encoding (strings are checked later).

    Scalars inside a dict or list are checked in the loop itself, without a call each:
    this runs once per ledger entry.
    """
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or not key.isascii():
                return False
            kind = type(item)
            if kind is str or kind is bool or item is None:
                continue
            if not _plain_item(item):
                return False
        return True
    if kind is list:
        return all(_plain_item(item) for item in value)
    return _plain_item(value)


def _plain_item(item: Any) -> bool:
    kind = type(item)
    if kind is str or kind is bool or item is None:
        return True
    if kind is int:
        return bool(-_SAFE < item < _SAFE)
    if kind is dict or kind is list:
        return is_plain(item)
    return False  # floats, subclasses and anything else take the full RFC 8785 path


def leaf_bytes(leaf: Mapping[str, JsonValue]) -> bytes:
    """Give the RFC 8785 canonical bytes of a leaf (fast path for plain values)."""
    if is_plain(leaf if type(leaf) is dict else dict(leaf)):
        try:
            return _encode(leaf).encode()
        except UnicodeEncodeError:  # a lone surrogate: let RFC 8785 refuse it
            pass
    return canonical_json(dict(leaf))
