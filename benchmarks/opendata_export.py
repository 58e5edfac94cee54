"""Export 1,000,000 appeals to CSV and to Parquet: time and peak memory of each.

Fills a scratch database once (SQLite file, or the PostgreSQL database
``ratusha_opendata_bench``) with one body, 8 departments, 40 categories and N appeals
spread over two years (a tenth with an approved redacted text, the answered ones with an
answer summary, every one with a street address and a point), then runs the real export
(``ratusha.opendata.actions.do_export_dataset``: public records streamed from
``ratusha.publication.records``, written in batches, hashed, entered in the ledger) once
per format, each in a fresh process so that its peak resident memory is its own.

    .venv/bin/python benchmarks/opendata_export.py                    # SQLite, 1,000,000
    .venv/bin/python benchmarks/opendata_export.py --backend pg --appeals 1000000
    .venv/bin/python benchmarks/opendata_export.py --quick            # 20,000, own scratch
    .venv/bin/python benchmarks/opendata_export.py --appeals 100000 --fresh

Each figure is printed with the load average and the exporting process's CPU time (on
PostgreSQL the server's share runs in its own processes, on the same cores).

Targets (issue 6): under 60 s and under 300 MB for each format.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SQLITE = Path(tempfile.gettempdir()) / "ratusha_opendata_bench.sqlite3"
PG = "postgres://ratusha:ratusha@127.0.0.1:5432/ratusha_opendata_bench"
QUICK = 20_000  # appeals of --quick, in scratch databases of their own
STREETS = ["вул. Савецкая", "вул. Леніна", "вул. Гагарына", "вул. Школьная", "вул. Садовая"]
STATES = ["closed"] * 55 + ["answered"] * 20 + ["in_progress"] * 10 + ["assigned"] * 5
STATES += ["registered"] * 3 + ["left_without_consideration"] * 4 + ["withdrawn"] * 3


def setup(url: str, media: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["MEDIA_ROOT"] = media
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.test")
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_pg_database(url: str, fresh: bool = False) -> None:
    """Create the scratch database when it is missing (drop it first when ``fresh``)."""
    import psycopg

    admin, name = url.rsplit("/", 1)
    with psycopg.connect(admin.replace("postgres://", "postgresql://") + "/postgres") as db:
        db.autocommit = True
        if fresh:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # our own fixed name
        if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            db.execute(f'CREATE DATABASE "{name}"')  # our own fixed name


APPEAL_COLUMNS = (
    "id, number, year, sequence, registered_at, channel, applicant_kind, applicant_name, "
    "applicant_email, applicant_phone, applicant_address, organisation, language, text, "
    "summary, address, latitude, longitude, consent_to_publish, state, version, changed_at, "
    "term_kind, due_date, extensions_used, answered_at, processing, processing_error, "
    "tracking_token_hash, body_id, category_id, department_id"
)
PUBLICATION_COLUMNS = (
    "id, status, proposed_text, spans, edited_text, override, reviewed_at, created_at, "
    "appeal_id, body_id"
)
ANSWER_COLUMNS = "id, text, drafted_at, approved_at, sent_at, is_public, appeal_id"
SUMMARY_COLUMNS = "id, summary, made_at, answer_id, appeal_id"


def insert(table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert rows fast: COPY on PostgreSQL, one executemany on SQLite."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            # Table and column names are this script's constants; values are parameters.
            marks = ", ".join(["%s"] * len(columns.split(",")))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)


def fill(count: int, seed: int = 6) -> None:
    """Migrate and fill the scratch database with `count` appeals (skipped when already full).

    Rows go in by COPY or executemany with their ids chosen here, so that a million
    appeals, their answers, summaries and publications take a minute or two, not an hour.
    """
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from ratusha.appeals.models import Appeal
    from ratusha.bodies.models import Body, Category, Department

    if Appeal.objects.count() >= count:
        return
    if Appeal.objects.exists():
        raise SystemExit("The scratch database holds fewer appeals than asked: use --fresh.")
    started = time.perf_counter()
    rng = random.Random(seed)
    body = Body.objects.create(code="BEN", kind="municipality", name_be="Горад", name_en="Town")
    departments = [
        Department.objects.create(body=body, code=f"D{n}", name_be=f"Аддзел {n}") for n in range(8)
    ]
    categories = [
        Category.objects.create(
            body=body, code=f"C{n}", name_be=f"Катэгорыя {n}", default_department=departments[n % 8]
        )
        for n in range(40)
    ]
    stamp = connection.ops.adapt_datetimefield_value
    now = datetime.now(UTC)
    batch = 50000
    with transaction.atomic():
        for first in range(0, count, batch):
            appeals, publications, answers, summaries = [], [], [], []
            for k in range(first, min(count, first + batch)):
                registered = now - timedelta(seconds=rng.randrange(0, 730 * 86400))
                category = categories[rng.randrange(40)]
                state = rng.choice(STATES)
                done = state in ("answered", "closed")
                answered = registered + timedelta(days=10) if done else None
                appeals.append(
                    (
                        k + 1, f"BEN-{k:07d}", registered.year, k + 1, stamp(registered),
                        rng.choice(["web", "web", "api", "post", "open311"]), "individual",
                        f"Applicant {k}", f"person{k}@example.org", "", "", "", "be",
                        f"Appeal {k}: the street light near house {k % 300} is broken.", "",
                        f"{rng.choice(STREETS)}, д. {k % 120 + 1}, кв. {k % 80 + 1}",
                        f"{53.85 + rng.random() / 10:.6f}", f"{27.50 + rng.random() / 10:.6f}",
                        k % 10 == 0, state, 0, stamp(answered or registered), "standard",
                        (registered + timedelta(days=15)).date(), 0, stamp(answered), "done", "",
                        "", body.pk, category.pk, category.default_department_id,
                    )
                )  # fmt: skip
                if k % 10 == 0:
                    text = f"Ліхтар каля дома на {STREETS[k % 5]} не працуе."
                    publications.append(
                        (k + 1, "approved", text, "[]", "", False, stamp(now), stamp(now),
                         k + 1, body.pk)
                    )  # fmt: skip
                if done:
                    answers.append(
                        (k + 1, "Адрамантуем.", stamp(now), stamp(now), stamp(now), True, k + 1)
                    )
                    summaries.append((k + 1, "Ліхтар адрамантуюць.", stamp(now), k + 1, k + 1))
            insert("appeals_appeal", APPEAL_COLUMNS, appeals)
            insert("publication_publication", PUBLICATION_COLUMNS, publications)
            insert("appeals_answer", ANSWER_COLUMNS, answers)
            insert("publication_answersummary", SUMMARY_COLUMNS, summaries)
    if connection.vendor == "postgresql":  # what autovacuum would soon do: hint bits, stats
        with connection.cursor() as cursor:
            for table in ("appeals_appeal", "publication_publication", "appeals_answer"):
                cursor.execute(f"VACUUM ANALYZE {table}")
            cursor.execute("VACUUM ANALYZE publication_answersummary")
    print(f"filled {count:,} appeals in {time.perf_counter() - started:.0f} s", flush=True)


def peak_rss_mb() -> int:
    """Give this process's peak resident memory in MB (VmHWM).

    Not ``getrusage``: its ``ru_maxrss`` survives fork and exec, so a child would report
    the parent's peak; VmHWM belongs to the process's own address space.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure(fmt: str) -> dict[str, Any]:
    """Export the appeals of every body to one format; give time, rows, size and peak memory."""
    from ratusha.opendata.actions import do_export_dataset
    from ratusha.opendata.datasets import APPEALS

    usage = resource.getrusage(resource.RUSAGE_SELF)
    before, cpu = peak_rss_mb(), usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    (dump,) = do_export_dataset(APPEALS, "", [fmt])
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = peak_rss_mb()
    cpu = usage.ru_utime + usage.ru_stime - cpu
    return {
        "format": fmt,
        "rows": dump.rows,
        "bytes": dump.size,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_rss_mb": peak,
        "rss_before_mb": before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "pg"], default="sqlite")
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--fresh", action="store_true", help="Start from an empty database.")
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK:,} appeals in scratch databases of their own."
    )
    parser.add_argument("--measure", choices=["csv", "jsonl", "parquet"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = scratch_url(args.backend, args.quick)
    if args.quick:
        args.appeals = QUICK
    media = str(Path(tempfile.gettempdir()) / "ratusha_opendata_bench_media")
    if args.quick:
        media += "_quick"
    if args.measure:
        setup(url, media)
        print(json.dumps(measure(args.measure)))
        return
    if args.backend == "pg":
        ensure_pg_database(url, args.fresh)
    elif args.fresh:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    setup(url, media)
    fill(args.appeals)
    results = []
    for fmt in ("csv", "parquet"):
        command = [sys.executable, __file__, "--backend", args.backend, "--measure", fmt]
        if args.quick:
            command.append("--quick")
        load = os.getloadavg()[0]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        results.append(result)
        print(
            f"{fmt:8} {result['rows']:>9,} rows {result['bytes'] / 1e6:8.1f} MB "
            f"{result['seconds']:6.1f} s (CPU {result['cpu_seconds']:.1f} s)  "
            f"peak RSS {result['peak_rss_mb']} MB "
            f"(before the export {result['rss_before_mb']} MB)  "
            f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}",
            flush=True,
        )


def scratch_url(backend: str, quick: bool) -> str:
    """Give the scratch database of the run (the quick run's are apart from the big one's)."""
    if backend == "pg":
        return PG + "_quick" if quick else PG
    path = SQLITE.with_name(SQLITE.stem + "_quick.sqlite3") if quick else SQLITE
    return f"sqlite:///{path}"


if __name__ == "__main__":
    main()
