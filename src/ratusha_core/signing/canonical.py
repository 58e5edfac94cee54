"""RFC 8785 (JSON Canonicalization Scheme) bytes for ledger entries and signed documents.

The same value always gives the same bytes, whoever serialises it, so a hash of the
canonical form can be signed and put in the ledger.
"""

from __future__ import annotations

import hashlib
from typing import TypeAlias

import rfc8785

JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None


def canonical_json(value: JsonValue) -> bytes:
    """Give the RFC 8785 canonical UTF-8 bytes of a JSON value.

    Example: ``canonical_json({"b": 1, "a": [1.0, "x"]}) == b'{"a":[1,"x"],"b":1}'``.
    Raises ``ValueError`` for values JSON cannot carry exactly (NaN, huge integers).
    """
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as error:
        raise ValueError(str(error)) from error


def canonical_sha256(value: JsonValue) -> bytes:
    """Give the SHA-256 digest of the canonical JSON bytes of a value."""
    return hashlib.sha256(canonical_json(value)).digest()
