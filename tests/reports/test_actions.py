"""Generating, storing, replacing and scheduling reports; each file's hash goes to the ledger."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import pytest
from django.core.management import call_command

from ratusha.ledger.models import PendingEntry
from ratusha.reports.actions import (
    LEDGER_EVENT,
    ReportRefused,
    check_report_order,
    do_generate_due_reports,
    do_generate_report,
    due_reports,
)
from ratusha.reports.models import Report
from ratusha.reports.periods import parse_period
from tests.reports.conftest import MINSK, NOW

pytestmark = pytest.mark.django_db


def _ledger_entries() -> list[dict[str, Any]]:
    rows = PendingEntry.objects.filter(event_type=LEDGER_EVENT).order_by("id")
    return [json.loads(row.leaf_input) for row in rows]


def test_a_report_is_stored_with_its_hash_in_the_ledger(
    register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = register.world.bodies["A"]
    with django_capture_on_commit_callbacks(execute=True):
        (report,) = do_generate_report(body, "body", parse_period("2026-10"), "be", ["xlsx"])
    content = report.file.read()
    assert report.sha256 == hashlib.sha256(content).hexdigest()
    assert report.size == len(content) and content[:2] == b"PK"
    assert report.download_name == "A-2026-10-body-be.xlsx"
    (entry,) = _ledger_entries()
    assert entry["body"] == "A" and entry["sha256"] == report.sha256
    assert (entry["period"], entry["report"], entry["format"]) == ("2026-10", "monthly", "xlsx")


def test_generating_again_replaces_the_file_and_adds_a_ledger_entry(
    register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = register.world.bodies["A"]
    period = parse_period("2026-10")
    with django_capture_on_commit_callbacks(execute=True):
        (first,) = do_generate_report(body, "body", period, "en", ["xlsx"], now=NOW)
    old_name = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        (second,) = do_generate_report(
            body, "body", period, "en", ["xlsx"], now=datetime(2026, 11, 6, tzinfo=MINSK)
        )
    assert second.pk == first.pk and Report.objects.count() == 1
    assert not first.file.storage.exists(old_name)
    assert [e["sha256"] for e in _ledger_entries()] == [first.sha256, second.sha256]


def test_orders_are_checked(register: Any) -> None:
    world = register.world
    a = world.bodies["A"]
    order = check_report_order(world.users["head"], a, "body", "2026-Q3", "ru", ["pdf"], now=NOW)
    assert order.period.label == "2026-Q3" and order.formats == ("pdf",)
    refusals = [
        (world.users["officer"], a, "body", "2026-10", "be", ["pdf"]),  # officers do not order
        (world.users["admin"], world.bodies["D"], "body", "2026-10", "be", ["pdf"]),  # above
        (world.users["admin"], a, "body", "2026-12", "be", ["pdf"]),  # not begun
        (world.users["admin"], a, "body", "October", "be", ["pdf"]),
        (world.users["admin"], a, "body", "2026-10", "de", ["pdf"]),
        (world.users["admin"], a, "body", "2026-10", "be", []),
        (world.users["citizen"], a, "body", "2026-10", "be", ["pdf"]),
    ]
    for user, body, scope, period, language, formats in refusals:
        with pytest.raises(ReportRefused):
            check_report_order(user, body, scope, period, language, formats, now=NOW)
    district = check_report_order(
        world.users["district_admin"], a, "council", "2026-10", "be", ["xlsx"], now=NOW
    )
    assert district.body == a


def test_scheduled_reports_are_made_once(register: Any, settings: Any, monkeypatch: Any) -> None:
    settings.LANGUAGES = [("be", "Belarusian")]
    monkeypatch.setattr("ratusha.reports.actions.WRITERS", _fake_writers())
    due = due_reports(NOW)
    wanted = {(b.code, scope, p.label, fmt) for b, scope, p, _lang, fmt in due}
    # Bodies with appeals: A and B on their own; D and R (above them) also as councils.
    assert ("A", "body", "2026-10", "pdf") in wanted
    assert ("A", "body", "2026-Q3", "xlsx") in wanted
    assert ("D", "council", "2026-10", "pdf") in wanted
    assert ("R", "council", "2026-Q3", "pdf") in wanted
    assert not any(code == "A" and scope == "council" for code, scope, _p, _f in wanted)
    made = do_generate_due_reports(NOW)
    assert len(made) == len(due) == Report.objects.count()
    assert due_reports(NOW) == [] and do_generate_due_reports(NOW) == []


def _fake_writers() -> dict[str, Any]:
    return {"pdf": lambda data: b"%PDF-fake", "xlsx": lambda data: b"PK-fake"}


def test_command_line_report(register: Any, capsys: Any) -> None:
    call_command(
        "report", "--body", "a", "--period", "2026-10", "--language", "en", "--format", "xlsx"
    )
    report = Report.objects.get()
    assert report.format == "xlsx" and report.language == "en"
    assert report.sha256 in capsys.readouterr().out
