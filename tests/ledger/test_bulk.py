"""Bulk appends: the direct path, COPY escaping, and a damaged pending row stopping a batch."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from ratusha.ledger.actions import append, append_many, integrate, log_for_body
from ratusha.ledger.audit import audit_log
from ratusha.ledger.models import Checkpoint, Entry, Log, PendingEntry, SubtreeHash
from ratusha.ledger.store import DatabaseStore
from ratusha_core.ledger.merkle import verify_inclusion
from ratusha_core.ledger.tree import MemoryTree, inclusion_proof, tree_root

pytestmark = pytest.mark.django_db

# Characters COPY's text format must escape, and some it must not touch.
AWKWARD = ["back\\slash", "tab\there", "new\nline", "cr\rhere", 'quote"', "Мінск ✓", "\\N"]


def _events(start: int, count: int) -> list[tuple[str, dict[str, Any], str]]:
    return [
        ("test.event", {"n": n, "text": AWKWARD[n % len(AWKWARD)]}, AWKWARD[n % len(AWKWARD)])
        for n in range(start, start + count)
    ]


def test_direct_and_queued_appends_make_one_auditable_tree(world: Any) -> None:
    log = log_for_body(world.bodies["A"])
    queued = append_many(log, _events(0, 5))
    direct = append_many(log, _events(5, 40), integrate=True)  # numbered before the queue
    assert Log.objects.get(pk=log.pk).size == 40
    assert PendingEntry.objects.filter(log=log).count() == 5
    assert integrate(log) == 5
    append(log, "test.event", {"n": 45})
    integrate(log)
    log.refresh_from_db()
    stored = list(Entry.objects.filter(log=log).order_by("index"))
    assert [e.index for e in stored] == list(range(46))
    leaves = [e.leaf_input.encode() for e in stored]
    assert leaves[:40] == [q.leaf_input for q in direct]
    assert leaves[40:45] == [q.leaf_input for q in queued]
    assert [e.subject for e in stored[:7]] == AWKWARD[5 % 7 :] + AWKWARD[: 5 % 7]
    memory = MemoryTree.from_leaf_inputs(leaves)
    assert bytes(log.root) == tree_root(memory, 46)
    assert SubtreeHash.objects.filter(log=log).count() == 46 - (46).bit_count()
    assert Checkpoint.objects.filter(log=log, size=40).exists()
    proof = inclusion_proof(DatabaseStore(log.pk), 17, 46)
    verify_inclusion(
        leaf_hash=bytes(stored[17].leaf_hash), index=17, size=46, proof=proof.hashes, root=log.root
    )
    assert audit_log(log) is None


def test_a_pending_row_with_a_wrong_leaf_hash_stops_its_batch(world: Any) -> None:
    log = log_for_body(world.bodies["A"])
    append_many(log, _events(0, 3))
    row = PendingEntry.objects.filter(log=log).order_by("id")[1]
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {q('ledger_pendingentry')} SET {q('leaf_hash')} = %s WHERE id = %s",  # noqa: S608
            [b"\x00" * 32, row.pk],
        )
    with pytest.raises(ValueError, match="wrong leaf hash"):
        integrate(log)
    assert Log.objects.get(pk=log.pk).size == 0
    assert PendingEntry.objects.filter(log=log).count() == 3
