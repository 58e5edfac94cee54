"""Integration: numbering entries into a log's tree, storing subtree hashes, signing heads.

Every step here holds the log's row lock (``SELECT ... FOR UPDATE``) from reading the
tree's size to signing the new checkpoint, and ``Entry``'s primary key is ``(log,
index)``: two integrators can never give one index twice or skip one. Each step is one
transaction, so one commit (one flush to disk) per batch, whatever its size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection, transaction

from ratusha.ledger import bulk, keys
from ratusha.ledger.leaves import LEAF_VERSION
from ratusha.ledger.models import Checkpoint, Log
from ratusha.ledger.store import DatabaseStore, Frontier
from ratusha_core.ledger.checkpoint import Checkpoint as CheckpointBody
from ratusha_core.ledger.checkpoint import sign_checkpoint as sign_note

# At 10,000 appends/s the 2-second task finds 20,000 waiting: big batches keep up, and
# each batch costs one commit and one checkpoint signature, whatever its size.
BATCH_SIZE = 10_000


class Queued(NamedTuple):
    """One encoded entry: its event type, subject, leaf input and leaf hash."""

    event_type: str
    subject: str
    leaf_input: bytes
    leaf_hash: bytes


_COPY_SUBTREE = 'COPY "ledger_subtreehash" ("log_id", "level", "index", "hash") FROM STDIN'
# One statement takes the oldest pending rows of the log, deletes them and inserts them as
# entries numbered in id order from the log's size; it gives back each index, leaf hash and
# whether the hash matches the leaf input.
_MOVE_PENDING_POSTGRESQL = """
WITH "batch" AS (
    SELECT "id" FROM "ledger_pendingentry" WHERE "log_id" = %(log)s ORDER BY "id" LIMIT %(limit)s
), "moved" AS (
    DELETE FROM "ledger_pendingentry" p USING "batch" b WHERE p."id" = b."id" RETURNING p.*
)
INSERT INTO "ledger_entry" ("log_id", "index", "event_type", "subject", "time", "version",
                            "leaf_input", "leaf_hash", "created_at")
SELECT "log_id", %(size)s + ROW_NUMBER() OVER (ORDER BY "id") - 1, "event_type", "subject", "time",
       "version", "leaf_input", "leaf_hash", "created_at"
FROM "moved"
RETURNING "index", "leaf_hash",
          sha256('\\x00'::bytea || convert_to("leaf_input", 'UTF8')) = "leaf_hash"
"""
_SELECT_PENDING = """
SELECT "id", "leaf_input", "leaf_hash" FROM "ledger_pendingentry"
WHERE "log_id" = %s ORDER BY "id" LIMIT %s
"""
_MOVE_PENDING_SQLITE = """
INSERT INTO "ledger_entry" ("log_id", "index", "event_type", "subject", "time", "version",
                            "leaf_input", "leaf_hash", "created_at")
SELECT "log_id", %s + ROW_NUMBER() OVER (ORDER BY "id") - 1, "event_type", "subject", "time",
       "version", "leaf_input", "leaf_hash", "created_at"
FROM "ledger_pendingentry" WHERE "log_id" = %s AND "id" BETWEEN %s AND %s
"""
_DELETE_PENDING_SQLITE = (
    'DELETE FROM "ledger_pendingentry" WHERE "log_id" = %s AND "id" BETWEEN %s AND %s'
)
_INSERT_SUBTREE = (
    'INSERT INTO "ledger_subtreehash" ("log_id", "level", "index", "hash") VALUES (%s, %s, %s, %s)'
)


_COPY_ENTRY = (
    'COPY "ledger_entry" ("log_id", "index", "event_type", "subject", "time", "version", '
    '"leaf_input", "leaf_hash", "created_at") FROM STDIN'
)
_INSERT_ENTRY = (
    'INSERT INTO "ledger_entry" ("log_id", "index", "event_type", "subject", "time", '
    '"version", "leaf_input", "leaf_hash", "created_at") VALUES (%s, %s, %s, %s, %s, %s, %s, '
    "%s, %s)"
)


def sign_checkpoint(log: Log) -> Checkpoint:
    """Sign the log's current tree head with its key (made on first use) and keep it."""
    key = keys.log_key(log)
    body = CheckpointBody(log.origin, log.size, bytes(log.root))
    note = sign_note(body, [keys.signer_of(key)])
    return Checkpoint.objects.create(log=log, size=log.size, root=bytes(log.root), note=note)


