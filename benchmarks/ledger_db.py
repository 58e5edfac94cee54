"""Figures for the public ledger's database side, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/ledger_db.py [--db sqlite|postgres|both] [--sizes 1000000]
        [--appends 100000] [--batch 10000] [--keep ratusha_ledger_10m] [--quick]

Each run uses a throwaway database (a temporary SQLite file, or a PostgreSQL database
``ratusha_ledger_bench`` created and dropped on the server of DATABASE_URL, default
postgres://ratusha:ratusha@127.0.0.1:5432/ratusha); ``--keep NAME`` uses (and keeps) that
PostgreSQL database instead, filling each synthetic tree only once. It prints:

- sustained appends/s, batched, both ways: ``append_many(..., integrate=True)`` (one
  transaction a batch) and ``append_many`` + ``integrate`` (the queue the 2-second task
  empties; two transactions a batch); wall clock, and CPU per entry of this process and
  of its PostgreSQL backend (read from /proc on the same host);
- inclusion and consistency proof times from the database at each size (a synthetic tree
  filled in bulk: real leaf and subtree hashes, small leaf inputs), with CPU per proof;
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ledger_fill import fill_synthetic
from ledger_verify import bench_verifications_only

ROOT = Path(__file__).resolve().parents[1]
PG_DEFAULT = "postgres://ratusha:ratusha@127.0.0.1:5432/ratusha"
PG_BENCH = "ratusha_ledger_bench"
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


def server_cpu_seconds() -> float:
    """Give the CPU time of this connection's PostgreSQL backend (same host), else 0.

    SQLite works inside this process, so its work is already in ``process_time``.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # the server runs on another host
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_appends(total: int, code: str, *, batch: int, direct: bool) -> dict[str, float]:
    """Append ``total`` entries in batches of ``batch``, each integrated with its checkpoint.

    ``direct`` uses ``append_many(..., integrate=True)`` (one transaction a batch, no
    pending rows); otherwise ``append_many`` queues the batch and ``integrate`` moves it
    (two transactions a batch: the path of on-commit appends and the 2-second task).
    """
    from ratusha.ledger.actions import append_many, integrate, log_for_body

    log = log_for_body(_body(code))
    batches = [_transitions(start, min(total, start + batch)) for start in range(0, total, batch)]
    server_started = server_cpu_seconds()
    started, cpu_started = time.perf_counter(), time.process_time()
    for events in batches:
        if direct:
            append_many(log, events, integrate=True)
        else:
            append_many(log, events)
            integrate(log, limit=batch)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    server = server_cpu_seconds() - server_started
    return {
        "per_s": total / elapsed,
        "client_us": cpu / total * 1e6,
        "server_us": server / total * 1e6,
        "per_cpu_s": total / (cpu + server),
        "commits_per_1000": (1 if direct else 2) * len(batches) * 1000 / total,
    }


