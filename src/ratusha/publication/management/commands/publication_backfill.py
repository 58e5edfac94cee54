"""``ratusha publication-backfill [--limit N]``: propose and summarise what is missing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ratusha.publication.tasks import do_backfill


class Command(BaseCommand):
    help = (
        "Propose redacted texts for consenting appeals that have none, and summarise the "
        "latest public answers that have no summary yet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="at most N of each kind")

    def handle(self, *args: Any, limit: int | None = None, **options: Any) -> None:
        proposed, summarised = do_backfill(limit)
        self.stdout.write(f"Proposed {proposed} texts, summarised {summarised} answers.")
