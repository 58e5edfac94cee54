"""Time to generate a monthly report (content, PDF, XLSX) for the demo town.

Uses the database of DATABASE_URL (default: a fresh SQLite file in a temporary folder,
migrated and seeded with the demo history of 5,000 appeals ending at --as-of). Prints,
for each language, the seconds to read the figures, to write the PDF and to write the
XLSX, the best of --repeat runs, and the number of PDF pages.

    .venv/bin/python benchmarks/reports.py
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python benchmarks/reports.py --no-seed
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import datetime
from zoneinfo import ZoneInfo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=5000)
    parser.add_argument("--as-of", default="2026-11-20T12:00")
    parser.add_argument("--period", default="2026-10")
    parser.add_argument("--scope", default="body", choices=["body", "council"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-seed", action="store_true", help="Use the database as it is.")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="ratusha-bench-reports-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{folder}/media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.dev")
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from django.core.management import call_command
    from pypdf import PdfReader

    from ratusha.appeals.models import Appeal
    from ratusha.bodies.models import Body
    from ratusha.reports.build import build_report
    from ratusha.reports.periods import parse_period
    from ratusha.reports.writers import write_pdf, write_xlsx

    as_of = datetime.fromisoformat(args.as_of).replace(tzinfo=ZoneInfo("Europe/Minsk"))
    if not args.no_seed:
        call_command("migrate", verbosity=0)
        from ratusha.demo.actions import do_seed_demo

        started = time.perf_counter()
        do_seed_demo(appeals=args.appeals, as_of=as_of)
        print(f"seeded the demo in {time.perf_counter() - started:.1f} s")
    body = Body.objects.get(code="ZAR")
    period = parse_period(args.period)
    print(
        f"database {django.db.connection.vendor}; {Appeal.objects.count()} appeals; "
        f"ZAR {args.scope} report for {period.label}; best of {args.repeat}"
    )
    for language in ("be", "ru", "en"):
        best = {"figures": 1e9, "pdf": 1e9, "xlsx": 1e9}
        pages = 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            data = build_report(body, args.scope, period, language, as_of)
            best["figures"] = min(best["figures"], time.perf_counter() - started)
            started = time.perf_counter()
            pdf = write_pdf(data)
            best["pdf"] = min(best["pdf"], time.perf_counter() - started)
            started = time.perf_counter()
            write_xlsx(data)
            best["xlsx"] = min(best["xlsx"], time.perf_counter() - started)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(
            f"{language}: figures {best['figures']:.2f} s, PDF {best['pdf']:.2f} s "
            f"({pages} pages), XLSX {best['xlsx']:.2f} s; "
            f"PDF report total {best['figures'] + best['pdf']:.2f} s, "
            f"XLSX report total {best['figures'] + best['xlsx']:.2f} s"
        )


if __name__ == "__main__":
    sys.exit(main())
