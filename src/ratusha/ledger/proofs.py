"""The server's check behind the proof page: one entry in the newest signed checkpoint.

Everything is recomputed with ``ratusha_core``, as ``ratusha-verify`` would: the leaf
hash from the entry's text, the root from that hash and the audit path, and the
checkpoint's signature with the log's public keys. The page then says what was found,
not what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ratusha.ledger import keys
from ratusha.ledger.models import Checkpoint, Entry, Log, PendingEntry
from ratusha.ledger.store import DatabaseStore
from ratusha_core.ledger.checkpoint import CheckpointError, open_checkpoint
from ratusha_core.ledger.merkle import (
    MalformedProofError,
    RootMismatchError,
    leaf_hash,
    verify_inclusion,
)
from ratusha_core.ledger.tree import inclusion_proof
from ratusha_core.signing.note import NoteError, VerifierKey


@dataclass(frozen=True)
class PathStep:
    """One hash of the audit path: its level above the leaf and the side it joins on."""

    level: int
    left: bool  # the hash is the left half of the next node (the path comes from the right)
    hash: bytes


@dataclass(frozen=True)
class InclusionCheck:
    """What the server found for one entry and one checkpoint; ``problem`` is "" if valid."""

    entry: Entry
    checkpoint: Checkpoint
    leaf_hash: bytes  # recomputed from the entry's text
    path: tuple[PathStep, ...]
    root: bytes  # from the signed note (the stored one if the note could not be opened)
    signed_by: tuple[VerifierKey, ...]  # the log's keys whose signature verified
    problem: str

    @property
    def valid(self) -> bool:
        return not self.problem


def path_sides(index: int, size: int) -> list[bool]:
    """Tell, for each hash of the audit path, whether it joins on the left.

    The same walk as ``ratusha_core.ledger.merkle.root_from_inclusion_proof`` (RFC 9162,
    section 2.1.3.2): below the level where the path parts from the last leaf's, a hash
    is on the left when the index has a one bit there; above it, every hash is.
    """
    inner = (index ^ (size - 1)).bit_length()
    count = inner + (index >> inner).bit_count()
    return [level >= inner or bool((index >> level) & 1) for level in range(count)]


def entry_at(log: Log, index: int) -> Entry | None:
    return Entry.objects.filter(log=log, index=index).first()


def awaits_checkpoint(log: Log, index: int) -> bool:
    """Tell whether entry ``index`` is recorded but not in a signed checkpoint yet.

    Waiting entries get the indexes after the log's size, in the order they came.
    """
    return index < log.size + PendingEntry.objects.filter(log=log).count()


def check_inclusion(log: Log, entry: Entry, checkpoint: Checkpoint) -> InclusionCheck:
    """Check that ``entry`` is in ``checkpoint`` (which covers it) and that the log signed it."""
    computed = leaf_hash(entry.leaf_input.encode())
    log_keys = keys.log_verifier_keys(log)
    problem = ""
    root, signed_by = bytes(checkpoint.root), ()
    try:
        hashes = inclusion_proof(DatabaseStore(log.pk), entry.index, checkpoint.size).hashes
    except LookupError:
        hashes = ()
        problem = _("The log is missing hashes that this proof needs.")
    try:
        signed = open_checkpoint(checkpoint.note, log_keys, origin=log.origin)
        root, signed_by = signed.checkpoint.root_hash, tuple(s.key for s in signed.log_signatures)
        if signed.checkpoint.size != checkpoint.size:
            problem = problem or _("The signed checkpoint is not of the size the log states.")
    except (NoteError, CheckpointError):
        problem = problem or _("The checkpoint's signature does not verify with the log's key.")
    if bytes(entry.leaf_hash) != computed:
        problem = problem or _("The entry does not give the leaf hash the log holds for it.")
    try:
        verify_inclusion(
            leaf_hash=computed, index=entry.index, size=checkpoint.size, proof=hashes, root=root
        )
    except RootMismatchError:
        problem = problem or _("The path does not lead to the root hash of the signed checkpoint.")
    except MalformedProofError:
        problem = problem or _("The path does not fit the entry's place in the log.")
    sides = path_sides(entry.index, checkpoint.size)
    path = tuple(
        PathStep(n, left, h) for n, (left, h) in enumerate(zip(sides, hashes, strict=False))
    )
    return InclusionCheck(entry, checkpoint, computed, path, root, signed_by, problem)
