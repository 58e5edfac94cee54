"""The readable ledger page (``/ledger/<log>/read/``) on a log of 10,000,000 entries.

    .venv/bin/python benchmarks/ledger_read_page.py --prepare [--runs 30]
    .venv/bin/python benchmarks/ledger_read_page.py --drop

The 10 M log (``ratusha_ledger_10m``, entries ``{"n":i,"type":"bench"}``) is never
written: ``--prepare`` copies it to ``ratusha_hl_10m`` (``CREATE DATABASE ... TEMPLATE``,
about a minute; kept if it is there already), migrates the copy (the ledger first, so
the build of the index ``(log, event_type, index)`` is timed) and turns 1,000 entries
spread over the log into policy events of the body ``BENCH`` and 5 into steps of one
appeal, so that a rare type and a subject can be asked for. The 10 M entries all have
one time, so ``--prepare`` first gives the copy's entries increasing times, 9 s apart
from 2024-01-01 (one ``UPDATE``: 13 minutes here, under load), for the jumps to a date
(``?until=``). Each case is a GET through Django's test client (URL resolving, view,
template), ``--runs`` times after one warm-up; it prints p50/p95 of wall and of this
process's CPU time, the queries of one request and the load average. Then the search
alone (``ledger.dates.first_from``) for random days with several fanouts (entries read a
round trip). ``--drop`` removes the copy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

SERVER = os.environ.get("RATUSHA_BENCH_PG", "postgres://ratusha:ratusha@127.0.0.1:5432")
SOURCE, COPY = "ratusha_ledger_10m", "ratusha_hl_10m"
SUBJECT, APPEAL = "BENCH", "BENCH-2026-000123"
JUMP = "2025-03-31"
RARE_EVERY = 10_000  # 1,000 policy entries in 10 M
EPOCH, STEP_SECONDS = datetime(2024, 1, 1, tzinfo=UTC), 9  # entry i at EPOCH + 9 s * i
STEP = {
    "version": 1,
    "type": "appeal.transition",
    "time": "2026-11-01T10:00:00Z",
    "action": "assign",
    "from": "triage",
    "to": "assigned",
    "role": "registry_clerk",
}


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _setup() -> None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{COPY}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.test")
    import django

    django.setup()


def prepare() -> None:
    """Copy the 10 M database, migrate the copy, and mark the rare entries in it."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres") as conn:
        there = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [COPY]).fetchone()
    if there is None:
        started = time.perf_counter()
        _admin(f"CREATE DATABASE {COPY} TEMPLATE {SOURCE}")
        print(f"copied {SOURCE} to {COPY} in {time.perf_counter() - started:.0f} s")
    _setup()
    from django.core.management import call_command
    from django.db import connection

    _spread_times(connection)
    started = time.perf_counter()
    call_command("migrate", "ledger", verbosity=0)
    took = time.perf_counter() - started
    print(f"migrated the ledger (index ledger_entry_event) in {took:.1f} s")
    call_command("migrate", verbosity=0)  # the other apps, as the page's base template needs
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, size FROM ledger_log ORDER BY size DESC LIMIT 1")
        log_id, size = cursor.fetchone()
        for n, index in enumerate(range(RARE_EVERY // 2, size, RARE_EVERY)):
            kind = ("triage.routing_policy", "triage.duplicate_policy")[n % 2]
            payload = {"auto_route": n % 3 == 0, "precision": 0.9}
            if n % 2:
                payload = {"min_score": 0.8, "previous": 0.85}
            leaf = {"version": 1, "type": kind, "time": _at(index), "body": SUBJECT}
            _mark(cursor, log_id, index, kind, SUBJECT, {**leaf, **payload})
        for step, index in enumerate((12_345, 2_000_000, 5_000_000, 7_500_000, 9_999_000)):
            leaf = {**STEP, "time": _at(index), "body": SUBJECT, "appeal": APPEAL}
            leaf["public"] = step % 2 == 0
            _mark(cursor, log_id, index, "appeal.transition", APPEAL, leaf)
        cursor.execute("ANALYZE ledger_entry")
    print(f"marked {size // RARE_EVERY} policy entries and 5 steps of {APPEAL}")


def _at(index: int) -> str:
    """Give entry ``index``'s time as its leaf writes it (the times ``--prepare`` gives)."""
    return (EPOCH + timedelta(seconds=STEP_SECONDS * index)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _spread_times(connection: Any) -> None:
    """Give the copy's entries increasing times (the 10 M log has one time for all).

    One ``UPDATE`` with an expression on the index: entry ``i`` at 2024-01-01 00:00 UTC
    plus 9 s × i, so 10 M entries span January 2024 to November 2026 (about 9,600 a
    day). Skipped if the first and the last entry already differ in time.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT time) FROM ledger_entry WHERE index IN"
            " (0, (SELECT max(size) - 1 FROM ledger_log))"
        )
        if cursor.fetchone()[0] != 1:
            return
        started = time.perf_counter()
        cursor.execute(
            "UPDATE ledger_entry SET time = %s + make_interval(secs => %s * index)",
            [EPOCH, STEP_SECONDS],
        )
        cursor.execute("VACUUM ANALYZE ledger_entry")
    took = time.perf_counter() - started
    print(f"gave the entries increasing times (9 s apart) in {took:.0f} s")


def _mark(cursor: object, log_id: int, index: int, kind: str, subject: str, leaf: dict) -> None:
    text = json.dumps(leaf, sort_keys=True, separators=(",", ":"))
    cursor.execute(  # type: ignore[attr-defined]
        "UPDATE ledger_entry SET event_type = %s, subject = %s, leaf_input = %s"
        " WHERE log_id = %s AND index = %s",
        [kind, subject, text, log_id, index],
    )


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(values) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms"


def _counter(queries: list[str]) -> Callable[..., Any]:
    """Give an execute wrapper that notes every statement (DEBUG stays off)."""

    def count(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    return count


def measure(runs: int) -> None:
    """Time every case on the prepared copy."""
    _setup()
    from django.db import connection
    from django.test import Client

    from ratusha.ledger.models import Log

    log = Log.objects.order_by("-size").first()
    assert log is not None, "run with --prepare first"
    base = f"/ledger/{log.name}/read/"
    policy = (
        "event=triage.routing_policy&event=triage.duplicate_policy&event=triage.category_routing"
    )
    cases = {
        "first page": "",
        "deep page (before=1,234,567)": "?before=1234567",
        "near the start (before=60)": "?before=60",
        "newer page (after=5,000,000)": "?after=5000000",
        "rare type, first page": "?event=triage.routing_policy",
        "rare type, deep (before=3,000,000)": "?event=triage.routing_policy&before=3000000",
        "absent type (none in the log)": "?event=decision.revoked",
        "3 policy types": f"?{policy}",
        "subject = an appeal (5 entries)": f"?subject={APPEAL}",
        "subject = body + 3 policy types": f"?subject={SUBJECT}&{policy}",
        "jump to a date (until=2025-03-31)": f"?until={JUMP}",
        "jump to a date + rare type": f"?until={JUMP}&event=triage.routing_policy",
        "jump before the first entry": "?until=2023-12-31",
        "jump to a date still to come": "?until=2099-01-01",
    }
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    print(f"log {log.name}: {log.size:,} entries; {runs} runs a case after a warm-up")
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    for name, query in cases.items():
        response = client.get(base + query)
        assert response.status_code == 200, (name, response.status_code)
        queries: list[str] = []
        with connection.execute_wrapper(_counter(queries)):
            client.get(base + query)
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            client.get(base + query)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        rows = response.content.count(b"<tr id=")
        if query == f"?until={JUMP}":
            _check_jump(response.content.decode())
        print(
            f"{name:38} wall {_ms(walls)} | cpu {_ms(cpus)} | {len(queries)} queries, {rows} rows"
        )
    search(log, runs)
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    script = ".venv/bin/python benchmarks/ledger_read_page.py"
    print(f"re-run: {script} [--prepare] --runs {runs}; remove the copy: {script} --drop")


def _check_jump(page: str) -> None:
    """Check the jump landed where the prepared times put the end of the day."""
    from django.utils import timezone

    end = timezone.make_aware(datetime.fromisoformat(JUMP) + timedelta(days=1))
    seconds = (end - EPOCH).total_seconds()
    first = -int(-seconds // STEP_SECONDS)  # the first entry at or after the day's end
    shown = int(page.split('<tr id="entry-', 1)[1].split('"', 1)[0])
    assert shown == first - 1, (shown, first)


def search(log: Any, runs: int) -> None:
    """Time the search over the index alone, for random days, with several fanouts."""
    import random

    from django.db import connection

    from ratusha.ledger import dates

    rng = random.Random(10)
    days = [(EPOCH + timedelta(days=rng.uniform(0, 1000))).date() for _ in range(max(runs, 1))]
    print(f"search alone, {len(days)} random days (other days each run: cold pages count)")
    for fanout in (1, 3, 7, 15, 31, 63):
        walls, cpus = [], []
        queries: list[str] = []
        for day in days:
            queries.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(_counter(queries)):
                dates.first_from(log, dates.end_of(day), fanout=fanout)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        default = " (FANOUT)" if fanout == dates.FANOUT else ""
        print(
            f"  fanout {fanout:2}{default:9} wall {_ms(walls)} | cpu {_ms(cpus)}"
            f" | {len(queries)} round trips"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--prepare", action="store_true", help=f"copy {SOURCE} to {COPY} first")
    parser.add_argument("--drop", action="store_true", help=f"drop {COPY} and stop")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if args.drop:
        _admin(f"DROP DATABASE IF EXISTS {COPY}")
        print(f"dropped {COPY}")
        return
    if args.prepare:
        prepare()
    measure(args.runs)


if __name__ == "__main__":
    main()
