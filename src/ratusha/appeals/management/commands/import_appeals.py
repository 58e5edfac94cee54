"""``ratusha import-appeals FILE --body CODE``: import historic appeals from CSV (all or none)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha.appeals.imports import COLUMNS, OPTIONAL_COLUMNS, ImportRefused, check_import_appeals
from ratusha.bodies.models import Body


class Command(BaseCommand):
    help = (
        "Import historic appeals of a body from a UTF-8 CSV file with a header. Every row is "
        "checked first; if any is bad, each problem is reported as FILE:LINE and nothing is "
        f"imported. Columns: {', '.join(COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)}). "
        "Importing the same file again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--body", required=True, help="Code of the body, e.g. ZAR.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        body = Body.objects.filter(code=options["body"]).first()
        if body is None:
            raise CommandError(f"There is no body with the code {options['body']}.")
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: the file is not UTF-8 ({exc.reason}).") from exc
        try:
            report = check_import_appeals(body, text, str(path))
        except ImportRefused as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{len(exc.problems)} problems found; nothing was imported."
            ) from exc
        numbers = f" ({report.first_number} .. {report.last_number})" if report.imported else ""
        self.stdout.write(
            f"{report.imported} appeals imported into {body.code}{numbers}; "
            f"{report.skipped} rows skipped as imported before."
        )
