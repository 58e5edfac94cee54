"""The PDF and the spreadsheet: text and numbers against the register, pages as images."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from ratusha.appeals.models import Appeal
from ratusha.reports.build import build_report
from ratusha.reports.periods import parse_period
from ratusha.reports.writers import write_pdf, write_xlsx
from tests.reports.conftest import NOW, at

pytestmark = pytest.mark.django_db


def _october(register: Any, language: str) -> Any:
    return build_report(register.world.bodies["A"], "body", parse_period("2026-10"), language, NOW)


def _values(text: str, label: str) -> list[str]:
    """Give the two cells after a figure's label in the summary table (this period, before)."""
    found = re.search(re.escape(label) + r" ([\d,]+(?: %)?) ([\d,]+(?: %)?)\n", text)
    assert found, label
    return [found.group(1), found.group(2)]


def test_belarusian_pdf_reads_back_with_the_register_numbers(register: Any) -> None:
    data = _october(register, "be")
    reader = PdfReader(io.BytesIO(write_pdf(data)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    body = register.world.bodies["A"]
    received = Appeal.objects.filter(
        body=body, registered_at__gte=at("2026-10-01", 0), registered_at__lt=at("2026-11-01", 0)
    ).count()
    with translation.override("be"):
        assert _values(text, gettext("Appeals received")) == [str(received), "2"]
        assert _values(text, gettext("Answered on time")) == ["66,7 %", "100,0 %"]
        assert gettext("Summary") in text
    assert body.name_be in text
    assert "здароўя" in text  # Belarusian ў, in the category of the overdue appeal
    assert register.appeals["A-3"].number in text
    assert "Ганна" not in text  # nothing personal
    fonts = {
        font["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    assert fonts and all("DejaVu" in str(name) for name in fonts), fonts
    # A4 portrait: 595 x 842 points.
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_pdf_pages_render_as_images_that_are_not_blank(register: Any, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(write_pdf(_october(register, "en")))
    pages = len(PdfReader(pdf).pages)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages >= 3
    for path in images:
        with Image.open(path) as image:
            # A4 at 40 dpi is about 331 x 468 pixels.
            assert abs(image.width - 331) <= 2 and abs(image.height - 468) <= 2
            grey = image.convert("L")
            ink = sum(grey.histogram()[:200]) / (grey.width * grey.height)
        assert ink > 0.005, f"{path.name} is nearly blank ({ink:.2%} ink)"


def test_spreadsheet_holds_real_numbers_per_section(register: Any) -> None:
    data = _october(register, "ru")
    book = load_workbook(io.BytesIO(write_xlsx(data)))
    assert len(book.sheetnames) == 1 + len(data.sections)
    with translation.override("ru"):
        summary = book[book.sheetnames[1]]
        rows = {r[0]: r[1:3] for r in summary.iter_rows(min_row=4, values_only=True) if r[0]}
        assert rows[gettext("Appeals received")] == (6, 2)
        assert rows[gettext("Answered on time")] == (66.7, 100.0)
        assert rows[gettext("Overdue at the end of the period")][0] == 1
    values = [c for row in book[book.sheetnames[2]].iter_rows(values_only=True) for c in row]
    assert 6 in values or sum(v for v in values if isinstance(v, int)) >= 6
    notable = book[book.sheetnames[-1]]
    numbers = [row[0] for row in notable.iter_rows(values_only=True)]
    assert register.appeals["A-3"].number in numbers
    assert all(not isinstance(v, str) or "Ганна" not in v for v in numbers)


def test_quarterly_spreadsheet_counts_weeks(register: Any) -> None:
    body = register.world.bodies["A"]
    data = build_report(body, "body", parse_period("2026-Q4"), "be", NOW)
    weeks = data.section("volume").charts[0].data.rows
    assert len(weeks) == 14  # 1 October (a Thursday) and the 13 Mondays after it
    assert sum(n for _week, n in weeks) == 7  # six in October, one in November
    book = load_workbook(io.BytesIO(write_xlsx(data)))
    cover = {row[0]: row[1] for row in book[book.sheetnames[0]].iter_rows(values_only=True)}
    assert "2026-Q4" in cover.values()
    assert len(set(book.sheetnames)) == len(book.sheetnames)
