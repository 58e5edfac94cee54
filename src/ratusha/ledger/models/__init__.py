"""The public ledger's tables: logs and their entries, tree hashes, checkpoints, keys, documents."""

from ratusha.ledger.models.documents import DocumentKind, SignedDocument
from ratusha.ledger.models.keys import KeyPurpose, SigningKey
from ratusha.ledger.models.log import (
    Checkpoint,
    CommitmentSalt,
    Cosignature,
    Entry,
    Log,
    PendingEntry,
    SubtreeHash,
    Witness,
)

__all__ = [
    "Checkpoint",
    "CommitmentSalt",
    "Cosignature",
    "DocumentKind",
    "Entry",
    "KeyPurpose",
    "Log",
    "PendingEntry",
    "SignedDocument",
    "SigningKey",
    "SubtreeHash",
    "Witness",
]
