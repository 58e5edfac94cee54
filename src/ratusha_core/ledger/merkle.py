"""RFC 9162 Merkle tree hashing and proof verification for Ratusha's public ledger.

Hashing (RFC 9162, section 2.1.1), with SHA-256:

- the root of the empty tree is ``SHA-256("")``;
- a leaf hash is ``SHA-256(0x00 || leaf input)``;
- an interior node is ``SHA-256(0x01 || left || right)``, and a tree of ``n > 1`` leaves
  splits at ``k``, the largest power of two below ``n``.

Every ``verify_*`` function returns ``None`` when the proof holds and raises a
:class:`ProofError` otherwise: :class:`MalformedProofError` when the sizes, indexes or
proof length are impossible, :class:`RootMismatchError` when the hashes do not add up.
The ``root_from_*`` functions give the recomputed root, for callers (a witness, an
auditor) that want to compare it themselves.

Proofs from the empty tree. The two conformance sets disagree on a consistency proof
from size 0: ``merkle-cctv-rgdd`` says 0 -> 0 and 0 -> n are valid with an empty proof,
while ``transparency-dev/merkle`` refuses any proof from size 0 as meaningless. Ratusha
follows the first, because the empty tree is a prefix of every tree and a witness that
has seen nothing must accept a log's first checkpoint: from size 0 the proof must be
empty and the old root must be ``SHA-256("")``. From 0 -> n nothing about the new root
can be proven, so any new root is accepted (its signature is what vouches for it).
transparency-dev's own subtree vectors use the same rule for empty subtrees.

Subtrees. :func:`verify_subtree_inclusion` and :func:`verify_subtree_consistency`
implement the subtree proofs of the Merkle Tree Certificates draft (a subtree
``[start, end)`` with ``start`` a multiple of the smallest power of two at least
``end - start``); a plain consistency proof is the subtree proof for ``[0, size1)``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from enum import Enum

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

_sha256 = hashlib.sha256


class ProofError(ValueError):
    """A Merkle proof that does not hold."""


class MalformedProofError(ProofError):
    """A proof whose sizes, indexes, hash lengths or number of hashes are impossible."""


class RootMismatchError(ProofError):
    """A proof that is well formed but recomputes a different root."""

    def __init__(self, expected: bytes, computed: bytes) -> None:
        super().__init__(f"computed root {computed.hex()} does not match {expected.hex()}")
        self.expected = expected
        self.computed = computed


def leaf_hash(leaf_input: bytes) -> bytes:
    """Give the RFC 9162 hash of one leaf: SHA-256(0x00 || leaf input)."""
    return _sha256(b"\x00" + leaf_input).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Give the RFC 9162 hash of an interior node: SHA-256(0x01 || left || right)."""
    return _sha256(b"\x01" + left + right).digest()


def split_point(size: int) -> int:
    """Give the largest power of two strictly below ``size`` (``size`` must be >= 2)."""
    return 1 << ((size - 1).bit_length() - 1)


def is_subtree(start: int, end: int) -> bool:
    """Tell whether ``[start, end)`` is a non-empty subtree that some tree node covers."""
    if not 0 <= start < end:
        return False
    width = 1 << (end - start - 1).bit_length()  # smallest power of two >= end - start
    return start % width == 0


def _check_hash(value: bytes, what: str) -> None:
    if len(value) != HASH_SIZE:
        raise MalformedProofError(f"{what} has {len(value)} bytes, expected {HASH_SIZE}")


def _check_proof_hashes(proof: Sequence[bytes]) -> None:
    for position, value in enumerate(proof):
        _check_hash(value, f"proof hash {position}")


def _require_match(expected: bytes, computed: bytes) -> None:
    if expected != computed:
        raise RootMismatchError(expected, computed)


# --- inclusion -------------------------------------------------------------------------


