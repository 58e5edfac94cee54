"""``ratusha ledger-reconcile``: append the ledger entries of public acts that lost them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ratusha.ledger.reconcile import GRACE, reconcile


class Command(BaseCommand):
    help = (
        "Find appeal events, signed answers and decisions without their ledger entry "
        "(e.g. an on-commit append lost in a crash) and append each one once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=float,
            default=None,
            help="look only at acts of the last DAYS days (default: since each log began)",
        )
        parser.add_argument(
            "--grace-seconds",
            type=float,
            default=GRACE.total_seconds(),
            help="leave acts younger than this to their own on-commit hooks",
        )
        parser.add_argument("--dry-run", action="store_true", help="count, append nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        since = now - timedelta(days=options["days"]) if options["days"] is not None else None
        result = reconcile(
            since=since,
            grace=timedelta(seconds=options["grace_seconds"]),
            now=now,
            dry_run=options["dry_run"],
        )
        verb = "missing" if options["dry_run"] else "appended"
        self.stdout.write(
            f"{result.events} appeal event(s) and {result.documents} signed document(s) {verb}"
        )
