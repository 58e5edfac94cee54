"""``ratusha import-appeals``: all rows checked first, stored at once, never twice."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ratusha.appeals.actions import AppealInput, check_register_appeal
from ratusha.appeals.choices import Channel
from ratusha.appeals.imports import COLUMNS, ImportRefused, check_import_appeals
from ratusha.appeals.models import Answer, Appeal, AppealEvent, RegistrationCounter
from ratusha.appeals.policy import calendar_for, deadline_for
from ratusha_core.deadlines import AppealForm, TermKind


@pytest.fixture(autouse=True)
def _in_english() -> Any:
    """The assertions read the English messages; the default language is Belarusian."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def csv_text(rows: list[dict[str, str]], extra: tuple[str, ...] = ()) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS, *extra], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def row(**values: str) -> dict[str, str]:
    base = {
        "registered_at": "2026-03-02T10:00:00",
        "channel": "post",
        "applicant_name": "Ганна Жук",
        "applicant_address": "вул. Савецкая, 3, Зарэчанск",
        "text": "Прашу адрамантаваць дах над пад'ездам, цячэ з восені.",
        "category": "CA1",
        "status": "answered",
        "answered_at": "2026-03-10T15:00:00",
        "answer_text": "Дах адрамантаваны 9 сакавіка брыгадай ЖЭС.",
    }
    return {**base, **values}


GOOD = [
    row(),
    row(registered_at="2026-03-01", status="in_progress", answered_at="", answer_text=""),
    row(
        registered_at="2026-02-20T09:00:00+03:00",
        number="A-2026-000040",
        status="closed",
        applicant_email="ivan@example.org",
        applicant_address="",
    ),
    row(
        registered_at="2026-03-03T11:00",
        status="registered",
        category="",
        answered_at="",
        answer_text="",
    ),
    row(registered_at="2026-03-04T11:00", status="forwarded", answered_at="", answer_text=""),
    row(
        registered_at="2026-03-05T11:00",
        status="left_without_consideration",
        reason="repeated_nothing_new",
        answered_at="",
        answer_text="",
    ),
    row(
        registered_at="2026-03-06T11:00",
        status="merged",
        merged_into="A-2026-000040",
        answered_at="",
        answer_text="",
    ),
    row(registered_at="2025-12-30T16:00", status="withdrawn", answered_at="", answer_text=""),
    row(registered_at="2026-03-07T11:00", status="complaint", organisation="ЖСПК «Зара»"),
]
EXTRA = ("reason", "merged_into")


def test_a_good_file_is_imported_with_numbers_states_and_terms(world: Any) -> None:
    body = world.bodies["A"]
    report = check_import_appeals(body, csv_text(GOOD, EXTRA), "good.csv", now=NOW)
    assert (report.imported, report.skipped) == (9, 0)
    by_text = {a.registered_at: a for a in Appeal.objects.filter(body=body)}
    # Numbers follow registration time; the given number is kept and later ones go past it.
    numbers = [a.number for _, a in sorted(by_text.items())]
    assert numbers == [
        "A-2025-000001",
        "A-2026-000040",
        "A-2026-000041",
        "A-2026-000042",
        "A-2026-000043",
        "A-2026-000044",
        "A-2026-000045",
        "A-2026-000046",
        "A-2026-000047",
    ]
    states = {a.number: a.state for a in Appeal.objects.all()}
    assert states == {
        "A-2025-000001": "withdrawn",
        "A-2026-000040": "closed",
        "A-2026-000041": "in_progress",
        "A-2026-000042": "answered",
        "A-2026-000043": "registered",
        "A-2026-000044": "forwarded",
        "A-2026-000045": "left_without_consideration",
        "A-2026-000046": "merged",
        "A-2026-000047": "complaint",
    }
    merged = Appeal.objects.get(number="A-2026-000046")
    assert merged.merged_into is not None and merged.merged_into.number == "A-2026-000040"
    assert Appeal.objects.get(number="A-2026-000044").forwarded_to == world.bodies["D"]
    answered = Appeal.objects.get(number="A-2026-000042")
    assert answered.department == world.departments["A1"]
    expected = deadline_for(
        body, answered.registered_at, TermKind.STANDARD, AppealForm.WRITTEN, calendar_for(body)
    )
    assert answered.due_date == expected.due_date
    assert answered.answered_at == datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # 15:00 in Minsk
    answer = Answer.objects.get(appeal=answered)
    assert answer.approved_at and answer.sent_at
    assert list(answered.questions.values_list("answered", flat=True)) == [True]
    complaint = Appeal.objects.get(organisation="ЖСПК «Зара»")
    assert (complaint.state, complaint.applicant_kind) == ("complaint", "legal_entity")
    for appeal in Appeal.objects.all():
        events = list(appeal.events.order_by("at", "pk"))
        assert events[0].action == "register" and events[0].extra["source"] == "import"
        for before, after in itertools.pairwise(events):
            assert after.from_state == before.to_state
        assert events[-1].to_state == appeal.state
    counters = dict(RegistrationCounter.objects.filter(body=body).values_list("year", "last"))
    assert counters == {2025: 1, 2026: 47}
    live = check_register_appeal(
        AppealInput(
            body=body,
            channel=Channel.WEB,
            text="A new appeal after the import of the history.",
            applicant_name="Live Citizen",
            applicant_email="live@example.org",
        )
    )
    assert live.appeal.number == "A-2026-000048"


