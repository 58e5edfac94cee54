"""Every write to the ledger: logs, appends, integration into the tree, checkpoints.

``append`` is the small public function other apps call from their on-commit hooks::

    transaction.on_commit(lambda: append(body, "triage.routed", {"appeal": number, ...}))

It only inserts a pending row; :func:`integrate` (a task every ~2 seconds, or on demand)
numbers pending rows under the log's row lock, stores the newly complete subtrees and
signs a checkpoint. Concurrent writers therefore never fork the log or leave a gap.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, NamedTuple

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ratusha.ledger import keys
from ratusha.ledger.leaves import LEAF_VERSION, leaf_bytes, leaf_json, utc_text
from ratusha.ledger.models import (
    Checkpoint,
    Cosignature,
    Log,
    PendingEntry,
    Witness,
)
from ratusha.ledger.models.log import INSTALLATION
from ratusha.ledger.store import DatabaseStore, Frontier
from ratusha_core.ledger.checkpoint import Checkpoint as CheckpointBody
from ratusha_core.ledger.checkpoint import sign_checkpoint as sign_note
from ratusha_core.signing.canonical import JsonValue
from ratusha_core.signing.note import (
    COSIGNATURE_V1,
    NoteError,
    parse_note,
    parse_verifier_key,
)

BATCH_SIZE = 1000
MAX_LEAF_BYTES = 65535  # tlog-tiles entry bundles prefix each entry with a uint16 length

_INSERT_PENDING = """
INSERT INTO "ledger_pendingentry" ("log_id", "event_type", "subject", "time", "version",
                                   "leaf_input", "leaf_hash", "created_at")
VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
"""
_COPY_PENDING = (
    'COPY "ledger_pendingentry" ("log_id", "event_type", "subject", "time", "version", '
    '"leaf_input", "leaf_hash", "created_at") FROM STDIN'
)
_COPY_SUBTREE = 'COPY "ledger_subtreehash" ("log_id", "level", "index", "hash") FROM STDIN'
_MOVE_PENDING = """
INSERT INTO "ledger_entry" ("log_id", "index", "event_type", "subject", "time", "version",
                            "leaf_input", "leaf_hash", "created_at")
SELECT "log_id", %s + ROW_NUMBER() OVER (ORDER BY "id") - 1, "event_type", "subject", "time",
       "version", "leaf_input", "leaf_hash", "created_at"
FROM "ledger_pendingentry" WHERE "id" IN ({ids})
"""
_INSERT_SUBTREE = (
    'INSERT INTO "ledger_subtreehash" ("log_id", "level", "index", "hash") VALUES (%s, %s, %s, %s)'
)


def _ensure_log(name: str, body: Any) -> Log:
    log = Log.objects.filter(name=name).first()
    if log is not None:
        return log
    try:
        with transaction.atomic():
            log = Log.objects.create(
                name=name, origin=f"{keys.site_name()}/ledger/{name}", body=body
            )
            sign_checkpoint(log)  # publish the empty tree head at once
            return log
    except IntegrityError:  # created meanwhile by another writer
        return Log.objects.get(name=name)


def log_for_body(body: Any) -> Log:
    """Give the body's log, creating it on first use (its name is the body's code)."""
    log = Log.objects.filter(body=body).first()
    return log if log is not None else _ensure_log(body.code, body)


def installation_log() -> Log:
    """Give the installation's own log (key registrations, open-data dumps, reports)."""
    return _ensure_log(INSTALLATION, None)


def leaf_for(
    log: Log, event_type: str, payload: Mapping[str, JsonValue], time: datetime
) -> dict[str, JsonValue]:
    """Give the leaf JSON: the common fields (version, type, time, body) and the payload."""
    return leaf_json(event_type, utc_text(time), log.body.code if log.body_id else None, payload)


