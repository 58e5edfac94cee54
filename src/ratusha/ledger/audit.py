"""The database audit: recompute every hash of a log from its entries and compare.

It checks, in order: that indexes run from 0 without a gap, each entry's leaf hash
(from its stored leaf input, which must be RFC 8785 JSON), every stored subtree hash
(level by level, left to right), the log's current size and root, and every checkpoint
(its signature, and its root against the recomputed tree of its size). It names the first
thing that differs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from ratusha.ledger import keys
from ratusha.ledger.models import Checkpoint, Entry, Log, SubtreeHash
from ratusha_core.ledger.checkpoint import CheckpointError, open_checkpoint
from ratusha_core.ledger.tree import MemoryTree, Subtree, tree_root
from ratusha_core.signing.canonical import canonical_json
from ratusha_core.signing.note import NoteError


@dataclass(frozen=True)
class AuditFinding:
    """The first thing in a log that does not add up (``None`` from the audit means none)."""

    origin: str
    what: str  # "entry", "subtree", "log" or "checkpoint"
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.what} {self.where}: {self.detail}"


def _entries(log: Log) -> Iterator[tuple[int, str, bytes]]:
    rows = Entry.objects.filter(log=log).order_by("index")
    for index, text, value in rows.values_list("index", "leaf_input", "leaf_hash").iterator(
        chunk_size=5000
    ):
        yield index, text, bytes(value)


def _check_entries(log: Log, tree: MemoryTree) -> AuditFinding | None:
    def found(index: int, detail: str) -> AuditFinding:
        return AuditFinding(log.origin, "entry", str(index), detail)

    for index, text, stored in _entries(log):
        if index != tree.size:
            return found(tree.size, f"missing: the next stored entry is {index}")
        data = text.encode()
        try:
            canonical = canonical_json(json.loads(text)) == data
        except ValueError:
            canonical = False
        if not canonical:
            return found(index, "its leaf input is not RFC 8785 canonical JSON")
        value = hashlib.sha256(b"\x00" + data).digest()
        if value != stored:
            return found(
                index, f"stored leaf hash {stored.hex()} but the input hashes to {value.hex()}"
            )
        tree.append_leaf_hash(value)
    return None


def _check_subtrees(log: Log, tree: MemoryTree) -> AuditFinding | None:
    rows = SubtreeHash.objects.filter(log=log).order_by("level", "index")
    expected_count = 0
    level = 1
    while (1 << level) <= tree.size:
        expected_count += tree.size >> level
        level += 1
    seen = 0
    for level, index, stored in rows.values_list("level", "index", "hash").iterator(
        chunk_size=5000
    ):
        seen += 1
        node = Subtree(level, index)
        where = f"level {level} index {index} (entries {node.start} to {node.end - 1})"
        if node.end > tree.size:
            return AuditFinding(log.origin, "subtree", where, "covers entries the log lacks")
        (value,) = tree.read_subtrees([node])
        if bytes(stored) != value:
            return AuditFinding(
                log.origin,
                "subtree",
                where,
                f"stored {bytes(stored).hex()}, recomputed {value.hex()}",
            )
    if seen != expected_count:
        return AuditFinding(
            log.origin, "subtree", "rows", f"{seen} stored, {expected_count} expected"
        )
    return None


def _check_checkpoints(log: Log, tree: MemoryTree) -> AuditFinding | None:
    log_keys = keys.log_verifier_keys(log)
    for checkpoint in Checkpoint.objects.filter(log=log).order_by("size", "pk").iterator():
        where = f"size {checkpoint.size} (#{checkpoint.pk})"
        try:
            body = open_checkpoint(checkpoint.note, log_keys, origin=log.origin).checkpoint
        except (NoteError, CheckpointError) as error:
            return AuditFinding(log.origin, "checkpoint", where, f"bad signed note: {error}")
        if body.size != checkpoint.size or body.root_hash != bytes(checkpoint.root):
            return AuditFinding(log.origin, "checkpoint", where, "its row differs from its note")
        if checkpoint.size > tree.size:
            return AuditFinding(log.origin, "checkpoint", where, "is larger than the log")
        if tree_root(tree, checkpoint.size) != body.root_hash:
            return AuditFinding(
                log.origin, "checkpoint", where, "its root differs from the recomputed tree"
            )
    return None


def audit_log(log: Log) -> AuditFinding | None:
    """Give the first difference between the log's stored hashes and its entries, or None."""
    tree = MemoryTree()
    finding = _check_entries(log, tree) or _check_subtrees(log, tree)
    if finding is None and (tree.size != log.size or tree_root(tree, tree.size) != bytes(log.root)):
        finding = AuditFinding(
            log.origin, "log", "head", f"size {log.size} and root differ from the entries"
        )
    return finding or _check_checkpoints(log, tree)
