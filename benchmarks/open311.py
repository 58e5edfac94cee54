"""Latency of Open311 GET requests.json (a page of 50) with many appeals on PostgreSQL.

Fills the database ``ratusha_open311_bench`` (created when missing, migrated) with one
body of 12 departments and categories and N appeals, inserted by one INSERT ... SELECT
over generate_series per batch (a benchmark shortcut: no registration flow, no events),
spread over two years, processed (so public), a fifth of them open, most with a map pin
and a street address. Then requests pages through Django's test Client (the whole view:
URL routing, the publication contract, JSON rendering) and prints p50/p95 per query,
with EXPLAIN ANALYZE of the unfiltered page's SQL.

    .venv/bin/python benchmarks/open311.py --appeals 1000000     # seeds up to 1M, measures
    .venv/bin/python benchmarks/open311.py --appeals 1000000 --runs 200

Seeding is incremental: a second run with a larger --appeals adds the difference.
``--pg-url`` names the server (default: the ratusha role on 127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgres://ratusha:ratusha@127.0.0.1:5432/postgres"
NAME = "ratusha_open311_bench"
BATCH = 100_000

# One INSERT per batch; %(first)s and %(last)s bound the generated series. Deterministic:
# every value is a function of the row number n.
INSERT = """
INSERT INTO appeals_appeal (
    body_id, number, year, sequence, registered_at, channel, applicant_kind,
    applicant_name, applicant_email, applicant_phone, applicant_address, organisation,
    language, text, summary, category_id, department_id, address, latitude, longitude,
    consent_to_publish, state, version, changed_at, term_kind, due_date, forward_by,
    extensions_used, answered_at, processing, processing_error, tracking_token_hash)
SELECT
    %(body)s, 'BEN-' || n, 2025, n, t, 'web', 'individual',
    'Applicant ' || n, 'person' || (n %% 50000) || '@example.org', '', '', '',
    'be', 'Appeal ' || n || ': the street light near house ' || (n %% 300) || ' is broken.',
    'Appeal ' || n, (%(categories)s::int[])[1 + n %% 12], (%(departments)s::int[])[1 + n %% 12],
    'вул. Вуліца ' || (n %% 97) || ', ' || (n %% 120) || ', кв. ' || (n %% 40),
    CASE WHEN n %% 4 = 0 THEN NULL ELSE 53.85 + (n %% 1000) / 10000.0 END,
    CASE WHEN n %% 4 = 0 THEN NULL ELSE 27.45 + (n %% 997) / 10000.0 END,
    n %% 3 = 0,
    CASE WHEN n %% 5 = 0
         THEN (ARRAY['triage','assigned','in_progress','answer_drafted'])[1 + n %% 4]
         ELSE (ARRAY['closed','closed','closed','answered','left_without_consideration'])
              [1 + n %% 5] END,
    1, t + interval '3 days', 'standard', (t + interval '15 days')::date,
    (t + interval '5 days')::date, 0,
    CASE WHEN n %% 5 = 0 THEN NULL ELSE t + interval '10 days' END,
    'done', '', md5(n::text)
FROM (
    SELECT n, now() - ((n * 7919) %% (730 * 86400)) * interval '1 second' AS t
    FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS n
) AS series
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ensure_database(server: str) -> str:
    import psycopg

    with psycopg.connect(server.replace("postgres://", "postgresql://"), autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [NAME]).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{NAME}"')  # a fixed name of ours
    return server.rsplit("/", 1)[0] + "/" + NAME


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.test")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def the_body() -> Any:
    from ratusha.bodies.models import Body, Category, Department

    body, created = Body.objects.get_or_create(
        code="BEN", defaults={"kind": "municipality", "name_be": "Горад", "name_en": "Town"}
    )
    if created:
        for n in range(12):
            dept = Department.objects.create(body=body, code=f"D{n}", name_be=f"Аддзел {n}")
            Category.objects.create(
                body=body, code=f"C{n}", name_be=f"Катэгорыя {n}", default_department=dept
            )
    return body


def seed(body: Any, wanted: int) -> None:
    from django.db import connection

    from ratusha.appeals.models import Appeal

    have = Appeal.objects.filter(body=body).count()
    if have >= wanted:
        print(f"Appeals already in the database: {have:,}")
        return
    categories = list(body.categories.order_by("code").values_list("pk", flat=True))
    departments = [c.default_department_id for c in body.categories.order_by("code")]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for first in range(have + 1, wanted + 1, BATCH):
            last = min(wanted, first + BATCH - 1)
            cursor.execute(
                INSERT,
                {
                    "body": body.pk,
                    "categories": categories,
                    "departments": departments,
                    "first": first,
                    "last": last,
                },
            )
            print(f"  {last:,} appeals ({time.perf_counter() - started:.0f} s)", flush=True)
        cursor.execute("ANALYZE appeals_appeal")
    print(f"Seeded {wanted - have:,} appeals in {time.perf_counter() - started:.1f} s")


QUERIES = {
    "no filter (the spec's last 90 days)": {},
    "status=open": {"status": "open"},
    "service_code=C3": {"service_code": "C3"},
    "service_code=C3&status=closed": {"service_code": "C3", "status": "closed"},
    "one month (start_date, end_date)": {
        "start_date": "2025-06-01T00:00:00Z",
        "end_date": "2025-06-30T23:59:59Z",
    },
    "all time, page 20": {"start_date": "2000-01-01T00:00:00Z", "page": "20"},
    "10 service_request_id": {"service_request_id": ",".join(f"BEN-{n}" for n in range(1, 11))},
}


def measure(runs: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for label, params in QUERIES.items():
        query = {"jurisdiction_id": "BEN", "page_size": "50", **params}
        for _warm in range(3):
            client.get("/open311/v2/requests.json", query)
        times = []
        cpu = time.process_time()
        for _n in range(runs):
            started = time.perf_counter()
            answer = client.get("/open311/v2/requests.json", query)
            times.append((time.perf_counter() - started) * 1000)
            assert answer.status_code == 200, answer.content[:300]
        cpu_ms = (time.process_time() - cpu) * 1000 / runs
        rows = len(answer.json())
        with CaptureQueriesContext(connection) as queries:
            client.get("/open311/v2/requests.json", query)
        print(
            f"{label:40s} rows {rows:3d}  queries {len(queries):2d}  "
            f"p50 {statistics.median(times):6.1f} ms  p95 {percentile(times, 0.95):6.1f} ms  "
            f"CPU {cpu_ms:4.1f} ms/request",
            flush=True,
        )


def explain() -> None:
    """Print EXPLAIN ANALYZE of the page query the view really sends (status=open, page 1)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    query = {"jurisdiction_id": "BEN", "page_size": "50", "status": "open"}
    with CaptureQueriesContext(connection) as queries:
        Client().get("/open311/v2/requests.json", query)
    page = next(q["sql"] for q in queries.captured_queries if "appeals_appeal" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + page)
        print("\nEXPLAIN ANALYZE (status=open, page 1):")
        for (line,) in cursor.fetchall():
            print("  " + line)


def body_zone(body: Any) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(body.time_zone)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG))
    args = parser.parse_args()
    setup_django(ensure_database(args.pg_url))
    body = the_body()
    seed(body, args.appeals)
    print(
        f"GET /open311/v2/requests.json?page_size=50 ({args.runs} runs each), "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    measure(args.runs)
    explain()


if __name__ == "__main__":
    main()
