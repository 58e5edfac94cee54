"""Public reads of the ledger. Everything here is public except the commitment salts,
which only :func:`registration_of` hands out, for the holder of an appeal's tracking link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from ratusha.ledger.models import (
    Checkpoint,
    CommitmentSalt,
    Entry,
    Log,
    PendingEntry,
    SignedDocument,
)
from ratusha.ledger.records import REGISTERED

MAX_ENTRIES = 1000  # per request of /entries


def log_named(name: str) -> Log:
    """Give the log with this name (a body's code, or ``installation``), or raise Http404."""
    log = Log.objects.select_related("body").filter(name=name).first()
    if log is None:
        raise Http404
    return log


def all_logs() -> list[Log]:
    return list(Log.objects.select_related("body").order_by("name"))


def latest_checkpoint(log: Log) -> Checkpoint | None:
    """Give the log's newest checkpoint."""
    return Checkpoint.objects.filter(log=log).order_by("-size", "-pk").first()


def checkpoint_of_size(log: Log, size: int) -> Checkpoint | None:
    """Give the checkpoint the log signed for exactly ``size`` entries (the newest one)."""
    return Checkpoint.objects.filter(log=log, size=size).order_by("-pk").first()


def first_checkpoint_covering(log: Log, index: int) -> Checkpoint | None:
    """Give the earliest checkpoint that includes entry ``index``."""
    return Checkpoint.objects.filter(log=log, size__gt=index).order_by("size", "pk").first()


def entries_between(log: Log, start: int, end: int) -> list[Entry]:
    """Give the integrated entries ``[start, end)``, at most :data:`MAX_ENTRIES`."""
    end = min(end, start + MAX_ENTRIES)
    return list(Entry.objects.filter(log=log, index__gte=start, index__lt=end).order_by("index"))


def entry_with_hash(log: Log, value: bytes) -> Entry | None:
    return Entry.objects.filter(log=log, leaf_hash=value).order_by("index").first()


def is_pending(log: Log, value: bytes) -> bool:
    return PendingEntry.objects.filter(log=log, leaf_hash=value).exists()


@dataclass(frozen=True)
class Registration:
    """The ledger entry of an appeal's registration, integrated or still pending."""

    log: Log
    leaf_hash: bytes
    entry: Entry | None
    salt: bytes | None


def registration_of(appeal: Any) -> Registration | None:
    """Give the registration entry of an appeal the caller may see (checked by the caller)."""
    for model in (Entry, PendingEntry, Entry):  # the row may move while we look
        row = (
            model.objects.select_related("log")
            .filter(log__body_id=appeal.body_id, subject=appeal.number, event_type=REGISTERED)
            .first()
        )
        if row is not None:
            value = bytes(row.leaf_hash)
            salt = CommitmentSalt.objects.filter(leaf_hash=value).values_list("salt", flat=True)
            found = salt.first()
            return Registration(
                row.log,
                value,
                row if isinstance(row, Entry) else None,
                bytes(found) if found is not None else None,
            )
    return None


def documents_numbered(number: str) -> list[SignedDocument]:
    return list(
        SignedDocument.objects.select_related("key", "key__official", "body", "log")
        .filter(number=number)
        .order_by("-signed_at")
    )


def document_with_sha256(value: str) -> SignedDocument | None:
    return (
        SignedDocument.objects.select_related("key", "key__official", "body", "log")
        .filter(sha256=value)
        .first()
    )


def answer_document_of(appeal: Any) -> SignedDocument | None:
    """Give the newest signed answer of an appeal (for the holder of its tracking link)."""
    return (
        SignedDocument.objects.select_related("key", "key__official", "body", "log")
        .filter(answer__appeal=appeal)
        .order_by("-signed_at")
        .first()
    )
