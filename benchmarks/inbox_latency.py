"""Latency of the department inbox and the appeal page with many appeals in the database.

Creates a throwaway database (PostgreSQL on the local cluster through psycopg, and/or a
SQLite file), migrates it, fills it fast with bulk_create (bodies, 12 departments with a
skewed share of the appeals, officers and heads, appeals spread over two years across
states and due dates, one question and one to two events per appeal), then requests the
pages through Django's test Client as the head of the busiest department and prints
p50/p95 and query counts. On PostgreSQL it also prints EXPLAIN ANALYZE of the inbox query.

    .venv/bin/python benchmarks/inbox_latency.py                 # PostgreSQL, 200,000 appeals
    .venv/bin/python benchmarks/inbox_latency.py --backend sqlite --appeals 50000
    .venv/bin/python benchmarks/inbox_latency.py --backend both

PostgreSQL is reached at --pg-url (default: the ratusha role on 127.0.0.1:5432); the
script skips it with a message when it is unreachable. The database is dropped afterwards.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgres://ratusha:ratusha@127.0.0.1:5432/postgres"
# Share of the appeals per department: one busy department (housing), a long tail.
WEIGHTS = [30, 18, 12, 9, 7, 6, 5, 4, 3, 3, 2, 1]
OPEN_RECENT = ["triage", "assigned", "in_progress", "in_progress", "answer_drafted"]
SETTLED = (
    ["closed"] * 60
    + ["answered"] * 22
    + ["left_without_consideration"] * 5
    + ["forwarded"] * 4
    + ["merged"] * 2
    + ["withdrawn"] * 2
    + ["in_progress"] * 5  # forgotten ones: overdue
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def create_pg_database(url: str, name: str) -> str | None:
    """Give the URL of a fresh throwaway database, or None when PostgreSQL is unreachable."""
    try:
        import psycopg
    except ImportError:
        print("PostgreSQL skipped: psycopg is not installed.")
        return None
    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')  # name is ours: digits and letters only
    except psycopg.Error as error:
        print(f"PostgreSQL skipped: cannot create a database at {url} ({error}).")
        return None
    return url.rsplit("/", 1)[0] + "/" + name


def drop_pg_database(url: str, bench_url: str) -> None:
    import psycopg

    name = bench_url.rsplit("/", 1)[1]
    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill(count: int, seed: int) -> dict[str, Any]:
    """Fill the database with `count` appeals; give the people and objects to measure with."""
    from django.db import connection

    from ratusha.accounts.models import RoleGrant, User
    from ratusha.appeals.models import Appeal, AppealEvent, Question, RegistrationCounter
    from ratusha.bodies.models import Body, Category, Department

    rng = random.Random(seed)
    region = Body.objects.create(code="REG", kind="region", name_be="Вобласць")
    body = Body.objects.create(code="ADM", kind="district", name_be="Раён", parent=region)
    departments, categories, officers, heads = [], [], {}, {}
    for n in range(len(WEIGHTS)):
        dept = Department.objects.create(body=body, code=f"D{n}", name_be=f"Аддзел {n}")
        departments.append(dept)
        categories.append(
            Category.objects.create(
                body=body, code=f"C{n}", name_be=f"Катэгорыя {n}", default_department=dept
            )
        )
        people = []
        for k in range(3):
            user = User.objects.create_user(
                f"o{n}.{k}@example.org", "x", full_name=f"Officer {n}.{k}"
            )
            RoleGrant.objects.create(
                user=user, role="department_officer", body=body, department=dept
            )
            people.append(user)
        officers[dept.pk] = people
        head = User.objects.create_user(f"h{n}@example.org", "x", full_name=f"Head {n}")
        RoleGrant.objects.create(user=head, role="department_head", body=body, department=dept)
        heads[dept.pk] = head
    now = datetime.now(UTC)
    started = time.perf_counter()
    batch, sequence = 5000, 0
    counters: dict[int, int] = {}
    for first in range(0, count, batch):
        rows = []
        for _ in range(min(batch, count - first)):
            registered = now - timedelta(seconds=rng.randrange(0, 730 * 86400))
            year = registered.year
            counters[year] = counters.get(year, 0) + 1
            sequence += 1
            index = rng.choices(range(len(WEIGHTS)), WEIGHTS)[0]
            dept = departments[index]
            age = (now - registered).days
            state = rng.choice(OPEN_RECENT) if age <= 20 else rng.choice(SETTLED)
            executor = rng.choice(officers[dept.pk]) if state != "triage" else None
            due = (registered + timedelta(days=15)).date()
            answered = state in ("answered", "closed")
            rows.append(
                Appeal(
                    body=body,
                    number=f"ADM-{year}-{counters[year]:06d}",
                    year=year,
                    sequence=counters[year],
                    registered_at=registered,
                    channel=rng.choice(["web", "web", "web", "api", "post", "personal", "oral"]),
                    applicant_name=f"Applicant {sequence}",
                    applicant_email=f"person{rng.randrange(count // 3)}@example.org",
                    text=f"Appeal {sequence}: the light near house {sequence % 300} is broken.",
                    summary=f"Appeal {sequence}: the light near house {sequence % 300}",
                    category=categories[index],
                    department=None if state == "triage" else dept,
                    executor=executor,
                    state=state,
                    version=0 if state == "triage" else 2,
                    changed_at=registered,
                    due_date=due,
                    forward_by=due - timedelta(days=8),
                    answered_at=registered + timedelta(days=rng.randrange(3, 15))
                    if answered
                    else None,
                    processing="done",
                    tracking_token_hash=f"{sequence:032x}",
                )
            )
        created = Appeal.objects.bulk_create(rows, batch_size=batch)
        if not created or created[0].pk is None:  # SQLite before 3.35 gives no ids back
            numbers = [a.number for a in rows]
            created = list(Appeal.objects.filter(number__in=numbers).order_by("pk"))
        Question.objects.bulk_create(
            [
                Question(appeal=a, text=a.summary, answered=a.state in ("answered", "closed"))
                for a in created
            ],
            batch_size=batch,
        )
        events = []
        for a in created:
            events.append(
                AppealEvent(
                    appeal=a,
                    at=a.registered_at,
                    actor_role="citizen",
                    action="register",
                    to_state="registered",
                    public=True,
                )
            )
            if a.state != "triage":
                events.append(
                    AppealEvent(
                        appeal=a,
                        at=a.registered_at + timedelta(minutes=5),
                        actor_role="system",
                        action="assign",
                        from_state="triage",
                        to_state=a.state,
                    )
                )
        AppealEvent.objects.bulk_create(events, batch_size=batch)
        print(f"\r  {first + len(rows):,} appeals", end="", flush=True)
    for year, last in counters.items():
        RegistrationCounter.objects.create(body=body, year=year, last=last)
    print(f"  filled in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        # As autovacuum leaves a table in steady use: statistics and the visibility map
        # (without the map, PostgreSQL cannot answer from the covering indexes alone).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    busiest = departments[0]
    return {"body": body, "department": busiest, "head": heads[busiest.pk]}


def timed(client: Any, url: str) -> tuple[float, float, float, int]:
    """Give one request's wall time, its process CPU time, its time in queries (ms), and
    the number of queries. CPU time shows the Python share even on a busy machine."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        spent, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert response.status_code == 200, (url, response.status_code)
    in_db = sum(float(q["time"]) for q in captured.captured_queries)
    return spent * 1000, cpu * 1000, in_db * 1000, len(captured)


