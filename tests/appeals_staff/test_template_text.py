"""An answer template filled in for one appeal: the date in the appeal's language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ratusha.appeals.models import Appeal
from ratusha.appeals.template_text import fill_template, unknown_placeholders

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "day"),
    [("be", "27 лістапада 2026"), ("ru", "27 ноября 2026 г."), ("en", "27 November 2026")],
)
def test_the_date_is_written_out_in_the_appeal_s_language(
    make_appeal: Any, language: str, day: str
) -> None:
    appeal = make_appeal(language=language, applicant_name="Hanna Zhuk")
    # 23:30 UTC is already the 27th in Minsk (UTC+3).
    Appeal.objects.filter(pk=appeal.pk).update(
        registered_at=datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    )
    appeal.refresh_from_db()
    text = fill_template("{name}, your appeal {number} of {date}", appeal)
    assert text == f"Hanna Zhuk, your appeal {appeal.number} of {day}"


def test_unknown_placeholders_are_named_once() -> None:
    assert unknown_placeholders("{numbr} {numbr} {date} { } {in full} {x}") == ["{numbr}", "{x}"]
