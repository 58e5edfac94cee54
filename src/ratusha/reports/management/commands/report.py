"""``ratusha report``: generate a report now, store it and enter its hash in the ledger.

Example::

    ratusha report --body ZAR --period 2026-10 --language be --format pdf,xlsx
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha.bodies.models import Body
from ratusha.reports.actions import do_generate_report, languages
from ratusha.reports.choices import ReportFormat, ReportScope
from ratusha.reports.periods import parse_period


class Command(BaseCommand):
    help = "Generate a monthly (2026-10) or quarterly (2026-Q4) report of a body."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", required=True, help="The body's code, for example ZAR.")
        parser.add_argument("--period", required=True, help="2026-10 (month) or 2026-Q4.")
        parser.add_argument("--language", default="be", help="be, ru or en (default be).")
        parser.add_argument("--format", default="pdf,xlsx", help="pdf, xlsx or both.")
        parser.add_argument(
            "--scope",
            default=ReportScope.BODY,
            choices=ReportScope.values,
            help="body (default) or council: the body with every body below it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.filter(code=options["body"].upper()).first()
        if body is None:
            raise CommandError(f"no body with the code {options['body']}")
        try:
            period = parse_period(options["period"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["language"] not in languages():
            raise CommandError(f"--language: one of {', '.join(languages())}")
        formats = [f.strip().lower() for f in options["format"].split(",") if f.strip()]
        if not formats or any(f not in ReportFormat.values for f in formats):
            raise CommandError("--format: pdf, xlsx or pdf,xlsx")
        for report in do_generate_report(
            body, options["scope"], period, options["language"], formats
        ):
            self.stdout.write(
                f"{report.download_name}  {report.size} bytes  sha256 {report.sha256}  "
                f"{report.file.name}"
            )
