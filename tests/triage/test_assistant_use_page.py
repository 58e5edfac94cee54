"""The "Assistant use" page of a body: monthly figures, per person, and who may read it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.triage.actions_assistant import UseFigures, do_record_assistant_use
from ratusha.triage.assistant_history import history_lines
from ratusha.triage.assistant_report import MonthFigures, by_month, window_start
from ratusha.triage.models import AssistantKind, AssistantUse, Decision, TriageResult

pytestmark = pytest.mark.django_db

MINSK = ZoneInfo("Europe/Minsk")  # the bodies' time zone (UTC+3 all year)
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=MINSK)
DRAFT, SUMMARY = AssistantKind.DRAFT, AssistantKind.SUMMARY


def figures(seconds: float, ok: bool = True, tokens: tuple[int, int] | None = (0, 0)) -> UseFigures:
    prompt, completion = tokens if tokens is not None else (None, None)
    return UseFigures(
        model="local-model",
        sent_chars=1_000,
        seconds=seconds,
        ok=ok,
        reply_chars=300 if ok else 0,
        prompt_tokens=prompt if ok else None,
        completion_tokens=completion if ok else None,
        error="" if ok else "timeout",
    )


@pytest.fixture
def uses(town: Any, register: Any) -> dict[str, Any]:
    """Known uses of the assistant in body A (departments A1 and A2) and one in body B."""
    a1 = register("Не гарыць ліхтар на вуліцы Леніна, 5.")
    a2 = register("Не вывозяць смецце на вуліцы Міра.")
    b = register("Яма на дарозе ў вёсцы.", body=town.bodies["B"])
    Appeal.objects.filter(pk=a1.pk).update(department=town.departments["A1"])
    Appeal.objects.filter(pk=a2.pk).update(department=town.departments["A2"])
    Appeal.objects.filter(pk=b.pk).update(department=town.departments["B1"])
    officer, clerk = town.users["officer"], town.users["clerk"]
    rows = [
        # March 2026: seconds 1, 2, 3, 30 -> median 2.5, p95 (rank 4 of 4) 30.
        (a1, DRAFT, officer, datetime(2026, 3, 2, 9, 0), figures(1.0, tokens=(100, 20))),
        (a1, DRAFT, officer, datetime(2026, 3, 3, 9, 0), figures(3.0, tokens=(200, 40))),
        (a1, DRAFT, officer, datetime(2026, 3, 4, 9, 0), figures(30.0, ok=False)),
        (a2, SUMMARY, clerk, datetime(2026, 3, 5, 9, 0), figures(2.0, tokens=(300, 60))),
        # February: 01:30 on 1 February in Minsk is still 31 January in UTC.
        (a1, DRAFT, officer, datetime(2026, 2, 1, 1, 30), figures(7.0, tokens=(10, 5))),
        (a1, DRAFT, officer, datetime(2026, 2, 20, 9, 0), figures(5.0, tokens=(10, 5))),
        # January: 4, 1, 9 -> median 4, p95 (rank 3 of 3) 9; no tokens reported.
        (a2, DRAFT, clerk, datetime(2026, 1, 10, 9, 0), figures(4.0, tokens=None)),
        (a2, DRAFT, clerk, datetime(2026, 1, 11, 9, 0), figures(1.0, tokens=None)),
        (a2, DRAFT, clerk, datetime(2026, 1, 12, 9, 0), figures(9.0, tokens=None)),
        # The first month shown (April 2025) starts at midnight in Minsk; before it, nothing.
        (a1, DRAFT, officer, datetime(2025, 4, 1, 0, 30), figures(6.0, tokens=(1, 1))),
        (a1, DRAFT, officer, datetime(2025, 3, 31, 23, 30), figures(8.0, tokens=(1, 1))),
        # Another body's use counts there, never here.
        (b, DRAFT, town.users["officer_b"], datetime(2026, 3, 6, 9, 0), figures(99.0)),
    ]
    for appeal, kind, actor, at, measured in rows:
        do_record_assistant_use(appeal, kind, actor, measured, now=at.replace(tzinfo=MINSK))
    return {"a1": a1, "a2": a2, "b": b}


def page(client: Any, user: Any, body: Any) -> Any:
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        return client.get(reverse("triage:assistant-use", args=[body.pk]))


def test_the_window_starts_on_the_first_day_of_the_twelfth_month_back() -> None:
    assert window_start(NOW, MINSK) == datetime(2025, 4, 1, tzinfo=MINSK)
    assert window_start(datetime(2026, 1, 1, 0, 5, tzinfo=MINSK), MINSK, 1) == datetime(
        2026, 1, 1, tzinfo=MINSK
    )
    # 22:00 UTC on 31 December is already January in Minsk.
    utc = datetime(2025, 12, 31, 22, 0, tzinfo=ZoneInfo("UTC"))
    assert window_start(utc, MINSK, 2) == datetime(2025, 12, 1, tzinfo=MINSK)


def test_the_monthly_figures_are_right(town: Any, uses: Any, client: Any) -> None:
    response = page(client, town.users["admin"], town.bodies["A"])
    assert response.status_code == 200
    months = response.context["months"]
    got = [
        (
            m.month.isoformat(),
            m.drafts,
            m.summaries,
            m.failures,
            m.median_seconds,
            m.p95_seconds,
            m.prompt_tokens,
            m.completion_tokens,
        )
        for m in months
    ]
    assert got == [
        ("2026-03-01", 3, 1, 1, 2.5, 30.0, 600, 120),
        ("2026-02-01", 2, 0, 0, 6.0, 7.0, 20, 10),
        ("2026-01-01", 3, 0, 0, 4.0, 9.0, 0, 0),
        ("2025-04-01", 1, 0, 0, 6.0, 6.0, 1, 1),
    ]
    people = [(o.name, o.drafts, o.summaries, o.failures) for o in response.context["officers"]]
    assert people == [("Officer", 6, 0, 1), ("Clerk", 3, 1, 0)]
    html = response.text
    assert "Since April 2025: 10 uses, 1 of them failed." in html
    assert '<th scope="row">March 2026</th><td>3</td><td>1</td><td>1</td><td>2.5</td>' in html
    assert "<caption>" in html and "Officer B" not in html and "99.0" not in html


def test_the_median_and_percentile_on_many_uses(town: Any, register: Any) -> None:
    appeal = register("Не гарыць ліхтар.")
    for n in range(1, 41):  # 1..40 seconds, recorded in shuffled order
        seconds = float((n * 17) % 41)
        at = datetime(2026, 3, 1, 10, 0, tzinfo=MINSK) + timedelta(minutes=n)
        do_record_assistant_use(appeal, DRAFT, None, figures(seconds), now=at)
    found = by_month(AssistantUse.objects.filter(body=town.bodies["A"]), MINSK)
    assert len(found) == 1 and isinstance(found[0], MonthFigures)
    assert (found[0].median_seconds, found[0].p95_seconds) == (20.5, 38.0)


def test_who_may_read_the_page(town: Any, uses: Any, client: Any) -> None:
    from ratusha.accounts.actions import check_grant_role
    from ratusha.accounts.models import User
    from ratusha_core.permissions import Role

    body = town.bodies["A"]
    for name in ("admin", "clerk", "auditor", "head"):
        assert page(client, town.users[name], body).status_code == 200, name
    # Plain officers may not, as for the accuracy report; nor another body's staff.
    head_b = User.objects.create_user("head-b@example.org", "x", full_name="Head B")
    check_grant_role(head_b, Role.DEPARTMENT_HEAD, town.bodies["B"], town.departments["B1"])
    for user in (town.users["officer"], town.users["officer_b"], head_b):
        assert page(client, user, body).status_code in (403, 404), user.email
    assert page(client, head_b, town.bodies["B"]).status_code == 200
    client.logout()
    assert client.get(reverse("triage:assistant-use", args=[body.pk])).status_code == 302


def test_a_head_counts_only_the_uses_on_appeals_they_may_see(
    town: Any, uses: Any, client: Any
) -> None:
    response = page(client, town.users["head"], town.bodies["A"])  # department A1
    people = [(o.name, o.drafts, o.summaries) for o in response.context["officers"]]
    assert people == [("Officer", 6, 0)]  # the clerk's uses were on A2's appeal
    assert response.context["uses"] == 6


def test_body_wide_readers_count_uses_on_appeals_that_left_the_body(
    town: Any, uses: Any, client: Any
) -> None:
    # The appeal now belongs elsewhere: its uses were asked in body A and stay A's figures.
    Appeal.objects.filter(pk=uses["a2"].pk).update(
        body=town.bodies["B"], department=town.departments["B1"]
    )
    admin = page(client, town.users["admin"], town.bodies["A"])
    assert admin.context["uses"] == 10
    assert [(o.name, o.drafts, o.summaries) for o in admin.context["officers"]] == [
        ("Officer", 6, 0),
        ("Clerk", 3, 1),
    ]
    # A department head still counts only the uses on appeals they may see now.
    assert page(client, town.users["head"], town.bodies["A"]).context["uses"] == 6


def test_switched_off_the_page_says_so_and_keeps_the_figures(
    town: Any, uses: Any, client: Any, settings: Any
) -> None:
    settings.RATUSHA_LLM_BASE_URL = ""
    off = page(client, town.users["admin"], town.bodies["A"])
    assert "The assistant is not set up on this installation" in off.text
    assert len(off.context["months"]) == 4
    settings.RATUSHA_LLM_BASE_URL, settings.RATUSHA_LLM_MODEL = "http://127.0.0.1:9/v1", "m-7b"
    on = page(client, town.users["admin"], town.bodies["A"])
    assert "with the model m-7b" in on.text and "not set up" not in on.text


def test_the_pages_that_link_it(town: Any, uses: Any, client: Any) -> None:
    url = reverse("triage:assistant-use", args=[town.bodies["A"].pk])
    client.force_login(town.users["admin"])
    assert url in client.get(reverse("triage:accuracy", args=[town.bodies["A"].pk])).text
    TriageResult.objects.create(
        appeal=uses["a1"], language="be", decision=Decision.SUGGEST, created_at=NOW
    )
    assert url in client.get(reverse("triage:suggestions", args=[uses["a1"].pk])).text


def test_the_history_shows_the_figures_to_who_may_see_the_appeal(town: Any, uses: Any) -> None:
    lines = history_lines(town.users["officer"], uses["a1"])
    assert [line.at.astimezone(MINSK).date().isoformat() for line in lines][:2] == [
        "2025-03-31",
        "2025-04-01",
    ]
    failed = next(line for line in lines if "failed" in line.text)
    assert failed.text == (
        "Draft asked of the assistant — model local-model, 1,000 characters sent, 30.0 s, "
        "failed: no answer in time"
    )
    assert (failed.actor, failed.role) == ("Officer", "department_officer")
    ok = next(line for line in lines if "100 in" in line.text)
    assert ok.text == (
        "Draft asked of the assistant — model local-model, 1,000 characters sent, "
        "300 characters received, tokens 100 in, 20 out, 1.0 s"
    )
    assert history_lines(town.users["officer_b"], uses["a1"]) == []
    assert history_lines(town.users["officer"], uses["a2"]) == []  # department A2's
    assert not AppealEvent.objects.filter(action__startswith="assistant").exists()
