"""Roots and proofs from the database equal the in-memory tree's, in a constant number of reads."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from ratusha.ledger.actions import append, append_many, integrate, leaf_bytes, log_for_body
from ratusha.ledger.models import Entry, Log
from ratusha.ledger.store import DatabaseStore
from ratusha_core.ledger.merkle import verify_consistency, verify_inclusion
from ratusha_core.ledger.tree import (
    MemoryTree,
    Subtree,
    consistency_proof,
    inclusion_proof,
    tree_root,
)
from ratusha_core.signing.canonical import canonical_json

pytestmark = pytest.mark.django_db


def _grow(log: Log, count: int, rng: random.Random) -> None:
    """Append ``count`` entries and integrate them in batches of random sizes."""
    done = 0
    while done < count:
        chunk = min(count - done, rng.randint(1, 40))
        append_many(log, [("test.event", {"n": done + n}, "") for n in range(chunk)])
        done += chunk
        integrate(log, limit=rng.randint(1, 40))
    while integrate(log):
        pass


def _memory(log: Log) -> MemoryTree:
    rows = Entry.objects.filter(log=log).order_by("index").values_list("leaf_input", flat=True)
    return MemoryTree.from_leaf_inputs(text.encode() for text in rows)


def test_database_store_matches_the_memory_tree(world: Any) -> None:
    rng = random.Random(5)
    log = log_for_body(world.bodies["A"])
    _grow(log, 150, rng)
    log.refresh_from_db()
    memory, store = _memory(log), DatabaseStore(log.pk)
    assert memory.size == log.size == 150
    sizes = [1, 2, 3, 64, 65, 127, 128, 149, 150, *rng.sample(range(1, 151), 10)]
    for size in sizes:
        root = tree_root(store, size)
        assert root == tree_root(memory, size)
        for index in {0, size - 1, rng.randrange(size)}:
            proof = inclusion_proof(store, index, size)
            assert proof == inclusion_proof(memory, index, size)
            verify_inclusion(
                leaf_hash=store.read_subtrees([Subtree(0, index)])[0],
                index=index,
                size=size,
                proof=proof.hashes,
                root=root,
            )
        older = rng.randint(0, size)
        proof2 = consistency_proof(store, older, size)
        assert proof2 == consistency_proof(memory, older, size)
        verify_consistency(
            size1=older,
            size2=size,
            root1=tree_root(memory, older),
            root2=root,
            proof=proof2.hashes,
        )


def test_a_proof_costs_the_same_few_queries_whatever_the_size(world: Any) -> None:
    rng = random.Random(7)
    log = log_for_body(world.bodies["A"])
    counts = []
    for target in (40, 300):
        _grow(log, target - Log.objects.get(pk=log.pk).size, rng)
        store = DatabaseStore(log.pk)
        with CaptureQueriesContext(connection) as queries:
            inclusion_proof(store, 13, target)
            consistency_proof(store, 17, target)
            tree_root(store, target)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6
    assert all("ledger_pendingentry" not in q["sql"] for q in queries.captured_queries)


def test_a_missing_subtree_is_an_error_not_a_wrong_proof(world: Any) -> None:
    log = log_for_body(world.bodies["B"])
    for n in range(4):
        append(log, "test.event", {"n": n})
    integrate(log)
    with pytest.raises(LookupError):
        inclusion_proof(DatabaseStore(log.pk), 0, 8)


@settings(deadline=None)  # timing is not the point, and the machine is shared
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    )
)
def test_the_fast_leaf_encoding_is_rfc_8785(value: Any) -> None:
    leaf = {"payload": value}
    try:
        expected = canonical_json(leaf)
    except ValueError:  # numbers RFC 8785 cannot carry exactly
        return
    assert leaf_bytes(leaf) == expected
