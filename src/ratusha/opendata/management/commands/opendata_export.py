"""``ratusha opendata-export``: write the open-data dumps now and enter them in the ledger."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha.opendata.actions import ExportRefused, check_export_dumps
from ratusha.opendata.datasets import DATASETS, FORMATS


class Command(BaseCommand):
    help = "Export the open-data datasets to CSV, JSON Lines and Parquet files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dataset", action="append", choices=list(DATASETS), help="Only this dataset."
        )
        parser.add_argument("--body", action="append", help="Per-body dumps only for this body.")
        parser.add_argument(
            "--format", action="append", choices=list(FORMATS), help="Only this format."
        )
        parser.add_argument(
            "--no-bodies", action="store_true", help="Only the dumps that hold every body."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            dumps = check_export_dumps(
                options["dataset"],
                options["body"],
                options["format"],
                per_body=not options["no_bodies"],
            )
        except ExportRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        for dump in dumps:
            self.stdout.write(
                f"{dump.download_name:40} {dump.rows:>10} rows {dump.size:>12} bytes  {dump.sha256}"
            )
        self.stdout.write(f"{len(dumps)} files in {time.monotonic() - started:.1f} s")
