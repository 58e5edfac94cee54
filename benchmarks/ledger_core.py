"""Figures for the pure ledger core: appends, proofs at 1M leaves, verifications.

Run from the repository root:

    .venv/bin/python benchmarks/ledger_core.py [--leaves 1000000] [--seconds 2]

It prints (a) in-memory appends per second, (b) the time and the number of
subtree-hash reads per inclusion and consistency proof, (c) inclusion-proof
verifications per second on one core, (d) signed-checkpoint verifications per second.
No shared data is needed: the entries are synthetic canonical JSON.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ratusha_core.ledger.checkpoint import Checkpoint, open_checkpoint, sign_checkpoint
from ratusha_core.ledger.merkle import leaf_hash, verify_consistency, verify_inclusion
from ratusha_core.ledger.tree import (
    MemoryTree,
    Subtree,
    consistency_proof,
    inclusion_proof,
    tree_root,
)
from ratusha_core.signing.keys import SigningKey, verify_ed25519
from ratusha_core.signing.note import NoteSigner


class CountingStore:
    """A store wrapper that counts read calls and subtree hashes read."""

    def __init__(self, tree: MemoryTree) -> None:
        self.tree = tree
        self.calls = 0
        self.reads = 0

    def read_subtrees(self, subtrees: Sequence[Subtree]) -> list[bytes]:
        self.calls += 1
        self.reads += len(subtrees)
        return self.tree.read_subtrees(subtrees)


def entry(number: int) -> bytes:
    # Shaped like a ledger entry in RFC 8785 form; built by hand to time the tree only.
    return (
        b'{"body":"minsk","event":"appeal_registered","number":"A-%d","time":"2025-01-01",'
        b'"version":1}' % number
    )


def rate(label: str, count: int, seconds: float) -> None:
    print(f"{label}: {count / seconds:,.0f}/s ({count:,} in {seconds:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per rate figure")
    parser.add_argument("--proofs", type=int, default=2000, help="proofs timed per kind")
    args = parser.parse_args()
    rng = random.Random(5)
    n = args.leaves

    # (a) appends
    leaves = [entry(number) for number in range(n)]
    tree = MemoryTree()
    started = time.perf_counter()
    for leaf in leaves:
        tree.append(leaf)
    rate("(a) in-memory appends (leaf hash + subtree hashes)", n, time.perf_counter() - started)
    started = time.perf_counter()
    root = tree_root(tree, n)
    print(f"    root of {n:,} leaves: {(time.perf_counter() - started) * 1e6:.1f} us")

    # (b) proofs at n leaves
    store = CountingStore(tree)
    indexes = [rng.randrange(n) for _ in range(args.proofs)]
    per_proof_reads: list[int] = []
    started = time.perf_counter()
    proofs = []
    for index in indexes:
        before = store.reads
        proofs.append(inclusion_proof(store, index, n))
        per_proof_reads.append(store.reads - before)
    elapsed = time.perf_counter() - started
    print(
        f"(b) inclusion proof at {n:,} leaves: {elapsed / args.proofs * 1e6:.1f} us each; "
        f"subtree hashes read per proof: mean {statistics.mean(per_proof_reads):.1f}, "
        f"max {max(per_proof_reads)}; read calls per proof: {store.calls / args.proofs:.0f}"
    )
    store.calls = store.reads = 0
    old_sizes = [rng.randrange(1, n) for _ in range(args.proofs)]
    per_proof_reads = []
    started = time.perf_counter()
    consistency = []
    for size1 in old_sizes:
        before = store.reads
        consistency.append(consistency_proof(store, size1, n))
        per_proof_reads.append(store.reads - before)
    elapsed = time.perf_counter() - started
    print(
        f"    consistency proof to {n:,} leaves: {elapsed / args.proofs * 1e6:.1f} us each; "
        f"subtree hashes read per proof: mean {statistics.mean(per_proof_reads):.1f}, "
        f"max {max(per_proof_reads)}; read calls per proof: {store.calls / args.proofs:.0f}"
    )

    # (c) inclusion verifications on one core
    hashes = [leaf_hash(leaves[index]) for index in indexes]
    count, started = 0, time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline:
        for proof, value in zip(proofs, hashes, strict=True):
            verify_inclusion(
                leaf_hash=value, index=proof.index, size=n, proof=proof.hashes, root=root
            )
        count += len(proofs)
    rate(f"(c) inclusion verifications at {n:,} leaves", count, time.perf_counter() - started)
    roots1 = {size1: tree_root(tree, size1) for size1 in old_sizes[:500]}
    count, started = 0, time.perf_counter()
    while time.perf_counter() < started + args.seconds / 2:
        for item in consistency[:500]:
            verify_consistency(
                size1=item.size1, size2=n, root1=roots1[item.size1], root2=root, proof=item.hashes
            )
        count += 500
    rate("    consistency verifications", count, time.perf_counter() - started)

    # (d) signed checkpoints
    signer = NoteSigner("ratusha.example/minsk", SigningKey(bytes(range(32))))
    note = sign_checkpoint(Checkpoint(signer.name, n, root), [signer])
    keys = [signer.verifier_key]
    count, started = 0, time.perf_counter()
    while time.perf_counter() < started + args.seconds:
        for _ in range(200):
            open_checkpoint(note, keys)
        count += 200
    rate(
        "(d) signed-checkpoint verifications (parse + Ed25519)",
        count,
        time.perf_counter() - started,
    )
    signature, public_key = signer.key.sign(b"x"), signer.key.public_key
    count, started = 0, time.perf_counter()
    while time.perf_counter() < started + args.seconds / 2:
        for _ in range(200):
            verify_ed25519(public_key, b"x", signature)
        count += 200
    rate("    raw Ed25519 verifications (cryptography)", count, time.perf_counter() - started)
    count, started = 0, time.perf_counter()
    while time.perf_counter() < started + args.seconds / 2:
        for _ in range(200):
            sign_checkpoint(Checkpoint(signer.name, n, root), [signer])
        count += 200
    rate("    checkpoint signings", count, time.perf_counter() - started)


if __name__ == "__main__":
    main()
