"""Hypothesis properties: generated proofs verify, and any flipped bit breaks them."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ratusha_core.ledger.merkle import (
    EMPTY_ROOT,
    ProofError,
    is_subtree,
    leaf_hash,
    node_hash,
    split_point,
    verify_consistency,
    verify_inclusion,
    verify_subtree_consistency,
)
from ratusha_core.ledger.tree import (
    MemoryTree,
    consistency_proof,
    inclusion_proof,
    subtree_consistency_proof,
    tree_root,
)

MAX_SIZE = 1100
LEAVES = [f"entry {number}".encode() for number in range(MAX_SIZE)]
TREE = MemoryTree.from_leaf_inputs(LEAVES)


def reference_root(leaves: Sequence[bytes]) -> bytes:
    """The RFC 9162 definition of MTH, written recursively and independently of the store."""
    if not leaves:
        return EMPTY_ROOT
    if len(leaves) == 1:
        return leaf_hash(leaves[0])
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(reference_root(leaves[:k]), reference_root(leaves[k:]))


ROOTS = [tree_root(TREE, size) for size in range(MAX_SIZE + 1)]


def flip(value: bytes, bit: int) -> bytes:
    """Give ``value`` with one bit flipped (``bit`` wraps around its length)."""
    bit %= len(value) * 8
    changed = bytearray(value)
    changed[bit // 8] ^= 1 << (bit % 8)
    return bytes(changed)


def fails(check: object) -> bool:
    assert callable(check)
    try:
        check()
    except ProofError:
        return True
    return False


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=8), max_size=70))
def test_root_matches_reference_definition(leaves: list[bytes]) -> None:
    tree = MemoryTree.from_leaf_inputs(leaves)
    assert tree_root(tree, len(leaves)) == reference_root(leaves)


def test_stored_roots_match_reference_definition_for_small_sizes() -> None:
    for size in range(70):
        assert ROOTS[size] == reference_root(LEAVES[:size])
    assert ROOTS[MAX_SIZE] == reference_root(LEAVES)


def test_split_point_is_largest_power_of_two_below() -> None:
    assert [split_point(n) for n in (2, 3, 4, 5, 8, 9, 1024, 1025)] == [1, 2, 2, 4, 4, 8, 512, 1024]


sizes_and_index = st.integers(1, MAX_SIZE).flatmap(
    lambda size: st.tuples(st.just(size), st.integers(0, size - 1))
)


@settings(max_examples=300, deadline=None)
@given(sizes_and_index, st.integers(0, 2**20))
def test_inclusion_proof_verifies_and_any_flipped_bit_fails(
    size_index: tuple[int, int], bit: int
) -> None:
    size, index = size_index
    proof = inclusion_proof(TREE, index, size)
    hashes = list(proof.hashes)
    leaf, root = leaf_hash(LEAVES[index]), ROOTS[size]
    verify_inclusion(leaf_hash=leaf, index=index, size=size, proof=hashes, root=root)

    assert fails(
        lambda: verify_inclusion(
            leaf_hash=flip(leaf, bit), index=index, size=size, proof=hashes, root=root
        )
    )
    assert fails(
        lambda: verify_inclusion(
            leaf_hash=leaf, index=index, size=size, proof=hashes, root=flip(root, bit)
        )
    )
    for position in range(len(hashes)):
        tampered = [*hashes]
        tampered[position] = flip(tampered[position], bit)
        assert fails(
            lambda t=tampered: verify_inclusion(
                leaf_hash=leaf, index=index, size=size, proof=t, root=root
            )
        )
    # A proof with a hash dropped or added is refused too.
    if hashes:
        assert fails(
            lambda: verify_inclusion(
                leaf_hash=leaf, index=index, size=size, proof=hashes[:-1], root=root
            )
        )
    assert fails(
        lambda: verify_inclusion(
            leaf_hash=leaf, index=index, size=size, proof=[*hashes, root], root=root
        )
    )


two_sizes = st.integers(0, MAX_SIZE).flatmap(
    lambda size2: st.tuples(st.integers(0, size2), st.just(size2))
)


@settings(max_examples=300, deadline=None)
@given(two_sizes, st.integers(0, 2**20))
def test_consistency_proof_verifies_and_any_flipped_bit_fails(
    sizes: tuple[int, int], bit: int
) -> None:
    size1, size2 = sizes
    hashes = list(consistency_proof(TREE, size1, size2).hashes)
    root1, root2 = ROOTS[size1], ROOTS[size2]
    verify_consistency(size1=size1, size2=size2, root1=root1, root2=root2, proof=hashes)

    assert fails(
        lambda: verify_consistency(
            size1=size1, size2=size2, root1=flip(root1, bit), root2=root2, proof=hashes
        )
    )
    if size1 > 0:  # from the empty tree the new root is not provable (documented choice)
        assert fails(
            lambda: verify_consistency(
                size1=size1, size2=size2, root1=root1, root2=flip(root2, bit), proof=hashes
            )
        )
    for position in range(len(hashes)):
        tampered = [*hashes]
        tampered[position] = flip(tampered[position], bit)
        assert fails(
            lambda t=tampered: verify_consistency(
                size1=size1, size2=size2, root1=root1, root2=root2, proof=t
            )
        )


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, MAX_SIZE),
    st.integers(0, 10),
    st.integers(0, MAX_SIZE),
    st.integers(0, 2**20),
)
def test_subtree_consistency_proof_verifies_and_any_flipped_bit_fails(
    size: int, level: int, index: int, bit: int
) -> None:
    width = 1 << level
    start = (index % max(1, size // width)) * width
    end = min(start + width, size)
    if not (start < end and is_subtree(start, end)):
        return
    hashes = list(subtree_consistency_proof(TREE, start, end, size))
    subtree_root = reference_root(LEAVES[start:end])
    verify_subtree_consistency(
        start=start, end=end, size=size, subtree_root=subtree_root, root=ROOTS[size], proof=hashes
    )
    assert fails(
        lambda: verify_subtree_consistency(
            start=start,
            end=end,
            size=size,
            subtree_root=flip(subtree_root, bit),
            root=ROOTS[size],
            proof=hashes,
        )
    )
    for position in range(len(hashes)):
        tampered = [*hashes]
        tampered[position] = flip(tampered[position], bit)
        assert fails(
            lambda t=tampered: verify_subtree_consistency(
                start=start,
                end=end,
                size=size,
                subtree_root=subtree_root,
                root=ROOTS[size],
                proof=t,
            )
        )


def test_plain_consistency_is_subtree_consistency_from_zero() -> None:
    for size1, size2 in [(1, 2), (3, 7), (4, 1000), (1000, 1100)]:
        plain = consistency_proof(TREE, size1, size2).hashes
        assert plain == subtree_consistency_proof(TREE, 0, size1, size2)


def test_proofs_read_logarithmically_many_subtrees() -> None:
    class CountingStore:
        def __init__(self) -> None:
            self.reads = 0
            self.calls = 0

        def read_subtrees(self, subtrees: Sequence[object]) -> list[bytes]:
            self.calls += 1
            self.reads += len(subtrees)
            return TREE.read_subtrees(subtrees)  # type: ignore[arg-type]

    store = CountingStore()
    inclusion_proof(store, 777, 1099)
    assert store.calls == 1 and store.reads <= 2 * 11
    store.reads = store.calls = 0
    consistency_proof(store, 333, 1099)
    assert store.calls == 1 and store.reads <= 2 * 11


def test_memory_tree_refuses_subtrees_it_does_not_hold() -> None:
    tree = MemoryTree.from_leaf_inputs([b"a", b"b", b"c"])
    with pytest.raises(LookupError):
        tree_root(tree, 4)
    with pytest.raises(ProofError):
        inclusion_proof(tree, 3, 3)