def _print_appends(label: str, figures: dict[str, float], total: int, batch: int) -> None:
    print(
        f"appends, {label}, batches of {batch:,}: {figures['per_s']:,.0f}/s wall clock; "
        f"CPU per entry {figures['client_us']:.0f} µs client + {figures['server_us']:.0f} µs "
        f"server = {figures['per_cpu_s']:,.0f} per CPU-second; "
        f"{figures['commits_per_1000']:.1f} commits per 1,000; {total:,} entries; "
        f"load {_load()}",
        flush=True,
    )


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def bench_proofs(log_id: int, size: int, runs: int = 1000) -> dict[str, float]:
    """Time inclusion and consistency proofs at ``size`` (random leaves and older sizes).

    The two kinds alternate in blocks of 50, so a change of load hits both alike.
    """
    from ratusha.ledger.store import DatabaseStore
    from ratusha_core.ledger.tree import consistency_proof, inclusion_proof

    store = DatabaseStore(log_id)
    rng = random.Random(1)
    for _ in range(20):  # warm the connection and the caches
        inclusion_proof(store, rng.randrange(size), size)
    kinds = ("inclusion", "consistency")
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    client = dict.fromkeys(kinds, 0.0)
    server = dict.fromkeys(kinds, 0.0)
    for _block in range(runs // 50):
        for kind in kinds:
            server_started, cpu_started = server_cpu_seconds(), time.process_time()
            for _ in range(50):
                if kind == "inclusion":
                    index = rng.randrange(size)
                    t0 = time.perf_counter()
                    inclusion_proof(store, index, size)
                else:
                    older = rng.randint(1, size)
                    t0 = time.perf_counter()
                    consistency_proof(store, older, size)
                times[kind].append(time.perf_counter() - t0)
            client[kind] += time.process_time() - cpu_started
            server[kind] += server_cpu_seconds() - server_started
    figures: dict[str, float] = {}
    for kind in kinds:
        done = sorted(times[kind])
        figures[f"{kind}_ms_median"] = statistics.median(done) * 1000
        figures[f"{kind}_ms_p95"] = done[int(len(done) * 0.95)] * 1000
        figures[f"{kind}_client_ms"] = client[kind] / len(done) * 1000
        figures[f"{kind}_server_ms"] = server[kind] / len(done) * 1000
    return figures


def _print_proofs(size: int, figures: dict[str, float]) -> None:
    for kind in ("inclusion", "consistency"):
        print(
            f"{kind} proof at {size:,}: median {figures[f'{kind}_ms_median']:.2f} ms "
            f"(p95 {figures[f'{kind}_ms_p95']:.2f}); CPU per proof "
            f"{figures[f'{kind}_client_ms']:.2f} ms client + "
            f"{figures[f'{kind}_server_ms']:.2f} ms server; load {_load()}",
            flush=True,
        )


def storage_per_entry(entries: int, database_file: Path | None) -> float:
    """Give the bytes of the entry and subtree tables (with indexes) per entry."""
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
    return total / max(entries, 1)


def run_one(kind: str, sizes: list[int], appends: int, batch: int, keep: str) -> None:
    """Run the figures on one database; ``keep`` names a PostgreSQL database to reuse."""
    database_file: Path | None = None
    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="ratusha-ledger-db-bench-"))
        database_file = folder / "bench.sqlite3"
        _setup(f"sqlite:///{database_file}")
    else:
        _setup(PG_SERVER.rsplit("/", 1)[0] + "/" + (keep or PG_BENCH))
    from django.db import connection

    from ratusha.ledger.models import Log

    print(f"== {connection.vendor} ==", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW shared_buffers")
            print(f"shared_buffers {cursor.fetchone()[0]} (proofs read cold pages when small)")
    run = int(time.time())  # fresh body codes, so a kept database can be reused
    if appends:
        for direct in (True, False):
            label = "append_many(integrate=True)" if direct else "append_many + integrate"
            code = f"{'D' if direct else 'Q'}{run % 10**6}"
            figures = bench_appends(appends, code, batch=batch, direct=direct)
            _print_appends(label, figures, appends, batch)
    for size in sizes:
        found = Log.objects.filter(name=f"S{size}", size=size).first()
        if found is None:
            t0 = time.perf_counter()
            log_id = fill_synthetic(size)
            print(f"filled a synthetic tree of {size:,} in {time.perf_counter() - t0:.0f} s")
        else:
            log_id = found.pk
            print(f"reusing the synthetic tree of {size:,} in this database", flush=True)
        _print_proofs(size, bench_proofs(log_id, size))
    total = sum(Log.objects.values_list("size", flat=True))
    print(
        f"storage: {storage_per_entry(total, database_file):,.0f} bytes per entry "
        f"(entries + subtree hashes + indexes, {total:,} entries)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sizes", default="1000000", help="comma-separated tree sizes")
    parser.add_argument("--appends", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=10_000, help="entries per batch")
    parser.add_argument(
        "--keep",
        default="",
        help="a PostgreSQL database to keep and reuse (e.g. ratusha_ledger_10m); "
        "its synthetic trees are filled once",
    )
    parser.add_argument("--verify-only", action="store_true", help="only verifications/s")
    parser.add_argument("--quick", action="store_true", help="a small run: 20,000 appends, 100k")
    args = parser.parse_args()
    if args.quick:
        args.appends, args.sizes = 20_000, "100000"
    if args.verify_only:
        print(bench_verifications_only())
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.db == "both":
        for kind in ("sqlite", "postgres"):
            command = [sys.executable, __file__, "--db", kind, "--sizes", ",".join(map(str, sizes))]
            command += ["--appends", str(args.appends), "--batch", str(args.batch)]
            command += ["--keep", args.keep] if args.keep else []
            subprocess.run(command, check=True)
        print(bench_verifications_only())
        return
    if args.db == "postgres":
        if args.keep:
            _postgres_database(args.keep, create=True, drop=False)
            run_one("postgres", sizes, args.appends, args.batch, args.keep)
            return
        _postgres_database(PG_BENCH, create=True)
        try:
            run_one("postgres", sizes, args.appends, args.batch, "")
        finally:
            from django.db import connections

            connections.close_all()
            _postgres_database(PG_BENCH, create=False)
    else:
        run_one("sqlite", sizes, args.appends, args.batch, "")


def _postgres_database(name: str, *, create: bool, drop: bool = True) -> None:
    import psycopg

    with psycopg.connect(
        PG_SERVER.replace("postgres://", "postgresql://"), autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if create and not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