def integrate(log: Log | int, limit: int = BATCH_SIZE) -> int:
    """Number up to ``limit`` pending entries of a log, update its tree, sign a checkpoint.

    Gives the number of entries integrated. Safe to call from many workers at once: the
    log's row is locked for the whole step. A log without any checkpoint gets one even
    when nothing is pending, so that its (empty) tree head is published. The whole step
    is one transaction, so one commit (one flush to disk) per batch.
    """
    log_id = log.pk if isinstance(log, Log) else log
    with transaction.atomic():
        locked = Log.objects.select_for_update(of=("self",)).select_related("body").get(pk=log_id)
        if connection.vendor == "postgresql":
            leaves = _move_postgresql(log_id, locked.size, limit)
        else:
            leaves = _move_sqlite(log_id, locked.size, limit)
        if not leaves:
            if not Checkpoint.objects.filter(log_id=log_id).exists():
                sign_checkpoint(locked)
            return 0
        frontier = Frontier.read(DatabaseStore(log_id), locked.size)
        _write_nodes(log_id, frontier, leaves)
        locked.size = frontier.size
        locked.root = frontier.root()
        locked.save(update_fields=["size", "root"])
        sign_checkpoint(locked)
    return len(leaves)


def _move_postgresql(log_id: int, size: int, limit: int) -> list[bytes]:
    """Move the oldest pending rows into ``Entry`` in one statement; give their leaf hashes.

    The leaf hash was computed once, at append; the server checks it against the leaf
    input on the way (its own SHA-256), so a damaged pending row stops the batch.
    """
    with connection.cursor() as cursor:
        cursor.execute(_MOVE_PENDING_POSTGRESQL, {"log": log_id, "limit": limit, "size": size})
        moved = cursor.fetchall()
    moved.sort()
    for index, _value, intact in moved:
        if not intact:
            raise ValueError(f"pending entry for index {index} has a wrong leaf hash")
    return [bytes(value) for _index, value, _intact in moved]


def _move_sqlite(log_id: int, size: int, limit: int) -> list[bytes]:
    """Move the oldest pending rows into ``Entry``; give their leaf hashes in order.

    SQLite has one writer at a time and numbers rows upwards, so no row can appear inside
    the selected id range while the step runs: the move and delete go by range.
    """
    with connection.cursor() as cursor:
        cursor.execute(_SELECT_PENDING, [log_id, limit])
        rows = cursor.fetchall()
        if not rows:
            return []
        sha256 = hashlib.sha256
        for pk, text, stored in rows:
            if sha256(b"\x00" + text.encode()).digest() != bytes(stored):
                raise ValueError(f"pending entry {pk} has a wrong leaf hash")
        span = [log_id, rows[0][0], rows[-1][0]]
        cursor.execute(_MOVE_PENDING_SQLITE, [size, *span])
        if cursor.rowcount != len(rows):
            raise RuntimeError("pending entries changed during integration")
        cursor.execute(_DELETE_PENDING_SQLITE, span)
    return [bytes(stored) for _pk, _text, stored in rows]


def integrate_now(log_id: int, rows: Sequence[Queued], now: datetime) -> int:
    """Write encoded entries straight into the log's tree and sign a checkpoint.

    The bulk path of ``append_many(..., integrate=True)``: no pending rows, one
    transaction under the log's row lock. Entries still pending keep their turn for the
    next :func:`integrate`. Gives the index of the first entry written.
    """
    with transaction.atomic():
        locked = Log.objects.select_for_update(of=("self",)).select_related("body").get(pk=log_id)
        first: int = locked.size
        frontier = Frontier.read(DatabaseStore(log_id), first)
        _write_entries(log_id, first, rows, now)
        _write_nodes(log_id, frontier, [row.leaf_hash for row in rows])
        locked.size = frontier.size
        locked.root = frontier.root()
        locked.save(update_fields=["size", "root"])
        sign_checkpoint(locked)
    return first


def _write_entries(log_id: int, first: int, rows: Sequence[Queued], now: datetime) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            log, stamp, version = str(log_id), bulk.moment(now), str(LEAF_VERSION)
            data = bulk.lines(
                (log, str(index), bulk.text(r.event_type), bulk.text(r.subject), stamp, version,
                 bulk.text(r.leaf_input.decode()), bulk.binary(r.leaf_hash), stamp)
                for index, r in enumerate(rows, first)
            )  # fmt: skip
            with cursor.cursor.copy(_COPY_ENTRY) as copy:
                copy.write(data)
        else:
            when: Any = connection.ops.adapt_datetimefield_value(now)
            cursor.executemany(
                _INSERT_ENTRY,
                [
                    (log_id, index, r.event_type, r.subject, when, LEAF_VERSION,
                     r.leaf_input.decode(), r.leaf_hash, when)
                    for index, r in enumerate(rows, first)
                ],
            )  # fmt: skip


def _write_nodes(log_id: int, frontier: Frontier, leaves: Sequence[bytes]) -> None:
    """Add the leaves to the frontier and store every subtree they complete."""
    nodes = frontier.extend(leaves)
    if not nodes:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            log = str(log_id)
            data = bulk.lines((log, str(lv), str(i), bulk.binary(h)) for lv, i, h in nodes)
            with cursor.cursor.copy(_COPY_SUBTREE) as copy:
                copy.write(data)
        else:
            cursor.executemany(_INSERT_SUBTREE, [(log_id, *node) for node in nodes])
