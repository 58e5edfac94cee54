"""Benchmarks on a throw-away copy of the seeded demo database (SQLite).

``make demo`` leaves the database at var/ratusha.sqlite3. A benchmark asks for the usual
options (``demo_parser``: --db and --body), then runs inside ``demo_copy``, which copies
the database to a temporary folder, points Django at the copy and removes it afterwards.
The demo's database itself is never touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def demo_parser(description: str) -> argparse.ArgumentParser:
    """Give a parser with the demo database (--db) and the body (--body, ZAR) to measure."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", default=str(ROOT / "var" / "ratusha.sqlite3"))
    parser.add_argument("--body", default="ZAR")
    return parser


@contextmanager
def demo_copy(database: str, prefix: str) -> Iterator[Path]:
    """Copy the demo database, point Django's settings at the copy, and remove it at the end."""
    source = Path(database)
    if not source.exists():
        sys.exit(f"No demo database at {source}: run `make demo` first or give --db.")
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    copy = workdir / "demo.sqlite3"
    shutil.copy(source, copy)
    os.environ["DATABASE_URL"] = f"sqlite:///{copy}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.dev")
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT / "src"))
    try:
        yield copy
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def recent_appeals(body_code: str, days: int) -> tuple[Any, list[Any]]:
    """Migrate the copy, then give the body and its appeals of the last ``days`` days of data.

    Triage then runs on the rules only (no natasha), as the demo seeding does.
    """
    from django.conf import settings
    from django.core.management import call_command

    from ratusha.appeals.models import Appeal
    from ratusha.bodies.models import Body

    settings.RATUSHA_TRIAGE_NER = False
    call_command("migrate", verbosity=0)
    body = Body.objects.get(code=body_code)
    latest = Appeal.objects.filter(body=body).order_by("-registered_at").first()
    assert latest is not None
    since = latest.registered_at - timedelta(days=days)
    appeals = list(
        Appeal.objects.filter(body=body, registered_at__gte=since)
        .select_related("body", "category")
        .order_by("registered_at", "pk")
    )
    return body, appeals
