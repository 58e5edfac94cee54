"""``ratusha refresh-rollups [--full]``: bring the dashboards' counts up to date now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ratusha.analytics.rollups import refresh_rollups


class Command(BaseCommand):
    help = "Recount the appeals changed since the last refresh (--full: recount every appeal)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--full", action="store_true", help="Recount everything (after a bulk import)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = refresh_rollups(full=options["full"])
        self.stdout.write(
            f"Counted {report.appeals_counted} appeals on {report.days_rebuilt} body-days"
            f" ({report.rows_written} rows) in {report.seconds:.1f} s."
        )