def root_from_inclusion_proof(
    *, leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes]
) -> bytes:
    """Give the root that an inclusion proof implies for ``leaf_hash`` at ``index``.

    Raises
    :class:`MalformedProofError` if ``index`` is outside the tree or the proof has the
    wrong number of hashes for that index and size.
    """
    if not 0 <= index < size:
        raise MalformedProofError(f"index {index} is outside a tree of size {size}")
    _check_hash(leaf_hash, "leaf hash")
    # The path splits in two: below the level where it parts from the last leaf's path
    # ("inner") siblings sit on either side; above it ("border") they are all on the
    # left. This is RFC 9162's algorithm (section 2.1.3.2) with the shifts precomputed.
    inner = (index ^ (size - 1)).bit_length()
    if len(proof) != inner + (index >> inner).bit_count():
        raise MalformedProofError(
            f"proof has {len(proof)} hashes, expected {inner + (index >> inner).bit_count()}"
        )
    sha256 = _sha256  # a local name: this loop is the verifier's hot path
    result = leaf_hash
    for level, sibling in enumerate(proof):
        if len(sibling) != HASH_SIZE:
            raise MalformedProofError(f"proof hash {level} has {len(sibling)} bytes")
        if level < inner and not (index >> level) & 1:
            result = sha256(b"\x01" + result + sibling).digest()
        else:
            result = sha256(b"\x01" + sibling + result).digest()
    return result


