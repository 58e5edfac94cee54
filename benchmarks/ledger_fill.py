"""A synthetic tree filled in bulk, for proof timings at 1 M and 10 M entries.

Used by ``ledger_db.py``: real leaf and subtree hashes (from the packed store of
``ledger_proofs_10m.py``) over small leaf inputs ``{"n":i,"type":"bench"}``, written
with ``COPY`` on PostgreSQL and batched inserts on SQLite.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def fill_synthetic(size: int) -> int:
    """Fill a log with ``size`` entries and every complete subtree hash, in bulk.

    The hashes come from the packed store of ``ledger_proofs_10m.py`` (640 MB at 10 M);
    rows go in with ``COPY`` on PostgreSQL and batched inserts on SQLite.
    """
    from django.db import connection, transaction
    from django.utils import timezone
    from ledger_proofs_10m import PackedStore

    from ratusha.ledger.models import Checkpoint, Log
    from ratusha_core.ledger.tree import tree_root

    log = Log.objects.create(name=f"S{size}", origin=f"bench/ledger/S{size}")
    packed = PackedStore(size)
    now = timezone.now()
    chunk = 100_000
    postgres = connection.vendor == "postgresql"
    stamp = now if postgres else connection.ops.adapt_datetimefield_value(now)

    def entries(start: int, end: int) -> list[tuple[Any, ...]]:
        leaves = packed.levels[0]
        return [
            (log.pk, i, "bench", "", stamp, 1, f'{{"n":{i},"type":"bench"}}',
             leaves[i * 32 : i * 32 + 32], stamp)
            for i in range(start, end)
        ]  # fmt: skip

    def nodes(level: int, start: int, end: int) -> list[tuple[Any, ...]]:
        hashes = packed.levels[level]
        return [(log.pk, level, i, hashes[i * 32 : i * 32 + 32]) for i in range(start, end)]

    jobs = [("ledger_entry", entries, size, None)]
    for level in range(1, len(packed.levels)):
        jobs.append(("ledger_subtreehash", nodes, size >> level, level))
    for table, make, count, level in jobs:
        for start in range(0, count, chunk):
            end = min(count, start + chunk)
            rows = make(start, end) if level is None else make(level, start, end)
            with transaction.atomic(), connection.cursor() as cursor:
                if postgres:
                    with cursor.cursor.copy(_COPY[table]) as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    cursor.executemany(_INSERT[table], rows)
    log.size, log.root = size, tree_root(packed, size)
    log.save()
    Checkpoint.objects.create(log=log, size=size, root=log.root, note="")
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return log.pk


_COPY = {
    "ledger_entry": 'COPY "ledger_entry" ("log_id", "index", "event_type", "subject", "time", '
    '"version", "leaf_input", "leaf_hash", "created_at") FROM STDIN',
    "ledger_subtreehash": 'COPY "ledger_subtreehash" ("log_id", "level", "index", "hash") '
    "FROM STDIN",
}
_INSERT = {
    "ledger_entry": 'INSERT INTO "ledger_entry" ("log_id", "index", "event_type", "subject", '
    '"time", "version", "leaf_input", "leaf_hash", "created_at") '
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
    "ledger_subtreehash": 'INSERT INTO "ledger_subtreehash" ("log_id", "level", "index", '
    '"hash") VALUES (%s, %s, %s, %s)',
}
