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
        """Give the hash of each requested complete subtree, in order (one query)."""
        if not subtrees:
            return []
        if connection.vendor == "postgresql":
            found = _read_postgresql(self.log_id, subtrees)
        else:
            found = _read_sqlite(self.log_id, subtrees)
        if None in found:
            raise LookupError(f"log {self.log_id} holds no such complete subtree")
        return found  # type: ignore[return-value]


# PostgreSQL: one fixed statement whatever the proof (about 0.2 ms to plan; Django turns
# off prepared statements for the sake of connection poolers, and preparing saved too
# little to matter). Each array element is one primary-key seek; ``n`` is the position in
# the request, so the answer needs no dictionary.
_POSTGRESQL = """
SELECT w."n", e."leaf_hash" FROM unnest(%(leaves)s::bigint[], %(leaf_n)s::int[]) AS w("i", "n")
JOIN "ledger_entry" e ON e."log_id" = %(log)s AND e."index" = w."i"
UNION ALL
SELECT w."n", s."hash"
FROM unnest(%(levels)s::smallint[], %(nodes)s::bigint[], %(node_n)s::int[]) AS w("l", "i", "n")
JOIN "ledger_subtreehash" s ON s."log_id" = %(log)s AND s."level" = w."l" AND s."index" = w."i"
"""


def _read_postgresql(log_id: int, subtrees: Sequence[Subtree]) -> list[bytes | None]:
    import psycopg  # only present with the PostgreSQL backend

    leaves: list[str] = []
    leaf_n: list[str] = []
    levels: list[str] = []
    nodes: list[str] = []
    node_n: list[str] = []
    for n, subtree in enumerate(subtrees):
        if subtree.level:
            levels.append(str(subtree.level))
            nodes.append(str(subtree.index))
            node_n.append(str(n))
        else:
            leaves.append(str(subtree.index))
            leaf_n.append(str(n))
    # Arrays go as text literals ('{1,2}'): psycopg's list dumper costs more than the query.
    params = {"log": log_id, "leaves": _array(leaves), "leaf_n": _array(leaf_n)}
    params |= {"levels": _array(levels), "nodes": _array(nodes), "node_n": _array(node_n)}
    found: list[bytes | None] = [None] * len(subtrees)
    connection.ensure_connection()
    # A server-side-binding cursor: no client-side interpolation of the statement.
    with psycopg.Cursor(connection.connection) as cursor:
        for n, value in cursor.execute(_POSTGRESQL, params, binary=True):
            found[n] = value
    return found


def _array(items: list[str]) -> str:
    return "{" + ",".join(items) + "}"


# SQLite: each term names the whole primary key, so every lookup is an index seek (SQLite
# would otherwise scan the log by its key prefix).
_LEAVES = 'SELECT 0, "index", "leaf_hash" FROM "ledger_entry" WHERE "log_id" = %s AND "index" IN ('
_NODES = 'SELECT "level", "index", "hash" FROM "ledger_subtreehash" WHERE '
_NODE = '("log_id" = %s AND "level" = %s AND "index" = %s)'


def _read_sqlite(log_id: int, subtrees: Sequence[Subtree]) -> list[bytes | None]:
    wanted = sorted({(s.level, s.index) for s in subtrees})
    leaves = [index for level, index in wanted if level == 0]
    upper = [(level, index) for level, index in wanted if level > 0]
    parts: list[str] = []
    params: list[int] = []
    if leaves:
        parts.append(_LEAVES + ", ".join(["%s"] * len(leaves)) + ")")
        params += [log_id, *leaves]
    if upper:
        parts.append(_NODES + " OR ".join([_NODE] * len(upper)))
        for level, index in upper:
            params += [log_id, level, index]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = {(level, index): bytes(value) for level, index, value in cursor.fetchall()}
    return [found.get((s.level, s.index)) for s in subtrees]


@dataclass
class Frontier:
    """The right edge of a growing tree: the complete subtrees that tile ``[0, size)``.

    ``edge`` holds ``(level, hash)`` from the left, highest level first. Appending a leaf
    merges equal-sized subtrees at the edge; each merge is a newly complete subtree to
    store. The root is the edge folded from the right.
    """

    size: int
    edge: list[tuple[int, bytes]]

    @classmethod
    def read(cls, store: DatabaseStore, size: int) -> Frontier:
        """Give the frontier of the first ``size`` leaves (one store read)."""
        subtrees = range_subtrees(0, size)
        hashes = store.read_subtrees(subtrees) if subtrees else []
        return cls(size, [(s.level, value) for s, value in zip(subtrees, hashes, strict=True)])

    def extend(self, leaves: Sequence[bytes]) -> list[tuple[int, int, bytes]]:
        """Add leaf hashes; give each subtree (level >= 1) they complete as (level, index, hash).

        The hot loop of every append: plain tuples and local names, no objects per node.
        """
        completed: list[tuple[int, int, bytes]] = []
        add = completed.append
        edge = self.edge
        pop, push = edge.pop, edge.append
        sha256 = hashlib.sha256
        position = self.size
        for value in leaves:
            level = 0
            while edge and edge[-1][0] == level:
                value = sha256(b"\x01" + pop()[1] + value).digest()
                level += 1
                add((level, position >> level, value))
            push((level, value))
            position += 1
        self.size = position
        return completed

    def root(self) -> bytes:
        """Give the root of the tree the frontier describes."""
        if not self.edge:
            return EMPTY_ROOT
        value = self.edge[-1][1]
        sha256 = hashlib.sha256
        for _level, left in reversed(self.edge[:-1]):
            value = sha256(b"\x01" + left + value).digest()
        return value