def verify_inclusion(
    *, leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that ``leaf_hash`` is leaf number ``index`` of the tree with ``root``.

    Example: ``verify_inclusion(leaf_hash=h, index=0, size=1, proof=[], root=h)``
    returns ``None``; any mismatch raises :class:`ProofError`.
    """
    computed = root_from_inclusion_proof(leaf_hash=leaf_hash, index=index, size=size, proof=proof)
    _require_match(root, computed)


def verify_subtree_inclusion(
    *,
    leaf_hash: bytes,
    index: int,
    start: int,
    end: int,
    proof: Sequence[bytes],
    subtree_root: bytes,
) -> None:
    """Check that ``leaf_hash`` is leaf ``index`` of the subtree ``[start, end)``."""
    if not is_subtree(start, end):
        raise MalformedProofError(f"[{start}, {end}) is not a subtree")
    if not start <= index < end:
        raise MalformedProofError(f"index {index} is outside the subtree [{start}, {end})")
    computed = root_from_inclusion_proof(
        leaf_hash=leaf_hash, index=index - start, size=end - start, proof=proof
    )
    _require_match(subtree_root, computed)


# --- consistency ---------------------------------------------------------------------


class ProofStep(Enum):
    """How one proof hash joins the path, read from the root downwards."""

    RIGHT_SIBLING = 1  # the path goes left; the hash is the right part of the tree
    LEFT_SIBLING = 2  # the path goes right; the hash is a left part outside the subtree
    SPLIT = 3  # the subtree spans both halves; the hash is the subtree's own left part


def subtree_proof_steps(start: int, end: int, size: int) -> tuple[list[ProofStep], bool]:
    """Give the steps of a subtree consistency proof and whether it ends on a known hash.

    This walks SUBTREE_SUBPROOF of the Merkle Tree Certificates draft (which reduces to
    RFC 9162's SUBPROOF for ``start == 0``) from the root down. The flag is true when
    the walk ends on the very subtree whose root the verifier already holds, so that
    its hash is left out of the proof.
    """
    steps: list[ProofStep] = []
    lo, hi, known = 0, size, True
    while not (start == lo and end == hi):
        mid = lo + split_point(hi - lo)
        if end <= mid:
            steps.append(ProofStep.RIGHT_SIBLING)
            hi = mid
        elif start >= mid:
            steps.append(ProofStep.LEFT_SIBLING)
            lo = mid
        else:  # start == lo here, because subtrees are aligned
            steps.append(ProofStep.SPLIT)
            lo = start = mid
            known = False
    return steps, known


def root_from_subtree_consistency_proof(
    *, start: int, end: int, size: int, subtree_root: bytes, proof: Sequence[bytes]
) -> bytes:
    """Give the root of the tree of ``size`` implied by a subtree consistency proof.

    The proof is checked against ``subtree_root`` on the way, so a returned root means
    the subtree ``[start, end)`` with that root is part of the tree with the result.
    """
    if not start <= end <= size:
        raise MalformedProofError(f"[{start}, {end}) does not fit in a tree of size {size}")
    if start != end and not is_subtree(start, end):
        raise MalformedProofError(f"[{start}, {end}) is not a subtree")
    if start == end:
        raise MalformedProofError("an empty subtree proves nothing about the tree's root")
    _check_proof_hashes(proof)
    steps, known = subtree_proof_steps(start, end, size)
    if len(proof) != len(steps) + (0 if known else 1):
        raise MalformedProofError(
            f"proof has {len(proof)} hashes, expected {len(steps) + (0 if known else 1)}"
        )
    position = 0
    if known:
        sub = tree = subtree_root
    else:
        sub = tree = proof[0]
        position = 1
    for step in reversed(steps):
        sibling = proof[position]
        position += 1
        if step is ProofStep.RIGHT_SIBLING:
            tree = node_hash(tree, sibling)
        elif step is ProofStep.LEFT_SIBLING:
            tree = node_hash(sibling, tree)
        else:
            sub = node_hash(sibling, sub)
            tree = node_hash(sibling, tree)
    _require_match(subtree_root, sub)
    return tree


def verify_subtree_consistency(
    *,
    start: int,
    end: int,
    size: int,
    subtree_root: bytes,
    root: bytes,
    proof: Sequence[bytes],
) -> None:
    """Check that the subtree ``[start, end)`` with ``subtree_root`` is in the tree ``root``.

    An empty subtree (``start == end``) is in every tree: its proof must be empty and
    its root must be the empty-tree hash (see the module docstring).
    """
    if start == end and 0 <= start <= size:
        if proof:
            raise MalformedProofError("a proof from an empty subtree must be empty")
        _require_match(EMPTY_ROOT, subtree_root)
        return
    computed = root_from_subtree_consistency_proof(
        start=start, end=end, size=size, subtree_root=subtree_root, proof=proof
    )
    _require_match(root, computed)


def root_from_consistency_proof(
    *, size1: int, size2: int, root1: bytes, proof: Sequence[bytes]
) -> bytes:
    """Give the root of the tree of ``size2`` implied by a consistency proof from ``size1``.

    Raises :class:`MalformedProofError` for ``size1 == 0 < size2``, where the proof is
    empty and implies nothing (use :func:`verify_consistency` for that case).
    """
    if not 0 <= size1 <= size2:
        raise MalformedProofError(f"size1 {size1} and size2 {size2} are not 0 <= size1 <= size2")
    if size1 == 0:
        if proof:
            raise MalformedProofError("a proof from the empty tree must be empty")
        _require_match(EMPTY_ROOT, root1)
        if size2 != 0:
            raise MalformedProofError("a proof from the empty tree implies no root")
        return root1
    return root_from_subtree_consistency_proof(
        start=0, end=size1, size=size2, subtree_root=root1, proof=proof
    )


def verify_consistency(
    *, size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]
) -> None:
    """Check that the tree (``size1``, ``root1``) is a prefix of (``size2``, ``root2``).

    From the empty tree the proof must be empty and ``root1`` must be the empty-tree
    hash; any ``root2`` is then accepted (see the module docstring for why).
    """
    if size1 == 0 and size2 > 0:
        if proof:
            raise MalformedProofError("a proof from the empty tree must be empty")
        _require_match(EMPTY_ROOT, root1)
        return
    computed = root_from_consistency_proof(size1=size1, size2=size2, root1=root1, proof=proof)
    _require_match(root2, computed)
