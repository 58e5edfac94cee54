"""Write a report's content as a PDF (WeasyPrint, A4) or a spreadsheet (openpyxl).

The PDF uses the DejaVu Sans font (Debian package ``fonts-dejavu-core``), which covers
Belarusian and Russian; WeasyPrint embeds the subset it uses, so the file reads the same
anywhere.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from ratusha.reports.data import Column, ReportData, Table, Unit
from ratusha.reports.sheets import put, sheet_title

# WeasyPrint logs each layout step at INFO; a report is not news for the console.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

NUMBER_FORMATS = {
    Unit.COUNT: "0",
    Unit.MEAN: "0.0",
    Unit.PERCENT: "0.0",
    Unit.DAYS: "0.0",
    Unit.SCORE: "0.00",
}


def report_html(data: ReportData) -> str:
    """Give the report as a printable HTML page in its own language."""
    with translation.override(data.language):
        return render_to_string("reports/pdf/report.html", {"data": data})


def write_pdf(data: ReportData) -> bytes:
    """Give the report as an A4 PDF document."""
    from weasyprint import HTML

    pdf = HTML(string=report_html(data)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def _cell(sheet: Any, row: int, column: int, value: Any, unit: Unit | None) -> None:
    cell = put(sheet, row, column, value)  # a name beginning with "=" stays text
    if unit is not None and isinstance(value, int | float):
        cell.number_format = NUMBER_FORMATS[unit]


def _table(sheet: Any, row: int, table: Table, bold: Any) -> int:
    sheet.cell(row=row, column=1, value=table.title).font = bold
    row += 1
    for i, column in enumerate(table.columns, start=1):
        sheet.cell(row=row, column=i, value=column.label).font = bold
    for values in table.rows:
        row += 1
        for i, (column, value) in enumerate(zip(table.columns, values, strict=True), start=1):
            _cell(sheet, row, i, value, column.unit)
    if not table.rows and table.empty_text:
        row += 1
        sheet.cell(row=row, column=1, value=table.empty_text)
    return row + 2


def write_xlsx(data: ReportData) -> bytes:
    """Give the report as a workbook: a cover sheet, then one sheet per section.

    Numbers are stored as numbers (with a display format), dates as dates, and each
    chart's data as a table on its section's sheet.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()
    used: set[str] = set()
    with translation.override(data.language):
        cover = book.active
        cover.title = sheet_title(_("Report"), used)
        for row, (label, value) in enumerate(
            [
                (_("Report"), data.title),
                (_("Body"), f"{data.body_name} ({data.body_code})"),
                (_("Scope"), data.scope_label),
                (_("Period"), data.period_label),
                (_("From"), data.period_start),
                (_("To"), data.period_last_day),
                (_("Generated"), data.generated_at.replace(tzinfo=None)),
            ],
            start=1,
        ):
            cover.cell(row=row, column=1, value=label).font = bold
            cover.cell(row=row, column=2, value=value)
        for section in data.sections:
            sheet = book.create_sheet(sheet_title(section.title, used))
            sheet.cell(row=1, column=1, value=section.title).font = Font(bold=True, size=14)
            row = 3
            if section.figures:
                columns = (
                    Column("figure", _("Figure")),
                    Column("value", _("This period"), Unit.COUNT),
                    Column("previous", _("Period before"), Unit.COUNT),
                )
                for i, column in enumerate(columns, start=1):
                    sheet.cell(row=row, column=i, value=column.label).font = bold
                for figure in section.figures:
                    row += 1
                    sheet.cell(row=row, column=1, value=figure.label)
                    _cell(sheet, row, 2, figure.value, figure.unit)
                    _cell(sheet, row, 3, figure.previous, figure.unit)
                row += 2
            for chart in section.charts:
                row = _table(sheet, row, chart.data, bold)
            for table in section.tables:
                row = _table(sheet, row, table, bold)
            sheet.column_dimensions["A"].width = 42
            for letter in "BCDEF":
                sheet.column_dimensions[letter].width = 16
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
