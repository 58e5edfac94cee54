"""``ratusha import-bodies FILE``: import bodies, departments and categories from CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha.bodies.actions import ImportRefused, do_import_bodies


class Command(BaseCommand):
    help = "Import bodies, departments and categories from a CSV file (all rows or none)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = do_import_bodies(path.read_text(encoding="utf-8-sig"))
        except ImportRefused as exc:
            for line, problem in exc.report.errors:
                self.stderr.write(f"{path}:{line}: {problem}")
            raise CommandError(f"{len(exc.report.errors)} bad rows; nothing was imported.") from exc
        for kind in report.created:
            self.stdout.write(
                f"{kind}: {report.created[kind]} created, {report.updated[kind]} updated"
            )
