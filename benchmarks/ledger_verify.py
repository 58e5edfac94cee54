"""Verifications per second on one core, pure ``ratusha_core`` (no database).

Used by ``ledger_db.py --verify-only`` and at the end of ``--db both``.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def bench_verifications(seconds: float = 2.0) -> dict[str, float]:
    """Give verifications per second on one core (pure ratusha_core)."""
    from ratusha_core.ledger.checkpoint import Checkpoint, sign_checkpoint
    from ratusha_core.ledger.merkle import verify_inclusion
    from ratusha_core.ledger.receipt import Receipt, verify_receipt
    from ratusha_core.ledger.tree import MemoryTree, Subtree, inclusion_proof, tree_root
    from ratusha_core.signing.keys import SigningKey
    from ratusha_core.signing.note import NoteSigner

    size = 1 << 20
    tree = MemoryTree()
    tree.extend_leaf_hashes(i.to_bytes(32, "big") for i in range(size))
    root = tree_root(tree, size)
    rng = random.Random(2)
    cases = []
    for _ in range(1000):
        index = rng.randrange(size)
        cases.append(
            (
                tree.read_subtrees([Subtree(0, index)])[0],
                index,
                inclusion_proof(tree, index, size).hashes,
            )
        )
    count, started, cpu_started = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for value, index, proof in cases:
            verify_inclusion(leaf_hash=value, index=index, size=size, proof=proof, root=root)
        count += len(cases)
    inclusion_rate = count / (time.perf_counter() - started)
    inclusion_cpu_rate = count / (time.process_time() - cpu_started)
    signer = NoteSigner("bench/ledger/A", SigningKey(bytes(32)))
    leaves = [f'{{"n":{n}}}'.encode() for n in range(1000)]
    small = MemoryTree.from_leaf_inputs(leaves)
    note = sign_checkpoint(Checkpoint("bench/ledger/A", 1000, tree_root(small, 1000)), [signer])
    receipts = [
        Receipt(leaves[i], i, 1000, inclusion_proof(small, i, 1000).hashes, note)
        for i in range(0, 1000, 10)
    ]
    keys = [signer.verifier_key]
    count, started, cpu_started = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for receipt in receipts:
            verify_receipt(receipt, keys)
        count += len(receipts)
    return {
        "inclusion_verifications_per_s": inclusion_rate,
        "inclusion_verifications_per_cpu_s": inclusion_cpu_rate,
        "receipt_verifications_per_s": count / (time.perf_counter() - started),
        "receipt_verifications_per_cpu_s": count / (time.process_time() - cpu_started),
    }


def bench_verifications_only() -> str:
    figures = bench_verifications()
    return (
        f"== verifications, one core ==\ninclusion proofs at 2^20 entries: "
        f"{figures['inclusion_verifications_per_s']:,.0f}/s wall clock "
        f"({figures['inclusion_verifications_per_cpu_s']:,.0f} per CPU-second); whole receipts "
        f"(Ed25519 checkpoint signature + inclusion): "
        f"{figures['receipt_verifications_per_s']:,.0f}/s "
        f"({figures['receipt_verifications_per_cpu_s']:,.0f} per CPU-second); load {_load()}"
    )
