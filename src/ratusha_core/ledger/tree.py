"""Tree roots and proofs built from stored subtree hashes, plus an in-memory tree.

Storage layout. An append-only log never changes a *complete* subtree once its last
leaf arrives, so a store keeps exactly those hashes, addressed by ``(level, index)``:
the subtree at level ``L`` and index ``i`` covers leaves ``[i * 2**L, (i + 1) * 2**L)``.
Level 0 holds the leaf hashes. A database table ``(log, level, index) -> hash`` with
that primary key is enough:

- appending a leaf at index ``n`` writes the leaf hash, and then one more row for each
  trailing one bit of ``n`` (the subtrees it completes), so about two rows per entry;
- the root of a tree of any size ``n`` (including every older size, for old
  checkpoints) folds the ``popcount(n)`` complete subtrees that tile ``[0, n)``;
- every hash in an inclusion or consistency proof is a complete subtree or a tiling
  of one range by complete subtrees, so a proof needs ``O(log n)`` rows and never a
  scan. Every function here first plans the addresses it needs and then asks the store
  for all of them in one :meth:`SubtreeStore.read_subtrees` call (one ``SELECT ... IN``).

The same addresses map onto C2SP tlog-tiles: a tile at tile level ``T`` holds the
level ``8 * T`` hashes, 256 per full tile.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ratusha_core.ledger.merkle import (
    EMPTY_ROOT,
    MalformedProofError,
    ProofStep,
    is_subtree,
    leaf_hash,
    node_hash,
    split_point,
    subtree_proof_steps,
)


@dataclass(frozen=True, order=True)
class Subtree:
    """The address of one complete subtree: ``2**level`` leaves from ``index * 2**level``."""

    level: int
    index: int

    @property
    def start(self) -> int:
        """Give the first leaf index the subtree covers."""
        return self.index << self.level

    @property
    def end(self) -> int:
        """Give one past the last leaf index the subtree covers."""
        return (self.index + 1) << self.level


class SubtreeStore(Protocol):
    """Anything that can give the hashes of complete subtrees it already holds."""

    def read_subtrees(self, subtrees: Sequence[Subtree]) -> Sequence[bytes]:
        """Give the hash of each requested subtree, in the same order."""
        ...


@dataclass(frozen=True)
class InclusionProof:
    """The proof that leaf ``index`` is in the tree of ``size`` leaves (hashes bottom-up)."""

    index: int
    size: int
    hashes: tuple[bytes, ...]


@dataclass(frozen=True)
class ConsistencyProof:
    """The proof that the tree of ``size1`` leaves is a prefix of the one of ``size2``."""

    size1: int
    size2: int
    hashes: tuple[bytes, ...]


def range_subtrees(start: int, end: int) -> list[Subtree]:
    """Give the complete subtrees, left to right, that tile the subtree range ``[start, end)``.

    ``[start, end)`` must be a tree node range (``start`` aligned as in
    :func:`~ratusha_core.ledger.merkle.is_subtree`); its hash is then these subtrees'
    hashes folded from the right.
    """
    pieces: list[Subtree] = []
    position = start
    remaining = end - start
    while remaining:
        level = remaining.bit_length() - 1
        pieces.append(Subtree(level, position >> level))
        position += 1 << level
        remaining -= 1 << level
    return pieces


def _fold_right(hashes: Sequence[bytes]) -> bytes:
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def _read_ranges(store: SubtreeStore, ranges: Sequence[tuple[int, int]]) -> list[bytes]:
    """Give the hash of each range, reading all the subtrees they need in one call."""
    plans = [range_subtrees(start, end) for start, end in ranges]
    wanted = [subtree for plan in plans for subtree in plan]
    found = list(store.read_subtrees(wanted)) if wanted else []
    if len(found) != len(wanted):
        raise LookupError(f"store gave {len(found)} hashes for {len(wanted)} subtrees")
    hashes: list[bytes] = []
    position = 0
    for plan in plans:
        hashes.append(_fold_right(found[position : position + len(plan)]))
        position += len(plan)
    return hashes


def tree_root(store: SubtreeStore, size: int) -> bytes:
    """Give the root of the first ``size`` leaves of the log (``EMPTY_ROOT`` for 0)."""
    if size < 0:
        raise ValueError(f"a tree cannot have {size} leaves")
    if size == 0:
        return EMPTY_ROOT
    return _read_ranges(store, [(0, size)])[0]


def inclusion_proof(store: SubtreeStore, index: int, size: int) -> InclusionProof:
    """Give the RFC 9162 inclusion proof (PATH) for leaf ``index`` in a tree of ``size``."""
    if not 0 <= index < size:
        raise MalformedProofError(f"index {index} is outside a tree of size {size}")
    ranges: list[tuple[int, int]] = []
    lo, hi = 0, size
    while hi - lo > 1:
        mid = lo + split_point(hi - lo)
        if index < mid:
            ranges.append((mid, hi))
            hi = mid
        else:
            ranges.append((lo, mid))
            lo = mid
    ranges.reverse()  # proofs list hashes from the leaf upwards
    return InclusionProof(index, size, tuple(_read_ranges(store, ranges)))


def subtree_consistency_proof(
    store: SubtreeStore, start: int, end: int, size: int
) -> tuple[bytes, ...]:
    """Give the proof that the subtree ``[start, end)`` is part of the tree of ``size``."""
    if not (is_subtree(start, end) and end <= size):
        raise MalformedProofError(f"[{start}, {end}) is not a subtree of a tree of size {size}")
    steps, known = subtree_proof_steps(start, end, size)
    ranges: list[tuple[int, int]] = []
    lo, hi = 0, size
    for step in steps:
        mid = lo + split_point(hi - lo)
        if step is ProofStep.RIGHT_SIBLING:
            ranges.append((mid, hi))
            hi = mid
        else:  # the left part is the sibling both for LEFT_SIBLING and SPLIT
            ranges.append((lo, mid))
            lo = mid
    if not known:
        ranges.append((lo, hi))  # the last node reached is not the verifier's subtree
    ranges.reverse()
    return tuple(_read_ranges(store, ranges))


def consistency_proof(store: SubtreeStore, size1: int, size2: int) -> ConsistencyProof:
    """Give the RFC 9162 consistency proof from the tree of ``size1`` to that of ``size2``.

    From the empty tree, and between equal sizes, the proof is empty.
    """
    if not 0 <= size1 <= size2:
        raise MalformedProofError(f"size1 {size1} and size2 {size2} are not 0 <= size1 <= size2")
    if size1 == 0:
        return ConsistencyProof(size1, size2, ())
    return ConsistencyProof(size1, size2, subtree_consistency_proof(store, 0, size1, size2))


class MemoryTree:
    """An append-only Merkle tree kept in memory, level by level.

    It stores every complete subtree hash, so it answers :class:`SubtreeStore` reads for
    any tree size up to its own. Tests, benchmarks and offline audits use it; the
    database store in the Django app keeps the same hashes in a table.

    Example::

        tree = MemoryTree()
        tree.append(b"first entry")
        tree_root(tree, tree.size) == leaf_hash(b"first entry")  # True
    """

    def __init__(self) -> None:
        self._levels: list[list[bytes]] = [[]]

    @classmethod
    def from_leaf_inputs(cls, leaf_inputs: Iterable[bytes]) -> MemoryTree:
        """Give a tree holding these leaves, in order."""
        tree = cls()
        tree.extend_leaf_hashes(leaf_hash(leaf) for leaf in leaf_inputs)
        return tree

    @property
    def size(self) -> int:
        """Give the number of leaves."""
        return len(self._levels[0])

    def append(self, leaf_input: bytes) -> int:
        """Add one leaf and give its index."""
        return self.append_leaf_hash(leaf_hash(leaf_input))

    def append_leaf_hash(self, value: bytes) -> int:
        """Add one leaf by its hash and give its index."""
        levels = self._levels
        index = len(levels[0])
        levels[0].append(value)
        position, level, current = index, 0, value
        sha256 = hashlib.sha256
        while position & 1:
            # This leaf completes the subtree whose left half sits just before it.
            current = sha256(b"\x01" + levels[level][position - 1] + current).digest()
            level += 1
            position >>= 1
            if level == len(levels):
                levels.append([])
            levels[level].append(current)
        return index

    def extend_leaf_hashes(self, values: Iterable[bytes]) -> None:
        """Add many leaves by their hashes."""
        for value in values:
            self.append_leaf_hash(value)

    def read_subtrees(self, subtrees: Sequence[Subtree]) -> list[bytes]:
        """Give the hash of each requested complete subtree (a :class:`SubtreeStore` read)."""
        levels = self._levels
        try:
            return [levels[subtree.level][subtree.index] for subtree in subtrees]
        except IndexError:
            raise LookupError("a requested subtree is not complete yet") from None
