"""The staff's list: scope by role, filters, deadline-risk order and pagination."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.api.conftest import Api, appeal_payload
from tests.api.test_problems import assert_problem

from ratusha.appeals.models import Appeal

pytestmark = pytest.mark.django_db


@pytest.fixture
def numbers(api: Api, world: Any, django_capture_on_commit_callbacks: Any) -> list[str]:
    """Five appeals in A1, one in A2, one in B1."""
    made = []
    texts = [f"Праблема нумар {n}: на вуліцы Гагарына зноў не вывезлі смецце." for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        for text in texts:
            made.append(api.post("/appeals", appeal_payload(text=text)).json()["number"])
        made.append(api.post("/appeals", appeal_payload(category="CA2")).json()["number"])
        made.append(api.post("/appeals", appeal_payload(body="B", category="CB1")).json()["number"])
    return made


def test_each_role_sees_its_scope(api: Api, tokens: dict[str, str], numbers: list[str]) -> None:
    def count(who: str) -> int:
        return int(api.get("/appeals", token=tokens[who]).json()["count"])

    assert count("officer") == 5  # department A1
    assert count("officer_a2") == 1
    assert count("officer_b") == 1
    assert count("clerk") == 6  # the whole body A
    assert count("district_admin") == 7  # D and the bodies below it
    assert count("sysadmin") == 7


def test_filters_and_pagination(api: Api, tokens: dict[str, str], numbers: list[str]) -> None:
    clerk = tokens["clerk"]
    page = api.get("/appeals", {"limit": 2, "offset": 2}, token=clerk).json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (6, 2, 2, 2)
    everything = api.get("/appeals", {"limit": 100}, token=clerk).json()["items"]
    assert len({row["id"] for row in everything}) == 6
    assert api.get("/appeals", {"department": "A2"}, token=clerk).json()["count"] == 1
    assert api.get("/appeals", {"category": "CA1"}, token=clerk).json()["count"] == 5
    assert api.get("/appeals", {"q": "нумар 3"}, token=clerk).json()["count"] == 1
    for word in ("гагарына", "ГАГАРЫНА", "Гагарына"):  # any case, in any alphabet
        assert api.get("/appeals", {"q": word}, token=clerk).json()["count"] == 5
    assert api.get("/appeals", {"q": numbers[0]}, token=clerk).json()["count"] == 1
    assert api.get("/appeals", {"status": "assigned"}, token=clerk).json()["count"] == 6
    assert api.get("/appeals", {"status": "closed"}, token=clerk).json()["count"] == 0
    assert api.get("/appeals", {"channel": "web"}, token=clerk).json()["count"] == 0
    assert api.get("/appeals", {"channel": "api"}, token=clerk).json()["count"] == 6
    bad = api.get("/appeals", {"status": "lost", "limit": 1000}, token=clerk)
    problem = assert_problem(bad, 422, "invalid-input")
    assert {e["field"] for e in problem["errors"]} == {"status.0", "limit"}


def test_overdue_first_then_soonest_due(
    api: Api, tokens: dict[str, str], numbers: list[str]
) -> None:
    today = timezone.localdate()
    late, soon = numbers[3], numbers[1]
    Appeal.objects.filter(number=late).update(due_date=today - timedelta(days=2))
    Appeal.objects.filter(number=soon).update(due_date=today + timedelta(days=1))
    rows = api.get("/appeals", token=tokens["officer"]).json()["items"]
    assert [r["number"] for r in rows[:2]] == [late, soon]
    assert rows[0]["overdue"] and not rows[1]["overdue"]
    before = (today + timedelta(days=1)).isoformat()
    due = api.get("/appeals", {"due_before": before}, token=tokens["officer"]).json()
    assert {r["number"] for r in due["items"]} == {late, soon}


def test_filters_for_requests_waiting_and_news_from_the_applicant(
    api: Api, tokens: dict[str, str], numbers: list[str], world: Any
) -> None:
    clerk = tokens["clerk"]
    asked, news = numbers[0], numbers[1]
    Appeal.objects.filter(number=asked).update(information_requested_at=timezone.now())
    Appeal.objects.filter(number=news).update(applicant_news_at=timezone.now())

    def listed(**filters: Any) -> set[str]:
        rows = api.get("/appeals", {"limit": 100, **filters}, token=clerk).json()["items"]
        return {row["number"] for row in rows}

    assert listed(waiting_for_applicant="true") == {asked}
    assert listed(applicant_news="true") == {news}
    assert listed(applicant_news="false", waiting_for_applicant="false") == set(numbers[2:6])
    citizen = api.get("/appeals", {"applicant_news": "true"}, token=tokens["citizen"])
    problem = assert_problem(citizen, 422, "invalid-input")
    assert [e["field"] for e in problem["errors"]] == ["applicant_news"]
    assert (
        api.get("/appeals", {"waiting_for_applicant": "true"}, token=tokens["citizen"]).json()[
            "count"
        ]
        == 0
    )