def _pending(
    log: Log,
    event_type: str,
    payload: Mapping[str, JsonValue],
    subject: str,
    moment: datetime,
    now: datetime,
) -> PendingEntry:
    leaf_input = leaf_bytes(leaf_for(log, event_type, payload, moment))
    if len(leaf_input) > MAX_LEAF_BYTES:
        raise ValueError(f"a ledger entry holds at most {MAX_LEAF_BYTES} bytes")
    return PendingEntry(
        log=log,
        event_type=event_type,
        subject=subject[:64],
        time=moment,
        version=LEAF_VERSION,
        leaf_input=leaf_input.decode(),
        leaf_hash=hashlib.sha256(b"\x00" + leaf_input).digest(),
        created_at=now,
    )


def _resolve(log: Log | Any) -> Log:
    if isinstance(log, Log):
        return log
    return installation_log() if log is None else log_for_body(log)


def append(
    log: Log | Any,
    event_type: str,
    payload: Mapping[str, JsonValue],
    *,
    subject: str = "",
    time: datetime | None = None,
) -> PendingEntry:
    """Queue one public entry for the log (a Log, a Body, or None for the installation).

    Call it after the commit that it records (from ``transaction.on_commit``), never
    from a view. The payload must be public: no names, no free text.
    """
    now = timezone.now()
    row = _pending(_resolve(log), event_type, payload, subject, time or now, now)
    row.save(force_insert=True)
    return row


class Queued(NamedTuple):
    """One entry queued by :func:`append_many`: its leaf input and leaf hash."""

    event_type: str
    subject: str
    leaf_input: bytes
    leaf_hash: bytes


def _queued(
    log: Log, events: Iterable[tuple[str, Mapping[str, JsonValue], str]], now: datetime
) -> list[Queued]:
    """Encode and hash a batch of entries that share one time (no model objects: speed)."""
    body_code = log.body.code if log.body_id else None
    time_text = utc_text(now)
    sha256 = hashlib.sha256
    rows: list[Queued] = []
    for kind, payload, subject in events:
        data = leaf_bytes(leaf_json(kind, time_text, body_code, payload))
        if len(data) > MAX_LEAF_BYTES:
            raise ValueError(f"a ledger entry holds at most {MAX_LEAF_BYTES} bytes")
        rows.append(Queued(kind, subject[:64], data, sha256(b"\x00" + data).digest()))
    return rows


def append_many(
    log: Log | Any, events: Iterable[tuple[str, Mapping[str, JsonValue], str]]
) -> list[Queued]:
    """Queue many ``(event_type, payload, subject)`` entries at once (imports, dumps).

    The rows are written in one statement (``COPY`` on PostgreSQL, a batched insert on
    SQLite); the result gives each entry's leaf input and hash.
    """
    target, now = _resolve(log), timezone.now()
    rows = _queued(target, events, now)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3: COPY is the fastest way in
            with raw.copy(_COPY_PENDING) as copy:
                for r in rows:
                    copy.write_row(
                        (target.pk, r.event_type, r.subject, now, LEAF_VERSION,
                         r.leaf_input.decode(), r.leaf_hash, now)
                    )  # fmt: skip
        else:
            stamp = connection.ops.adapt_datetimefield_value(now)  # as the ORM stores times
            cursor.executemany(
                _INSERT_PENDING,
                [
                    (target.pk, r.event_type, r.subject, stamp, LEAF_VERSION,
                     r.leaf_input.decode(), r.leaf_hash, stamp)
                    for r in rows
                ],
            )  # fmt: skip
    return rows


