"""A register as a one-sheet workbook (openpyxl): heading lines, a bold header row, then
one row per entry, with dates as dates, so a clerk can sort, filter or send it on. Text
that begins with "=" (openpyxl would store it as a formula) is stored as text: the rows
carry what applicants typed."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain(value: Any) -> Any:
    """Give a value a cell can hold: local datetimes without their zone (Excel has none)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def sheet_title(text: str, used: set[str]) -> str:
    """Give a sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    clean = "".join(" " if c in "[]:*?/\\" else c for c in text)[:31].strip() or "Sheet"
    name, n = clean, 2
    while name.lower() in used:
        suffix = f" {n}"
        name, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write a cell; text that begins with "=" stays text, never a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def register_workbook(
    title: str,
    heading: Sequence[str],
    columns: Sequence[tuple[str, int]],
    rows: Iterable[Sequence[Any]],
) -> bytes:
    """Give the workbook: ``title`` as the sheet's name and first line, the ``heading``
    lines under it, then the ``columns`` (label, width in characters) and the ``rows``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(title, set())
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    for n, line in enumerate(heading, start=2):
        sheet.cell(row=n, column=1, value=line)
    header = len(heading) + 3
    bold = Font(bold=True)
    for n, (label, width) in enumerate(columns, start=1):
        sheet.cell(row=header, column=n, value=label).font = bold
        sheet.column_dimensions[get_column_letter(n)].width = width
    for r, values in enumerate(rows, start=header + 1):
        for n, value in enumerate(values, start=1):
            cell = put(sheet, r, n, _plain(value))
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_response(content: bytes, filename: str) -> HttpResponse:
    """Give the workbook as a download named ``filename``."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
