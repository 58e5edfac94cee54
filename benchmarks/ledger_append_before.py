"""The append path as it was before the speed-up (for a before/after in the same run).

A copy of ``append_many`` from before: a ``PendingEntry`` model object per entry and a
plainness check that scanned every character for surrogates; rows written with
``executemany`` on both databases. Only ``benchmarks/ledger_db.py --compare`` uses it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from ratusha.ledger.actions import _INSERT_PENDING, leaf_for
from ratusha.ledger.models import PendingEntry
from ratusha_core.signing.canonical import canonical_json


def _is_plain(value: Any) -> bool:
    if value is None or isinstance(value, (bool, str)):
        return not isinstance(value, str) or not any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, int):
        return -(2**53) < value < 2**53
    if isinstance(value, dict):
        return all(isinstance(k, str) and k.isascii() and _is_plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    return False


def _leaf_bytes(leaf: dict[str, Any]) -> bytes:
    if _is_plain(leaf):
        return json.dumps(leaf, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return canonical_json(leaf)


def append_many_before(log: Any, events: Iterable[tuple[str, Mapping[str, Any], str]]) -> None:
    now = timezone.now()
    rows = []
    for kind, payload, subject in events:
        data = _leaf_bytes(leaf_for(log, kind, payload, now))
        rows.append(
            PendingEntry(
                log=log, event_type=kind, subject=subject[:64], time=now, version=1,
                leaf_input=data.decode(), leaf_hash=hashlib.sha256(b"\x00" + data).digest(),
                created_at=now,
            )
        )  # fmt: skip
    stamp = connection.ops.adapt_datetimefield_value(now)
    values = [
        (r.log_id, r.event_type, r.subject, stamp, r.version, r.leaf_input, r.leaf_hash, stamp)
        for r in rows
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(_INSERT_PENDING, values)
