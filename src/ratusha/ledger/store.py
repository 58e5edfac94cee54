"""The tree hashes of a log, read from the database as a ``SubtreeStore``.

Leaf hashes (level 0) are read from :class:`~ratusha.ledger.models.Entry`, higher complete
subtrees from :class:`~ratusha.ledger.models.SubtreeHash`. A read of any number of
subtrees is one query of primary-key seeks, so roots and proofs need O(log n) rows and
never a scan.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from ratusha_core.ledger.merkle import EMPTY_ROOT
from ratusha_core.ledger.tree import Subtree, range_subtrees


class DatabaseStore:
    """A :class:`~ratusha_core.ledger.tree.SubtreeStore` over one log's rows."""

    def __init__(self, log_id: int) -> None:
        self.log_id = log_id

    def read_subtrees(self, subtrees: Sequence[Subtree]) -> list[bytes]:
        """Give the hash of each requested complete subtree, in order (one query).

        The SQL is written out rather than built by the ORM: a proof asks for about
        30 addresses and the ORM would spend milliseconds compiling the filter.
        """
        wanted = sorted({(s.level, s.index) for s in subtrees})
        leaves = [index for level, index in wanted if level == 0]
        upper = [(level, index) for level, index in wanted if level > 0]
        parts: list[str] = []
        params: list[int] = []
        if leaves:
            parts.append(_LEAVES + ", ".join(["%s"] * len(leaves)) + ")")
            params += [self.log_id, *leaves]
        if upper:
            parts.append(_NODES + " OR ".join([_NODE] * len(upper)))
            for level, index in upper:
                params += [self.log_id, level, index]
        found: dict[tuple[int, int], bytes] = {}
        if parts:
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(parts), params)
                for level, index, value in cursor.fetchall():
                    found[(level, index)] = bytes(value)
        try:
            return [found[(s.level, s.index)] for s in subtrees]
        except KeyError:
            raise LookupError(f"log {self.log_id} holds no such complete subtree") from None


# Each term names the whole primary key, so every lookup is an index seek (SQLite would
# otherwise scan the log by its key prefix).
_LEAVES = 'SELECT 0, "index", "leaf_hash" FROM "ledger_entry" WHERE "log_id" = %s AND "index" IN ('
_NODES = 'SELECT "level", "index", "hash" FROM "ledger_subtreehash" WHERE '
_NODE = '("log_id" = %s AND "level" = %s AND "index" = %s)'


@dataclass
class Frontier:
    """The right edge of a growing tree: the complete subtrees that tile ``[0, size)``.

    Appending a leaf merges equal-sized subtrees at the edge; each merge is a newly
    complete subtree to store. The root is the edge folded from the right.
    """

    size: int
    edge: list[tuple[Subtree, bytes]]

    @classmethod
    def read(cls, store: DatabaseStore, size: int) -> Frontier:
        """Give the frontier of the first ``size`` leaves (one store read)."""
        subtrees = range_subtrees(0, size)
        hashes = store.read_subtrees(subtrees) if subtrees else []
        return cls(size, list(zip(subtrees, hashes, strict=True)))

    def append(self, leaf: bytes) -> list[tuple[Subtree, bytes]]:
        """Add a leaf hash and give the subtrees (level >= 1) it completes."""
        completed: list[tuple[Subtree, bytes]] = []
        node, value = Subtree(0, self.size), leaf
        sha256 = hashlib.sha256
        while self.edge and self.edge[-1][0].level == node.level:
            _left, left_value = self.edge.pop()
            node = Subtree(node.level + 1, node.index >> 1)
            value = sha256(b"\x01" + left_value + value).digest()
            completed.append((node, value))
        self.edge.append((node, value))
        self.size += 1
        return completed

    def root(self) -> bytes:
        """Give the root of the tree the frontier describes."""
        if not self.edge:
            return EMPTY_ROOT
        value = self.edge[-1][1]
        sha256 = hashlib.sha256
        for _node, left in reversed(self.edge[:-1]):
            value = sha256(b"\x01" + left + value).digest()
        return value
