"""p95 of the staff and public dashboards with 1,000,000 appeals on PostgreSQL.

Drops and recreates its own database (``ratusha_analytics_bench`` on the local cluster),
migrates it, seeds bodies (a district with a big town and three smaller bodies, 8
departments and 40 categories each), then COPYs the appeals in bulk (24 months, skewed
over bodies, departments and categories; states, answers, due dates, ratings and
triage labels drawn from a fixed seed). It times the full rollup refresh, then an
incremental one after 1,000 appeals change, then requests the dashboards through
Django's test Client (middleware, templates, charts included) as the district's
administrator and anonymously, over a mix of filters, and prints p50/p95.

    .venv/bin/python benchmarks/dashboards.py                        # 1,000,000 appeals
    .venv/bin/python benchmarks/dashboards.py --appeals 100000 --requests 30

PostgreSQL is reached at --pg-url (default: the ratusha role on 127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgresql://ratusha:ratusha@127.0.0.1:5432/postgres"
NAME = "ratusha_analytics_bench"
BODY_WEIGHTS = [70, 10, 10, 10]  # percent of the appeals per body
STATES = (
    ["closed"] * 55
    + ["answered"] * 25
    + ["left_without_consideration"] * 4
    + ["forwarded"] * 4
    + ["withdrawn"] * 2
    + ["in_progress"] * 10
)
CHANNELS = (
    ["web"] * 40 + ["post"] * 20 + ["email"] * 15 + ["personal"] * 10 + ["api"] * 10 + ["oral"] * 5
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def recreate_database(admin_url: str) -> str:
    """Give the URL of the bench database, emptied (created on the first run).

    Emptying the schema rather than dropping the database works while autovacuum is
    still busy in it (a DROP DATABASE would have to wait for it).
    """
    import psycopg

    url = admin_url.rsplit("/", 1)[0] + "/" + NAME
    with psycopg.connect(admin_url, autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [NAME]).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{NAME}"')
            return url
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DROP SCHEMA public CASCADE")
        db.execute("CREATE SCHEMA public")
    return url


def seed_structure() -> dict[str, Any]:
    from ratusha.accounts.models import RoleGrant, User
    from ratusha.bodies.models import Body, Category, Department

    region = Body.objects.create(code="BR", kind="region", name_be="Вобласць", name_en="Region")
    district = Body.objects.create(
        code="BD", kind="district", name_be="Раён", name_en="District", parent=region
    )
    bodies, departments, categories = [], {}, {}
    for index in range(4):
        body = Body.objects.create(
            code=f"B{index}",
            kind="municipality",
            name_be=f"Орган {index}",
            name_en=f"Body {index}",
            parent=district,
        )
        bodies.append(body)
        departments[body.pk] = [
            Department.objects.create(
                body=body, code=f"D{d}", name_be=f"Аддзел {d}", name_en=f"Department {d}"
            )
            for d in range(8)
        ]
        categories[body.pk] = [
            Category.objects.create(
                body=body,
                code=f"C{c:02d}",
                name_be=f"Катэгорыя {c}",
                name_en=f"Category {c}",
                default_department=departments[body.pk][c % 8],
            )
            for c in range(40)
        ]
    admin = User.objects.create_user("admin@bench.example", "bench-password-1")
    RoleGrant.objects.create(user=admin, role="body_admin", body=district)
    head = User.objects.create_user("head@bench.example", "bench-password-1")
    RoleGrant.objects.create(
        user=head, role="department_head", body=bodies[0], department=departments[bodies[0].pk][0]
    )
    return {
        "bodies": bodies,
        "departments": departments,
        "categories": categories,
        "admin": admin,
        "head": head,
    }


def reused_structure() -> dict[str, Any]:
    """Give the bodies and people of an earlier run (with --reuse)."""
    from ratusha.accounts.models import User
    from ratusha.bodies.models import Body, Category, Department

    bodies = list(Body.objects.filter(kind="municipality").order_by("code"))
    return {
        "bodies": bodies,
        "departments": {
            b.pk: list(Department.objects.filter(body=b).order_by("code")) for b in bodies
        },
        "categories": {
            b.pk: list(Category.objects.filter(body=b).order_by("code")) for b in bodies
        },
        "admin": User.objects.get(email="admin@bench.example"),
        "head": User.objects.get(email="head@bench.example"),
    }


def appeal_columns() -> list[tuple[str, bool, str]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, is_nullable, data_type FROM information_schema.columns"
            " WHERE table_name = 'appeals_appeal' AND column_name <> 'id'"
            " ORDER BY ordinal_position"
        )
        return [(name, nullable == "YES", kind) for name, nullable, kind in cursor.fetchall()]


# Every value is drawn inside PostgreSQL (generate_series and random() after setseed),
# which is many times faster than building a million rows in Python.
APPEAL_VALUES = {
    "body_id": "c.body_id",
    "number": "c.body_code || '-' || g.n",
    "year": "extract(year FROM g.registered)::int",
    "sequence": "g.n",
    "registered_at": "g.registered",
    "channel": "(ARRAY['web','web','web','web','post','post','email','email','personal',"
    "'api','api','oral'])[1 + floor(random() * 12)::int]",
    "applicant_kind": "'individual'",
    "applicant_name": "'Applicant ' || g.n",
    "applicant_email": "'person' || floor(random() * 200000)::int || '@bench.example'",
    "language": "'be'",
    "text": "'Bench appeal.'",
    "category_id": "c.category_id",
    "department_id": "c.department_id",
    "consent_to_publish": "false",
    "state": "g.state",
    "version": "1",
    "changed_at": "coalesce(g.answered, g.registered)",
    "term_kind": "'standard'",
    "due_date": "(g.registered + interval '15 days')::date",
    "extensions_used": "0",
    "answered_at": "g.answered",
    "processing": "'done'",
}
EMPTY = {"boolean": "false", "integer": "0", "smallint": "0", "bigint": "0"}


def seed_appeals(world: dict[str, Any], count: int, end: datetime, seed: int) -> float:
    """Insert the appeals, ratings and triage labels with SQL; give the seconds it took."""
    from django.db import connection

    began = time.monotonic()
    columns, values = [], []
    for name, nullable, kind in appeal_columns():
        if name in APPEAL_VALUES:
            columns.append(name)
            values.append(APPEAL_VALUES[name])
        elif not nullable:
            columns.append(name)
            values.append(EMPTY.get(kind, "''"))
    cells = [
        (b_index, c_index, body.pk, body.code, category.pk, category.default_department_id)
        for b_index, body in enumerate(world["bodies"])
        for c_index, category in enumerate(world["categories"][body.pk])
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_cells (b int, c int, body_id int, body_code text,"
            " category_id int, department_id int)"
        )
        cursor.executemany("INSERT INTO bench_cells VALUES (%s, %s, %s, %s, %s, %s)", cells)
        cursor.execute("SELECT setseed(%s)", [1 / (seed + 1)])
        # Bodies 70/10/10/10; categories skewed (a few big ones, a long tail); states by age.
        cursor.execute(
            f"""
            INSERT INTO appeals_appeal ({", ".join(columns)})
            SELECT {", ".join(values)}
            FROM (
              SELECT n, registered, state,
                CASE WHEN state IN ('closed', 'answered') THEN registered + make_interval(
                  days => (ARRAY[1,3,5,8,10,12,14,16,20,30])[1 + floor(random() * 10)::int])
                END AS answered,
                CASE WHEN rb < 0.7 THEN 0 WHEN rb < 0.8 THEN 1 WHEN rb < 0.9 THEN 2 ELSE 3 END
                  AS b,
                floor(40 * power(random(), 2))::int AS c
              FROM (
                SELECT n, registered, random() AS rb,
                  CASE WHEN registered > %(end)s - interval '20 days' THEN 'in_progress'
                  ELSE (ARRAY['closed','closed','closed','closed','closed','closed','answered',
                    'answered','answered','left_without_consideration','forwarded',
                    'in_progress','closed','closed','withdrawn','answered',
                    'closed','closed','closed','closed'])[1 + floor(random() * 20)::int]
                  END AS state
                FROM (
                  SELECT n, %(end)s - random() * interval '730 days' AS registered
                  FROM generate_series(1, %(count)s) AS n
                ) AS drawn
              ) AS aged
            ) AS g
            JOIN bench_cells AS c ON c.b = g.b AND c.c = g.c
            """,  # noqa: S608 - the columns and expressions are this script's constants
            {"end": end, "count": count},
        )
        cursor.execute(
            "INSERT INTO appeals_rating (appeal_id, score, comment, rated_at)"
            " SELECT id, (ARRAY[1,2,3,4,4,5,5,5])[1 + floor(random() * 8)::int], '', %s"
            " FROM appeals_appeal WHERE answered_at IS NOT NULL AND random() < 0.3",
            [end],
        )
        cursor.execute(
            "INSERT INTO triage_triagelabel"
            " (appeal_id, body_id, target, suggested, chosen, accepted, at)"
            " SELECT id, body_id, 'category', 'C01', 'C01', random() < 0.8, %s"
            " FROM appeals_appeal WHERE random() < 0.15",
            [end],
        )
        cursor.execute("ANALYZE")
    return time.monotonic() - began


def measure(client: Any, urls: list[str], rounds: int) -> tuple[float, float, int]:
    timings = []
    for _round in range(rounds):
        for url in urls:
            began = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), percentile(timings, 0.95), len(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=60, help="requests per dashboard")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database of an earlier run again"
    )
    args = parser.parse_args()

    if args.reuse:
        os.environ["DATABASE_URL"] = args.pg_url.rsplit("/", 1)[0] + "/" + NAME
    else:
        os.environ["DATABASE_URL"] = recreate_database(args.pg_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.test")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from ratusha.analytics.models import Rollup
    from ratusha.analytics.rollups import refresh_rollups
    from ratusha.appeals.models import Appeal

    end = datetime(2026, 11, 1, tzinfo=UTC)
    if args.reuse:
        world = reused_structure()
    else:
        world = seed_structure()
        seconds = seed_appeals(world, args.appeals, end, args.seed)
        count = Appeal.objects.count()
        print(f"Seeded {count:,} appeals (with ratings and labels) in {seconds:.1f} s", flush=True)
        report = refresh_rollups(full=True)
        rows = Rollup.objects.count()
        print(
            f"Full rollup refresh: {report.seconds:.1f} s, {report.days_rebuilt:,} body-days,"
            f" {rows:,} rollup rows",
            flush=True,
        )
    # What changes between two refreshes in practice: recent appeals get answered.
    recent = Appeal.objects.filter(registered_at__gte=end - timedelta(days=60))
    changed = list(recent.order_by("?").values_list("pk", flat=True)[:1000])
    Appeal.objects.filter(pk__in=changed).update(state="closed", changed_at=datetime.now(UTC))
    report = refresh_rollups()
    print(
        f"Incremental refresh after 1,000 recent appeals changed: {report.seconds:.1f} s,"
        f" {report.days_rebuilt:,} body-days rebuilt",
        flush=True,
    )

    big = world["bodies"][0]
    depts = world["departments"][big.pk]
    cats = world["categories"][big.pk]
    period = "start=2025-11-01&end=2026-10-31"
    filters = [
        period,
        f"{period}&body={big.pk}",
        f"{period}&body={big.pk}&department={depts[1].pk}",
        f"{period}&category={cats[0].pk}",
        f"{period}&channel=post",
        "start=2026-01-15&end=2026-06-20",
        f"district={world['bodies'][0].parent_id}&{period}",
        "start=2024-11-01&end=2026-10-31",
    ]
    staff = Client()
    staff.force_login(world["admin"])
    head = Client()
    head.force_login(world["head"])
    public = Client()
    rounds = max(1, args.requests // len(filters))
    for label, client, path in (
        ("staff dashboard (district admin)", staff, "/analytics/"),
        ("staff dashboard (department head)", head, "/analytics/"),
        ("public dashboard", public, "/analytics/public/"),
    ):
        client.get(f"{path}?{period}")  # warm up
        p50, p95, n = measure(client, [f"{path}?{f}" for f in filters], rounds)
        print(f"{label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms over {n} requests")


if __name__ == "__main__":
    main()
