"""Figures for the public ledger's database side, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/ledger_db.py [--db sqlite|postgres|both] [--sizes 1000000]

Each run uses a throwaway database (a temporary SQLite file, or a PostgreSQL database
``ratusha_bench_ledger`` created and dropped on the server of DATABASE_URL, default
postgres://ratusha:ratusha@127.0.0.1:5432/ratusha). It prints:

- sustained appends/s, batched (append_many of 1,000 + integrate, checkpoint signed);
- inclusion and consistency proof time from the database at each size (a synthetic tree
  filled in bulk: real leaf and subtree hashes, small leaf inputs);
- storage bytes per entry (entries + subtree hashes, with their indexes);
- verifications/s on one core (inclusion proof; receipt with its Ed25519 signature).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PG_DEFAULT = "postgres://ratusha:ratusha@127.0.0.1:5432/ratusha"
PG_BENCH = "ratusha_bench_ledger"
PG_SERVER = os.environ.get("DATABASE_URL", PG_DEFAULT)  # read before the run points it elsewhere


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.test")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _body(code: str):  # type: ignore[no-untyped-def]
    from ratusha.bodies.models import Body

    return Body.objects.create(code=code, kind="municipality", name_be=f"Bench {code}")


def _transitions(start: int, end: int) -> list[tuple[str, dict[str, Any], str]]:
    return [
        (
            "appeal.transition",
            {
                "appeal": f"APP-2025-{n:06d}",
                "action": "assign",
                "from": "triage",
                "to": "assigned",
                "role": "clerk",
                "public": True,
            },
            f"APP-2025-{n:06d}",
        )
        for n in range(start, end)
    ]


def bench_appends(total: int, code: str = "APP", before: bool = False) -> dict[str, float]:
    """Append ``total`` entries by 1,000 and integrate each batch (with its checkpoint).

    ``before`` uses the append path as it was before the speed-up (see
    ``ledger_append_before.py``), for a comparison on the same run and database.
    """
    from ratusha.ledger.actions import append_many, integrate, log_for_body

    if before:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from ledger_append_before import append_many_before as appender
    else:
        appender = append_many
    log = log_for_body(_body(code))
    started = time.perf_counter()
    cpu_started = time.process_time()
    appended = 0.0
    for start in range(0, total, 1000):
        events = _transitions(start, min(total, start + 1000))
        t0 = time.perf_counter()
        appender(log, events)
        appended += time.perf_counter() - t0
        integrate(log, limit=1000)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return {
        "appends_per_s": total / elapsed,
        "append_only_per_s": total / appended,
        "appends_per_cpu_s": total / cpu,
    }


def _print_appends(label: str, figures: dict[str, float], total: int) -> None:
    print(
        f"{label}: appends, batched by 1,000 and integrated: {figures['appends_per_s']:,.0f}/s "
        f"(append only {figures['append_only_per_s']:,.0f}/s; "
        f"{figures['appends_per_cpu_s']:,.0f} per second of this process's CPU), "
        f"{total:,} entries",
        flush=True,
    )


def fill_synthetic(size: int) -> int:
    """Fill a log with ``size`` entries and every complete subtree hash, in bulk.

    The hashes come from the packed store of ``ledger_proofs_10m.py`` (640 MB at 10 M);
    rows go in with ``COPY`` on PostgreSQL and batched inserts on SQLite.
    """
    from django.db import connection, transaction
    from django.utils import timezone

    from ratusha.ledger.models import Checkpoint, Log
    from ratusha_core.ledger.tree import tree_root

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from ledger_proofs_10m import PackedStore

    log = Log.objects.create(name=f"S{size}", origin=f"bench/ledger/S{size}")
    packed = PackedStore(size)
    now = timezone.now()
    chunk = 100_000
    postgres = connection.vendor == "postgresql"
    stamp = now if postgres else connection.ops.adapt_datetimefield_value(now)

    def entries(start: int, end: int) -> list[tuple[Any, ...]]:
        leaves = packed.levels[0]
        return [
            (log.pk, i, "bench", "", stamp, 1, f'{{"n":{i},"type":"bench"}}',
             leaves[i * 32 : i * 32 + 32], stamp)
            for i in range(start, end)
        ]  # fmt: skip

    def nodes(level: int, start: int, end: int) -> list[tuple[Any, ...]]:
        hashes = packed.levels[level]
        return [(log.pk, level, i, hashes[i * 32 : i * 32 + 32]) for i in range(start, end)]

    jobs = [("ledger_entry", entries, size, None)]
    for level in range(1, len(packed.levels)):
        jobs.append(("ledger_subtreehash", nodes, size >> level, level))
    for table, make, count, level in jobs:
        for start in range(0, count, chunk):
            end = min(count, start + chunk)
            rows = make(start, end) if level is None else make(level, start, end)
            with transaction.atomic(), connection.cursor() as cursor:
                if postgres:
                    with cursor.cursor.copy(_COPY[table]) as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    cursor.executemany(_INSERT[table], rows)
    log.size, log.root = size, tree_root(packed, size)
    log.save()
    Checkpoint.objects.create(log=log, size=size, root=log.root, note="")
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return log.pk


_COPY = {
    "ledger_entry": 'COPY "ledger_entry" ("log_id", "index", "event_type", "subject", "time", '
    '"version", "leaf_input", "leaf_hash", "created_at") FROM STDIN',
    "ledger_subtreehash": 'COPY "ledger_subtreehash" ("log_id", "level", "index", "hash") '
    "FROM STDIN",
}
_INSERT = {
    "ledger_entry": 'INSERT INTO "ledger_entry" ("log_id", "index", "event_type", "subject", '
    '"time", "version", "leaf_input", "leaf_hash", "created_at") '
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
    "ledger_subtreehash": 'INSERT INTO "ledger_subtreehash" ("log_id", "level", "index", '
    '"hash") VALUES (%s, %s, %s, %s)',
}


def bench_proofs(log_id: int, size: int, runs: int = 500) -> dict[str, float]:
    from ratusha.ledger.store import DatabaseStore
    from ratusha_core.ledger.tree import consistency_proof, inclusion_proof

    store = DatabaseStore(log_id)
    rng = random.Random(1)
    inclusion_times, consistency_times = [], []
    cpu_started = time.process_time()
    for _ in range(runs):
        index = rng.randrange(size)
        t0 = time.perf_counter()
        inclusion_proof(store, index, size)
        inclusion_times.append(time.perf_counter() - t0)
        older = rng.randint(1, size)
        t0 = time.perf_counter()
        consistency_proof(store, older, size)
        consistency_times.append(time.perf_counter() - t0)
    cpu_ms = (time.process_time() - cpu_started) / (2 * runs) * 1000
    return {
        "cpu_ms_per_proof": cpu_ms,
        "inclusion_ms_median": statistics.median(inclusion_times) * 1000,
        "inclusion_ms_p95": sorted(inclusion_times)[int(runs * 0.95)] * 1000,
        "consistency_ms_median": statistics.median(consistency_times) * 1000,
        "consistency_ms_p95": sorted(consistency_times)[int(runs * 0.95)] * 1000,
    }


def storage_per_entry(log_ids: list[int], entries: int, database_file: Path | None) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_total_relation_size('ledger_entry') "
                "+ pg_total_relation_size('ledger_subtreehash')"
            )
            total = cursor.fetchone()[0]
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            assert database_file is not None
            total = database_file.stat().st_size
    return total / entries


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
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for value, index, proof in cases:
            verify_inclusion(leaf_hash=value, index=index, size=size, proof=proof, root=root)
        count += len(cases)
    inclusion_rate = count / (time.perf_counter() - started)
    signer = NoteSigner("bench/ledger/A", SigningKey(bytes(32)))
    leaves = [f'{{"n":{n}}}'.encode() for n in range(1000)]
    small = MemoryTree.from_leaf_inputs(leaves)
    note = sign_checkpoint(Checkpoint("bench/ledger/A", 1000, tree_root(small, 1000)), [signer])
    receipts = [
        Receipt(leaves[i], i, 1000, inclusion_proof(small, i, 1000).hashes, note)
        for i in range(0, 1000, 10)
    ]
    keys = [signer.verifier_key]
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for receipt in receipts:
            verify_receipt(receipt, keys)
        count += len(receipts)
    return {
        "inclusion_verifications_per_s": inclusion_rate,
        "receipt_verifications_per_s": count / (time.perf_counter() - started),
    }


def run_one(kind: str, sizes: list[int], appends: int, compare: bool = False) -> None:
    database_file: Path | None = None
    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="ratusha-ledger-db-bench-"))
        database_file = folder / "bench.sqlite3"
        _setup(f"sqlite:///{database_file}")
    else:
        _setup(PG_SERVER.rsplit("/", 1)[0] + "/" + PG_BENCH)
    from django.db import connection

    print(f"== {connection.vendor} ==", flush=True)
    if compare and appends:
        _print_appends("before", bench_appends(appends, "OLD", before=True), appends)
    if appends:
        _print_appends("after" if compare else "now", bench_appends(appends), appends)
    appends *= 2 if compare else 1
    log_ids, total = [], appends
    for size in sizes:
        t0 = time.perf_counter()
        log_id = fill_synthetic(size)
        print(
            f"filled a synthetic tree of {size:,} in {time.perf_counter() - t0:.0f} s", flush=True
        )
        log_ids.append(log_id)
        total += size
        proof = bench_proofs(log_id, size)
        print(
            f"proofs at {size:,}: inclusion median {proof['inclusion_ms_median']:.2f} ms "
            f"(p95 {proof['inclusion_ms_p95']:.2f}), consistency median "
            f"{proof['consistency_ms_median']:.2f} ms (p95 {proof['consistency_ms_p95']:.2f}); "
            f"client CPU {proof['cpu_ms_per_proof']:.2f} ms per proof",
            flush=True,
        )
    print(
        f"storage: {storage_per_entry(log_ids, total, database_file):,.0f} bytes per entry "
        "(entries + subtree hashes + indexes)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sizes", default="1000000", help="comma-separated tree sizes")
    parser.add_argument("--appends", type=int, default=50_000)
    parser.add_argument("--verify-only", action="store_true", help="only verifications/s")
    parser.add_argument(
        "--compare", action="store_true", help="also run the append path from before the speed-up"
    )
    args = parser.parse_args()
    if args.verify_only:
        print(bench_verifications_only())
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.db == "both":
        for kind in ("sqlite", "postgres"):
            command = [
                sys.executable,
                __file__,
                "--db",
                kind,
                "--sizes",
                args.sizes,
                "--appends",
                str(args.appends),
                *(["--compare"] if args.compare else []),
            ]
            subprocess.run(command, check=True)
        from_core = bench_verifications_only()
        print(from_core)
        return
    if args.db == "postgres":
        _postgres_database(create=True)
        try:
            run_one("postgres", sizes, args.appends, args.compare)
        finally:
            from django.db import connections

            connections.close_all()
            _postgres_database(create=False)
    else:
        run_one("sqlite", sizes, args.appends, args.compare)


def bench_verifications_only() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    figures = bench_verifications()
    return (
        f"== verifications, one core ==\ninclusion proofs at 2^20 entries: "
        f"{figures['inclusion_verifications_per_s']:,.0f}/s; whole receipts (Ed25519 "
        f"checkpoint signature + inclusion): {figures['receipt_verifications_per_s']:,.0f}/s"
    )


def _postgres_database(*, create: bool) -> None:
    import psycopg

    with psycopg.connect(
        PG_SERVER.replace("postgres://", "postgresql://"), autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH}"')
        if create:
            conn.execute(f'CREATE DATABASE "{PG_BENCH}"')


if __name__ == "__main__":
    main()
