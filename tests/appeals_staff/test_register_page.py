"""The printable register: the record-keeping fields for a period, print-friendly."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals import selectors
from ratusha.appeals.actions import check_approve_answer, check_draft_answer

pytestmark = pytest.mark.django_db


def test_register_lists_the_fields(make_appeal: Any, world: Any, as_user: Any) -> None:
    answered = make_appeal(applicant_name="Алесь Кот")
    questions = list(answered.questions.values_list("pk", flat=True))
    check_draft_answer(answered.pk, world.users["officer"], "Адказ па сутнасці пытання.", questions)
    check_approve_answer(answered.pk, world.users["head"])
    answered.refresh_from_db()
    company = make_appeal(applicant_kind="legal_entity", organisation="ТАА Дах")
    today = selectors.local_today("Europe/Minsk")
    url = reverse("appeals:register", args=[world.bodies["A"].pk])
    response = as_user("auditor").get(url, {"from": today.isoformat(), "to": today.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "Number",
        "Date",
        "Applicant",
        "Summary",
        "Executor",
        "Term",
        "Result",
        "Date of answer",
    ):
        assert f'<th scope="col">{heading}</th>' in html
    assert answered.number in html and company.number in html
    assert "Алесь Кот" in html and "ТАА Дах" in html and "Answered" in html
    assert html.index(answered.number) < html.index(company.number)
    assert "<thead>" in html


def test_the_register_downloads_as_a_spreadsheet(
    make_appeal: Any, world: Any, as_user: Any
) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    first = make_appeal(applicant_name="Алесь Кот", applicant_address="вул. Садовая, 5, кв. 2")
    company = make_appeal(applicant_kind="legal_entity", organisation="ТАА Дах")
    today = selectors.local_today("Europe/Minsk")
    url = reverse("appeals:register", args=[world.bodies["A"].pk])
    client = as_user("auditor")
    client.cookies["ratusha_language"] = "en"
    period = {"from": today.isoformat(), "to": today.isoformat(), "format": "xlsx"}
    response = client.get(url, period)
    assert response.status_code == 200
    assert f"appeals-A-{today}-{today}.xlsx" in response["Content-Disposition"]
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "Number")
    assert rows[header][:4] == ("Number", "Date", "Applicant", "Co-applicants")
    numbers = [row[0] for row in rows[header + 1 :]]
    assert numbers == [first.number, company.number]
    mine = rows[header + 1]
    assert mine[1].date() == today and mine[2] == "Алесь Кот"
    assert mine[4] == "вул. Садовая, 5, кв. 2" and mine[7].date() == first.due_date
    assert rows[header + 2][2].startswith("ТАА Дах (")
    # What an applicant typed is never a formula in the clerk's spreadsheet.
    make_appeal(applicant_name='=HYPERLINK("http://evil.example","Open")')
    book = load_workbook(BytesIO(client.get(url, period).content))
    names = [row[2] for row in book.active.iter_rows(min_row=header + 2)]
    [typed] = [cell for cell in names if str(cell.value).startswith("=")]
    assert typed.data_type == "s" and typed.value == '=HYPERLINK("http://evil.example","Open")'
    assert as_user("officer").get(url, period).status_code in (403, 404)


def test_period_outside_shows_nothing_and_bad_period_is_refused(
    make_appeal: Any, world: Any, as_user: Any
) -> None:
    appeal = make_appeal()
    url = reverse("appeals:register", args=[world.bodies["A"].pk])
    client = as_user("clerk")
    past = (timezone.now() - timedelta(days=40)).date()
    html = client.get(url, {"from": past.isoformat(), "to": past.isoformat()}).content.decode()
    assert appeal.number not in html
    bad = client.get(url, {"from": "2026-03-10", "to": "2026-03-01"})
    assert bad.status_code == 400 and "before its start" in bad.content.decode()


def test_too_long_a_period_says_so(
    make_appeal: Any, world: Any, as_user: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(selectors, "REGISTER_LIMIT", 2)
    for _ in range(3):
        make_appeal()
    html = (
        as_user("clerk")
        .get(reverse("appeals:register", args=[world.bodies["A"].pk]))
        .content.decode()
    )
    assert "Choose a shorter period." in html
    assert html.count("<td>A-") == 2
