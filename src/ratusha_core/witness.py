"""An independent witness's rules: accept a log's checkpoint only if it extends the last one.

The witness keeps the last checkpoint it cosigned (:class:`WitnessState`). A new
checkpoint must be signed by the log, name the same origin, never be smaller (a
*rollback*), and never carry another root for the same size or fail the consistency
proof from the old one (a *split view*: the log shows different histories to different
people). Only then does the witness cosign it (c2sp.org/tlog-cosignature).

Example::

    state = None
    checkpoint = accept_checkpoint(state, note, [log_key], proof=())
    line = cosign(note, witness_signer, timestamp=1_700_000_000)
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ratusha_core.ledger.checkpoint import (
    Checkpoint,
    CheckpointError,
    open_checkpoint,
    parse_checkpoint,
)
from ratusha_core.ledger.merkle import ProofError
from ratusha_core.ledger.receipt import verify_log_growth
from ratusha_core.signing.note import COSIGNATURE_V1, NoteError, NoteSigner, VerifierKey, parse_note


class WitnessRefusal(Exception):
    """The witness will not cosign: ``kind`` says why (rollback, split_view, bad_checkpoint)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class WitnessState:
    """The last checkpoint a witness accepted for one log (its note as the log signed it)."""

    origin: str
    size: int
    root_hash: bytes
    note: str

    @property
    def checkpoint(self) -> Checkpoint:
        """Give the checkpoint this state holds."""
        return Checkpoint(self.origin, self.size, self.root_hash)

    def to_json(self) -> dict[str, Any]:
        """Give the state as JSON-ready data."""
        return {
            "origin": self.origin,
            "size": self.size,
            "root_hash": base64.b64encode(self.root_hash).decode(),
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WitnessState:
        """Give the state saved by :meth:`to_json`."""
        return cls(
            origin=str(data["origin"]),
            size=int(data["size"]),
            root_hash=base64.b64decode(data["root_hash"], validate=True),
            note=str(data["note"]),
        )

    def dumps(self) -> str:
        """Give the state as a JSON text."""
        return json.dumps(self.to_json(), indent=2, sort_keys=True) + "\n"


def read_checkpoint(
    note: str, log_keys: Sequence[VerifierKey], origin: str | None = None
) -> Checkpoint:
    """Give the checkpoint in a note signed by one of the log's keys, or refuse it."""
    try:
        return open_checkpoint(note, log_keys, origin=origin).checkpoint
    except (NoteError, CheckpointError) as error:
        raise WitnessRefusal("bad_checkpoint", f"the checkpoint is not valid: {error}") from None


def needs_proof(previous: WitnessState | None, checkpoint: Checkpoint) -> bool:
    """Tell whether a consistency proof must be fetched before judging ``checkpoint``."""
    return previous is not None and 0 < previous.size < checkpoint.size


def judge(
    previous: WitnessState | None, checkpoint: Checkpoint, proof: Sequence[bytes] = ()
) -> None:
    """Check that ``checkpoint`` extends what the witness saw before; raise a refusal if not.

    A witness that has seen nothing accepts the first checkpoint (trust on first use).
    """
    if previous is None:
        return
    if checkpoint.origin != previous.origin:
        raise WitnessRefusal(
            "bad_checkpoint", f"origin {checkpoint.origin!r}, expected {previous.origin!r}"
        )
    if checkpoint.size < previous.size:
        raise WitnessRefusal(
            "rollback",
            f"ROLLBACK: the log now claims {checkpoint.size} entries after it had {previous.size}",
        )
    if checkpoint.size == previous.size:
        if checkpoint.root_hash != previous.root_hash:
            raise WitnessRefusal(
                "split_view",
                f"SPLIT VIEW: two different roots for size {checkpoint.size}: "
                f"{previous.root_hash.hex()} and {checkpoint.root_hash.hex()}",
            )
        return
    try:
        verify_log_growth(previous.checkpoint, checkpoint, proof)
    except (ProofError, CheckpointError) as error:
        raise WitnessRefusal(
            "split_view",
            f"SPLIT VIEW: size {checkpoint.size} does not extend size {previous.size}: {error}",
        ) from None


def accept_checkpoint(
    previous: WitnessState | None,
    note: str,
    log_keys: Sequence[VerifierKey],
    proof: Sequence[bytes] = (),
) -> WitnessState:
    """Give the new state once ``note`` is signed by the log and extends ``previous``."""
    origin = previous.origin if previous is not None else None
    checkpoint = read_checkpoint(note, log_keys, origin)
    judge(previous, checkpoint, proof)
    return WitnessState(checkpoint.origin, checkpoint.size, checkpoint.root_hash, note)


def cosign(note: str, signer: NoteSigner, timestamp: int) -> str:
    """Give the witness's tlog-cosignature/v1 line for the checkpoint in ``note``."""
    if signer.algorithm != COSIGNATURE_V1:
        raise ValueError("a witness signs with a cosignature/v1 (type 0x04) key")
    text, _signatures = parse_note(note)
    parse_checkpoint(text)
    return signer.signature_line(text, timestamp)
