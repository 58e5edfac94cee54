"""Proof generation and verification at 10,000,000 entries, with a compact subtree store.

    .venv/bin/python benchmarks/ledger_proofs_10m.py [--leaves 10000000] [--proofs 5000]

The store keeps every complete subtree hash of a level in one ``bytes`` object (32 bytes
a hash: about 640 MB for 10 M leaves, against 3.2 GB for ``MemoryTree``), and answers
``read_subtrees`` by slicing, as a database answers primary-key seeks. Proofs are made by
``ratusha_core.ledger.tree`` (the same planner the database store uses: one read call per
proof) and verified by ``ratusha_core.ledger.merkle``. Leaves are synthetic entries
``{"n":i,"type":"bench"}``.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ratusha_core.ledger.merkle import verify_consistency, verify_inclusion
from ratusha_core.ledger.tree import (
    Subtree,
    consistency_proof,
    inclusion_proof,
    tree_root,
)


class PackedStore:
    """Every complete subtree hash, one packed ``bytes`` per level."""

    def __init__(self, size: int) -> None:
        sha256 = hashlib.sha256
        self.size = size
        self.levels: list[bytes] = [
            b"".join(sha256(b'\x00{"n":%d,"type":"bench"}' % i).digest() for i in range(size))
        ]
        while len(self.levels[-1]) >= 64:
            below = self.levels[-1]
            pairs = len(below) // 64
            self.levels.append(
                b"".join(
                    sha256(b"\x01" + below[j : j + 64]).digest() for j in range(0, pairs * 64, 64)
                )
            )

    def read_subtrees(self, subtrees: Sequence[Subtree]) -> list[bytes]:
        levels = self.levels
        return [levels[s.level][s.index * 32 : s.index * 32 + 32] for s in subtrees]

    def leaf_hash(self, index: int) -> bytes:
        return self.levels[0][index * 32 : index * 32 + 32]


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    return (
        f"median {statistics.median(values) * 1000:.3f} ms, "
        f"p95 {ordered[int(len(ordered) * 0.95)] * 1000:.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=10_000_000)
    parser.add_argument("--proofs", type=int, default=5000)
    args = parser.parse_args()
    size = args.leaves
    started = time.perf_counter()
    store = PackedStore(size)
    built = time.perf_counter() - started
    stored = sum(len(level) for level in store.levels)
    print(f"built {size:,} leaves and all subtree hashes in {built:.0f} s ({stored / 1e6:,.0f} MB)")
    root = tree_root(store, size)
    rng = random.Random(1)
    inclusions, consistencies, cases = [], [], []
    for _ in range(args.proofs):
        index = rng.randrange(size)
        t0 = time.perf_counter()
        proof = inclusion_proof(store, index, size)
        inclusions.append(time.perf_counter() - t0)
        older = rng.randint(1, size)
        t0 = time.perf_counter()
        growth = consistency_proof(store, older, size)
        consistencies.append(time.perf_counter() - t0)
        cases.append((index, proof.hashes, older, growth.hashes))
    print(f"inclusion proof at {size:,}: {_ms(inclusions)}")
    print(f"consistency proof at {size:,}: {_ms(consistencies)}")
    roots = {older: tree_root(store, older) for _i, _p, older, _g in cases[:1000]}
    count, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < 2.0:
        for index, hashes, _older, _growth in cases[:1000]:
            verify_inclusion(
                leaf_hash=store.leaf_hash(index), index=index, size=size, proof=hashes, root=root
            )
        count += 1000
    print(f"inclusion verifications at {size:,}: {count / (time.perf_counter() - t0):,.0f}/s")
    count, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < 2.0:
        for _index, _hashes, older, growth in cases[:1000]:
            verify_consistency(
                size1=older, size2=size, root1=roots[older], root2=root, proof=growth
            )
        count += 1000
    print(f"consistency verifications at {size:,}: {count / (time.perf_counter() - t0):,.0f}/s")


if __name__ == "__main__":
    main()
