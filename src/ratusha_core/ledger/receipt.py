"""Citizen receipts and the checks an offline verifier runs on ledger evidence.

A receipt holds one ledger entry (its leaf input, the RFC 8785 canonical JSON bytes),
its index, the tree size and inclusion proof, and the signed checkpoint of that size.
:func:`verify_receipt` needs nothing but the log's public keys. Later checkpoints
are tied to the receipt's one with :func:`verify_log_growth`.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ratusha_core.ledger.checkpoint import (
    Checkpoint,
    CheckpointError,
    SignedCheckpoint,
    open_checkpoint,
)
from ratusha_core.ledger.merkle import (
    RootMismatchError,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)
from ratusha_core.ledger.tree import MemoryTree, tree_root
from ratusha_core.signing.note import VerifierKey

RECEIPT_FORMAT = "ratusha-receipt/v1"


class ReceiptError(ValueError):
    """A receipt whose parts do not fit together or cannot be read."""


@dataclass(frozen=True)
class Receipt:
    """What a citizen keeps: an entry, where it sits in the log, and the signed proof."""

    leaf_input: bytes
    leaf_index: int
    tree_size: int
    inclusion_proof: tuple[bytes, ...]
    checkpoint_note: str

    def to_json(self) -> dict[str, Any]:
        """Give the receipt as JSON-ready data (bytes in standard base64)."""
        return {
            "format": RECEIPT_FORMAT,
            "leaf_input": base64.b64encode(self.leaf_input).decode(),
            "leaf_index": self.leaf_index,
            "tree_size": self.tree_size,
            "inclusion_proof": [base64.b64encode(h).decode() for h in self.inclusion_proof],
            "checkpoint": self.checkpoint_note,
        }


def receipt_from_json(data: Mapping[str, Any]) -> Receipt:
    """Give the receipt in JSON data made by :meth:`Receipt.to_json`.

    Other keys (the appeal number, the salt of a commitment) are left to the caller.
    """
    try:
        if data["format"] != RECEIPT_FORMAT:
            raise ReceiptError(f"unknown receipt format {data['format']!r}")
        index, size = data["leaf_index"], data["tree_size"]
        if not (isinstance(index, int) and isinstance(size, int)):
            raise ReceiptError("leaf_index and tree_size must be integers")
        return Receipt(
            leaf_input=base64.b64decode(data["leaf_input"], validate=True),
            leaf_index=index,
            tree_size=size,
            inclusion_proof=tuple(
                base64.b64decode(h, validate=True) for h in data["inclusion_proof"]
            ),
            checkpoint_note=str(data["checkpoint"]),
        )
    except (KeyError, TypeError, binascii.Error) as error:
        raise ReceiptError(f"unreadable receipt: {error}") from None


@dataclass(frozen=True)
class VerifiedReceipt:
    """The result of a receipt that holds: the signed checkpoint and the entry's hash."""

    signed: SignedCheckpoint
    leaf_hash: bytes


def verify_receipt(
    receipt: Receipt,
    log_keys: Sequence[VerifierKey],
    *,
    witness_keys: Sequence[VerifierKey] = (),
    required_cosignatures: int = 0,
    origin: str | None = None,
) -> VerifiedReceipt:
    """Check that the receipt's entry is in the log the signed checkpoint describes.

    Raises a ``ProofError``, ``NoteError``, :class:`CheckpointError` or
    :class:`ReceiptError` naming what failed.
    """
    signed = open_checkpoint(
        receipt.checkpoint_note,
        log_keys,
        witness_keys=witness_keys,
        required_cosignatures=required_cosignatures,
        origin=origin,
    )
    if signed.checkpoint.size != receipt.tree_size:
        raise ReceiptError(
            f"receipt is for size {receipt.tree_size}, checkpoint for {signed.checkpoint.size}"
        )
    entry_hash = leaf_hash(receipt.leaf_input)
    verify_inclusion(
        leaf_hash=entry_hash,
        index=receipt.leaf_index,
        size=receipt.tree_size,
        proof=receipt.inclusion_proof,
        root=signed.checkpoint.root_hash,
    )
    return VerifiedReceipt(signed, entry_hash)


def verify_log_growth(
    older: Checkpoint, newer: Checkpoint, consistency_proof: Sequence[bytes]
) -> None:
    """Check that ``newer`` extends ``older``: same log, never shrunk, never rewritten.

    Both checkpoints must already be verified (e.g. by :func:`open_checkpoint`). A
    failure here is evidence of a rollback or a split view.
    """
    if older.origin != newer.origin:
        raise CheckpointError(f"checkpoints are for {older.origin!r} and {newer.origin!r}")
    verify_consistency(
        size1=older.size,
        size2=newer.size,
        root1=older.root_hash,
        root2=newer.root_hash,
        proof=consistency_proof,
    )


def audit_entries(leaf_inputs: Iterable[bytes], checkpoint: Checkpoint) -> None:
    """Check that these entries, from the first one, are exactly the checkpoint's log.

    Raises :class:`RootMismatchError` when the recomputed root differs, or
    :class:`ReceiptError` when the number of entries is not the checkpoint's size.
    """
    tree = MemoryTree.from_leaf_inputs(leaf_inputs)
    if tree.size != checkpoint.size:
        raise ReceiptError(f"{tree.size} entries for a checkpoint of size {checkpoint.size}")
    computed = tree_root(tree, tree.size)
    if computed != checkpoint.root_hash:
        raise RootMismatchError(checkpoint.root_hash, computed)