def find_world() -> dict[str, Any]:
    """Give the busiest department and its head in a database filled before (--reuse)."""
    from ratusha.accounts.models import RoleGrant
    from ratusha.bodies.models import Department

    dept = Department.objects.get(code="D0", body__code="ADM")
    head = RoleGrant.objects.get(department=dept, role="department_head").user
    return {"body": dept.body, "department": dept, "head": head}


def measure(count: int, runs: int, seed: int, reuse: bool = False) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from ratusha.appeals import selectors
    from ratusha.appeals.models import Appeal

    if reuse:
        world = find_world()
    else:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"  migrated in {time.perf_counter() - started:.0f} s")
        world = fill(count, seed)
    dept, head = world["department"], world["head"]
    client = Client()
    client.force_login(head)
    inbox = f"/appeals/staff/departments/{dept.pk}/inbox/"
    rng = random.Random(seed)
    in_dept = list(
        selectors.appeals_for(head).filter(department=dept).values_list("pk", flat=True)[:5000]
    )
    print(
        f"  {connection.vendor}: {count:,} appeals; busiest department holds "
        f"{selectors.appeals_for(head).filter(department=dept).count():,}"
    )
    known = list(
        Appeal.objects.filter(pk__in=rng.sample(in_dept, 10)).values_list(
            "number", "applicant_name"
        )
    )
    pages = {
        "my appeals (empty: a baseline)": ["/appeals/staff/my/"],
        "department inbox, page 1": [inbox],
        "department inbox, status=open": [inbox + "?status=open"],
        "department inbox, page 40": [inbox + "?page=40"],
        # Every synthetic text has "house", and "17" is too short for a trigram index.
        "department inbox, search": [inbox + "?q=house+17"],
        # What a clerk types from a letter or a phone call: a number, a name.
        "department inbox, search a number": [
            inbox + f"?q={number.rsplit('-', 1)[1]}" for number, _ in known
        ],
        "department inbox, search a name": [
            inbox + "?q=" + name.replace(" ", "+") for _, name in known
        ],
        # A word in Cyrillic, in no text: every row is read (on SQLite through the
        # Unicode-aware icontains of ratusha.sqlite_like).
        "department inbox, search Cyrillic": [inbox + "?q=ліхтар"],
        "appeal page": [f"/appeals/staff/appeals/{pk}/" for pk in rng.sample(in_dept, 30)],
    }
    print(f"  load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    heading = ["p50 ms", "p95 ms", "max ms", "cpu p50", "db p50", "queries"]
    print(f"  {'page':34}" + "".join(f"{h:>9}" for h in heading))
    for name, urls in pages.items():
        for url in urls[:3]:
            client.get(url)  # warm up
        times: list[float] = []
        cpu: list[float] = []
        in_db: list[float] = []
        queries = 0
        for k in range(runs):
            spent, cpu_ms, db_ms, queries = timed(client, urls[k % len(urls)])
            times.append(spent)
            cpu.append(cpu_ms)
            in_db.append(db_ms)
        figures = [
            statistics.median(times),
            percentile(times, 0.95),
            max(times),
            statistics.median(cpu),
            statistics.median(in_db),
        ]
        print(f"  {name:34}" + "".join(f"{f:9.1f}" for f in figures) + f"{queries:9d}")
    print(f"  load average after: {os.getloadavg()[0]:.1f}")
    if os.environ.get("RATUSHA_BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        client.get(inbox)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(70)
    if connection.vendor == "postgresql":
        explain(head, dept)


def explain(head: Any, dept: Any) -> None:
    from django.db import connection

    from ratusha.appeals import selectors

    inbox = selectors.department_inbox(head, dept)
    for name, part in (("open appeals", inbox.open), ("the rest", inbox.rest)):
        sql, params = part[: selectors.PAGE_SIZE].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print(f"  EXPLAIN ANALYZE of the inbox page query, {name}:")
            for (line,) in cursor.fetchall():
                print("    " + line)


def run_backend(backend: str, args: argparse.Namespace) -> None:
    """Run one backend in this process (Django is set up once per process)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "ratusha.settings.test"
    sys.path.insert(0, str(ROOT / "src"))
    if args.reuse:  # measure again on a database kept from an earlier run
        os.environ["DATABASE_URL"] = args.reuse
        measure(args.appeals, args.requests, args.seed, reuse=True)
        return
    if backend == "postgres":
        bench_url = create_pg_database(
            args.pg_url, args.db_name or f"ratusha_appeals_bench_{os.getpid()}"
        )
        if bench_url is None:
            return
        os.environ["DATABASE_URL"] = bench_url
        try:
            measure(args.appeals, args.requests, args.seed)
        finally:
            from django.db import connections

            connections.close_all()
            if args.keep:
                print(f"  kept: --reuse {bench_url}")
            else:
                drop_pg_database(args.pg_url, bench_url)
        return
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["MEDIA_ROOT"] = folder
        measure(args.appeals, args.requests, args.seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["postgres", "sqlite", "both"], default="postgres")
    parser.add_argument("--appeals", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg-url", default=os.environ.get("RATUSHA_BENCH_PG_URL", DEFAULT_PG))
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--reuse", help="measure on a database URL kept with --keep")
    parser.add_argument("--db-name", help="name of the throwaway PostgreSQL database")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    print(
        f"Inbox latency: {args.appeals:,} appeals, {args.requests} requests per page, "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    backends = ["postgres", "sqlite"] if args.backend == "both" else [args.backend]
    if len(backends) == 1 or args.in_process:
        run_backend(backends[0], args)
        return
    for backend in backends:  # a process each: Django binds one database per process
        command = [
            sys.executable,
            __file__,
            "--backend",
            backend,
            "--appeals",
            str(args.appeals),
            "--requests",
            str(args.requests),
            "--seed",
            str(args.seed),
            "--pg-url",
            args.pg_url,
        ]
        subprocess.run(command, check=False)


if __name__ == "__main__":
    main()