def test_bad_rows_are_all_reported_with_their_lines_and_nothing_is_stored(world: Any) -> None:
    rows = [
        row(),  # line 2: good
        row(text="Шматрадковы\nтэкст скаргі пра дах.", registered_at="02.03.2026"),  # line 3-4
        row(category="NOPE"),  # line 5
        row(status="answered", answered_at=""),  # line 6
        row(status="flying"),  # line 7
        row(number="A-2026-000007"),  # line 8
        row(number="A-2026-000007"),  # line 9: same number again
        row(number="X-1"),  # line 10
        row(applicant_name="", applicant_address=""),  # line 11
        row(status="left_without_consideration", answered_at="", answer_text=""),  # line 12
        row(registered_at="2031-01-01"),  # line 13: future
    ]
    with pytest.raises(ImportRefused) as refused:
        check_import_appeals(world.bodies["A"], csv_text(rows, EXTRA), "bad.csv", now=NOW)
    lines = [problem.split(":")[1] for problem in refused.value.problems]
    assert sorted(set(lines), key=int) == ["3", "5", "6", "7", "9", "10", "11", "12", "13"]
    assert all(p.startswith("bad.csv:") for p in refused.value.problems)
    text = "\n".join(refused.value.problems)
    assert "bad.csv:9: number: A-2026-000007 is already used on line 8." in text
    assert "registered_at: 02.03.2026 is not an ISO 8601" in text
    assert "bad.csv:11: applicant_name" in text
    assert Appeal.objects.count() == 0
    assert AppealEvent.objects.count() == 0
    assert RegistrationCounter.objects.count() == 0


def test_the_command_reports_file_and_line_and_exits_non_zero(
    world: Any, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "history.csv"
    path.write_text(csv_text([row(), row(channel="pigeon")]), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_appeals", str(path), "--body", "A")
    assert f"{path}:3: channel: pigeon is not one of" in capsys.readouterr().err
    assert Appeal.objects.count() == 0
    path.write_bytes(csv_text([row()]).encode("cp1251"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_appeals", str(path), "--body", "A")
    with pytest.raises(CommandError, match="no body with the code NOPE"):
        call_command("import_appeals", str(path), "--body", "NOPE")
    path.write_text(csv_text([row(), row(registered_at="2026-03-02T11:00")]), encoding="utf-8")
    call_command("import_appeals", str(path), "--body", "A")
    assert "2 appeals imported into A (A-2026-000001 .. A-2026-000002)" in capsys.readouterr().out


def test_importing_the_same_file_again_adds_nothing(world: Any) -> None:
    body = world.bodies["A"]
    rows = [*GOOD, row()]  # the same content twice is two appeals, both kept once
    text = csv_text(rows, EXTRA)
    first = check_import_appeals(body, text, "h.csv", now=NOW)
    events = AppealEvent.objects.count()
    second = check_import_appeals(body, text, "h.csv", now=NOW)
    assert (first.imported, second.imported, second.skipped) == (10, 0, 10)
    assert Appeal.objects.count() == 10 and AppealEvent.objects.count() == events
    # A file that only adds rows imports just the new ones.
    later = row(registered_at="2026-04-01", answered_at="2026-04-08")
    third = check_import_appeals(body, csv_text([*rows, later], EXTRA), "h.csv", now=NOW)
    assert (third.imported, third.skipped) == (1, 10)


def test_a_given_number_already_in_the_database_is_refused(world: Any) -> None:
    body = world.bodies["A"]
    check_import_appeals(body, csv_text([row(number="A-2026-000005")]), "a.csv", now=NOW)
    other = row(number="A-2026-000005", text="Совсем другое обращение о ямах на дороге.")
    with pytest.raises(ImportRefused, match=r"b\.csv:2: number: A-2026-000005 is already used"):
        check_import_appeals(body, csv_text([other]), "b.csv", now=NOW)


def test_naive_times_are_read_in_the_body_time_zone(world: Any) -> None:
    body = world.bodies["A"]
    body.time_zone = "America/New_York"
    body.save()
    waiting = {"status": "registered", "category": "", "answered_at": "", "answer_text": ""}
    rows = [
        row(registered_at="2026-01-01T00:30:00", **waiting),
        row(registered_at="2026-01-01T00:30:00Z", **waiting),
        row(registered_at="2026-07-01", **waiting),
    ]
    check_import_appeals(body, csv_text(rows), "tz.csv", now=NOW)
    got = {a.number: a.registered_at for a in Appeal.objects.all()}
    # 00:30 in New York is 05:30 UTC, still 2026 there; 00:30 UTC is 31 December in New York.
    assert got["A-2026-000001"] == datetime(2026, 1, 1, 5, 30, tzinfo=UTC)
    assert got["A-2025-000001"] == datetime(2026, 1, 1, 0, 30, tzinfo=UTC)
    assert got["A-2026-000002"] == datetime(2026, 7, 1, 4, 0, tzinfo=UTC)  # midnight, EDT
