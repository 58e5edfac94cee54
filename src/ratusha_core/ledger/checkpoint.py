"""C2SP tlog-checkpoint bodies (c2sp.org/tlog-checkpoint), signed as C2SP notes.

A checkpoint body is the origin line, the tree size in decimal, the base64 root hash,
then optional non-empty extension lines, each ending in a newline::

    example.com/behind-the-sofa
    20852163
    CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass

from ratusha_core.ledger.merkle import HASH_SIZE
from ratusha_core.signing.note import (
    NoteSignature,
    NoteSigner,
    OpenedNote,
    VerifiedSignature,
    VerifierKey,
    open_note,
    sign_note,
)

MAX_TREE_SIZE = (1 << 63) - 1


class CheckpointError(ValueError):
    """A checkpoint that is malformed or not signed as required."""


@dataclass(frozen=True)
class Checkpoint:
    """A log's tree head: which log (``origin``), how many entries, and the root hash."""

    origin: str
    size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.origin or any(ord(c) < 0x20 for c in self.origin):
            raise CheckpointError("the origin must be one non-empty line")
        if not 0 <= self.size <= MAX_TREE_SIZE:
            raise CheckpointError(f"tree size {self.size} is out of range")
        if len(self.root_hash) != HASH_SIZE:
            raise CheckpointError(f"the root hash must have {HASH_SIZE} bytes")
        for line in self.extensions:
            if not line or any(ord(c) < 0x20 for c in line):
                raise CheckpointError("extension lines must be non-empty single lines")

    def to_text(self) -> str:
        """Give the checkpoint body, ready to be signed as a note."""
        lines = [self.origin, str(self.size), base64.b64encode(self.root_hash).decode()]
        return "".join(line + "\n" for line in [*lines, *self.extensions])


def parse_checkpoint(text: str) -> Checkpoint:
    """Give the checkpoint in a note body, refusing anything not in the exact format."""
    if not text.endswith("\n"):
        raise CheckpointError("a checkpoint body ends with a newline")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        raise CheckpointError("a checkpoint body has an origin, a size and a root hash")
    origin, size_text, root_text, *extensions = lines
    if not size_text.isascii() or not size_text.isdigit():
        raise CheckpointError(f"tree size {size_text!r} is not a decimal number")
    if size_text != str(int(size_text)):
        raise CheckpointError(f"tree size {size_text!r} has leading zeros")
    try:
        root_hash = base64.b64decode(root_text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise CheckpointError("the root hash is not standard base64") from None
    return Checkpoint(origin, int(size_text), root_hash, tuple(extensions))


def sign_checkpoint(checkpoint: Checkpoint, signers: Sequence[NoteSigner]) -> str:
    """Give the checkpoint as a signed note."""
    return sign_note(checkpoint.to_text(), signers)


@dataclass(frozen=True)
class SignedCheckpoint:
    """A checkpoint signed by its log, with any witness cosignatures that verified."""

    checkpoint: Checkpoint
    log_signatures: tuple[VerifiedSignature, ...]
    cosignatures: tuple[VerifiedSignature, ...]
    unknown: tuple[NoteSignature, ...]


def open_checkpoint(
    note: str | bytes,
    log_keys: Sequence[VerifierKey],
    *,
    witness_keys: Sequence[VerifierKey] = (),
    required_cosignatures: int = 0,
    origin: str | None = None,
) -> SignedCheckpoint:
    """Give the checkpoint in a signed note, once the log and enough witnesses signed it.

    At least one of ``log_keys`` must have signed; ``required_cosignatures`` of the
    ``witness_keys`` must have cosigned; ``origin``, when given, must match. Raises a
    :class:`~ratusha_core.signing.note.NoteError` or :class:`CheckpointError`.
    """
    opened: OpenedNote = open_note(note, [*log_keys, *witness_keys])
    log_set, witness_set = set(log_keys), set(witness_keys)
    by_log = tuple(s for s in opened.verified if s.key in log_set)
    by_witness = tuple(s for s in opened.verified if s.key in witness_set)
    if not by_log:
        raise CheckpointError("the checkpoint carries no valid signature from the log")
    if len(by_witness) < required_cosignatures:
        raise CheckpointError(
            f"{len(by_witness)} witness cosignatures, {required_cosignatures} required"
        )
    checkpoint = parse_checkpoint(opened.text)
    if origin is not None and checkpoint.origin != origin:
        raise CheckpointError(f"checkpoint is for {checkpoint.origin!r}, not {origin!r}")
    return SignedCheckpoint(checkpoint, by_log, by_witness, opened.unknown)