def append_on_commit(
    log: Log | Any, event_type: str, payload: Mapping[str, JsonValue], *, subject: str = ""
) -> None:
    """Append once the current transaction commits (nothing if it rolls back)."""
    transaction.on_commit(lambda: append(log, event_type, payload, subject=subject), robust=True)


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
    when nothing is pending, so that its (empty) tree head is published.
    """
    log_id = log.pk if isinstance(log, Log) else log
    with transaction.atomic():
        locked = Log.objects.select_for_update(of=("self",)).select_related("body").get(pk=log_id)
        rows = list(
            PendingEntry.objects.filter(log_id=log_id)
            .order_by("id")
            .values_list("id", "leaf_input", "leaf_hash")[:limit]
        )
        if not rows:
            if not Checkpoint.objects.filter(log_id=log_id).exists():
                sign_checkpoint(locked)
            return 0
        frontier = Frontier.read(DatabaseStore(log_id), locked.size)
        ids: list[int] = []
        nodes: list[tuple[int, int, int, bytes]] = []
        for pk, text, stored in rows:
            value = hashlib.sha256(b"\x00" + text.encode()).digest()
            if value != bytes(stored):
                raise ValueError(f"pending entry {pk} has a wrong leaf hash")
            ids.append(pk)
            for node, node_value in frontier.append(value):
                nodes.append((log_id, node.level, node.index, node_value))
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            # One INSERT ... SELECT numbers the rows in id order, as the loop above did.
            cursor.execute(_MOVE_PENDING.replace("{ids}", placeholders), [locked.size, *ids])
            if nodes and connection.vendor == "postgresql":
                with cursor.cursor.copy(_COPY_SUBTREE) as copy:
                    for node in nodes:
                        copy.write_row(node)
            elif nodes:
                cursor.executemany(_INSERT_SUBTREE, nodes)
        PendingEntry.objects.filter(pk__in=ids).delete()
        locked.size = frontier.size
        locked.root = frontier.root()
        locked.save(update_fields=["size", "root"])
        sign_checkpoint(locked)
    return len(rows)


def integrate_everything(limit: int = BATCH_SIZE) -> int:
    """Integrate every log with pending entries until none is left; give the count."""
    total = 0
    while True:
        waiting = list(PendingEntry.objects.values_list("log_id", flat=True).distinct())
        if not waiting:
            return total
        for log_id in waiting:
            total += integrate(log_id, limit)


class CosignatureRefused(ValueError):
    """A cosignature that does not come from a registered witness or does not verify."""


def add_cosignature(log: Log, size: int, signature_line: str) -> Cosignature:
    """Keep a registered witness's cosignature of the log's checkpoint of ``size``.

    The line must be a C2SP tlog-cosignature/v1 by an active witness over exactly the
    checkpoint body the log signed for that size.
    """
    checkpoint = (
        Checkpoint.objects.filter(log=log, size=size).order_by("-created_at", "-pk").first()
    )
    if checkpoint is None:
        raise CosignatureRefused(f"no checkpoint of size {size}")
    line = signature_line.strip("\n") + "\n"
    text, _signatures = parse_note(checkpoint.note)
    try:
        _text, (signature,) = parse_note(text + "\n" + line)
    except (NoteError, ValueError):
        raise CosignatureRefused("not a single signature line") from None
    for witness in Witness.objects.filter(is_active=True, name=signature.name):
        key = parse_verifier_key(witness.verifier_key)
        if key.algorithm != COSIGNATURE_V1 or key.key_id != signature.key_id:
            continue
        try:
            timestamp = key.verify(text, signature.signature)
        except NoteError:
            raise CosignatureRefused("the cosignature does not verify") from None
        cosignature, _created = Cosignature.objects.update_or_create(
            checkpoint=checkpoint,
            witness=witness,
            defaults={"signature_line": line, "timestamp": timestamp or 0},
        )
        return cosignature
    raise CosignatureRefused("the signer is not a registered witness")


def register_witness(verifier_key: str, description: str = "") -> Witness:
    """Accept cosignatures from this witness key from now on."""
    key = parse_verifier_key(verifier_key)
    if key.algorithm != COSIGNATURE_V1:
        raise ValueError("a witness key must be a tlog-cosignature/v1 (type 0x04) key")
    witness, _created = Witness.objects.update_or_create(
        verifier_key=key.to_text(),
        defaults={"name": key.name, "description": description, "is_active": True},
    )
    return witness
