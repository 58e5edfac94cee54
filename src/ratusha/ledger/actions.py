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
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ratusha.ledger import bulk, keys
from ratusha.ledger.integration import BATCH_SIZE, Queued, integrate_now

# Re-exported: other apps and commands integrate and sign through this module.
from ratusha.ledger.integration import integrate as integrate
from ratusha.ledger.integration import sign_checkpoint as sign_checkpoint
from ratusha.ledger.leaves import LEAF_VERSION, leaf_bytes, leaf_json, utc_text
from ratusha.ledger.models import (
    Checkpoint,
    Cosignature,
    Log,
    PendingEntry,
    Witness,
)
from ratusha.ledger.models.log import INSTALLATION
from ratusha_core.signing.canonical import JsonValue
from ratusha_core.signing.note import (
    COSIGNATURE_V1,
    NoteError,
    parse_note,
    parse_verifier_key,
)

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
    log: Log | Any,
    events: Iterable[tuple[str, Mapping[str, JsonValue], str]],
    *,
    integrate: bool = False,
) -> list[Queued]:
    """Queue many ``(event_type, payload, subject)`` entries at once (imports, dumps).

    The rows are written in one statement (``COPY`` on PostgreSQL, a batched insert on
    SQLite); the result gives each entry's leaf input and hash. With ``integrate=True``
    the entries skip the queue: they are numbered into the tree at once, under the log's
    lock, and a checkpoint is signed (the fast path for bulk writers).
    """
    target, now = _resolve(log), timezone.now()
    rows = _queued(target, events, now)
    if integrate:
        if rows:
            integrate_now(target.pk, rows, now)
        return rows
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            log_id, stamp, version = str(target.pk), bulk.moment(now), str(LEAF_VERSION)
            data = bulk.lines(
                (log_id, bulk.text(r.event_type), bulk.text(r.subject), stamp, version,
                 bulk.text(r.leaf_input.decode()), bulk.binary(r.leaf_hash), stamp)
                for r in rows
            )  # fmt: skip
            with cursor.cursor.copy(_COPY_PENDING) as copy:  # psycopg 3: COPY is fastest
                copy.write(data)
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
