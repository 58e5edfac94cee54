"""The inbox: overdue first, then due soonest, then the rest; filters, search and pages."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals.actions import check_transition
from ratusha.appeals.choices import Channel

pytestmark = pytest.mark.django_db


def numbers_in(html: str) -> list[str]:
    return re.findall(r'<a href="/appeals/staff/appeals/\d+/">([A-Z0-9-]+)</a>', html)


@pytest.fixture
def spread(make_appeal: Any, world: Any) -> dict[str, Any]:
    """Four appeals of A1: overdue, due in 5 days, due in 13 days, and one refused (closed)."""
    now = timezone.now()
    made = {}
    for name, days_ago in (("soon", 10), ("overdue", 20), ("later", 2), ("done", 19)):
        with time_machine.travel(now - timedelta(days=days_ago), tick=False):
            made[name] = make_appeal(text=f"Appeal {name}: the street light is broken again.")
    check_transition(
        made["done"].pk,
        "leave_without_consideration",
        world.users["clerk"],
        {"reason": "repeated_nothing_new"},
    )
    return made


def test_overdue_first_then_soonest_then_the_rest(spread: Any, world: Any, as_user: Any) -> None:
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    html = as_user("officer").get(url).content.decode()
    order = [spread[k].number for k in ("overdue", "soon", "later", "done")]
    assert numbers_in(html) == order
    assert "overdue by" in html


def test_a_predicted_risk_lifts_an_appeal_above_those_due_sooner(
    spread: Any, world: Any, as_user: Any
) -> None:
    from ratusha.predictions.models import DeadlineRisk

    for name, chance in (("soon", 0.1), ("later", 0.8), ("overdue", 0.2)):
        DeadlineRisk.objects.create(
            appeal=spread[name], probability=chance, band="x", computed_at=timezone.now()
        )
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    html = as_user("officer").get(url, headers={"accept-language": "en"}).content.decode()
    # Overdue still leads; then the appeal the model expects to miss its term.
    order = [spread[k].number for k in ("overdue", "later", "soon", "done")]
    assert numbers_in(html) == order
    assert "80% risk of missing the term" in html and "10% risk" not in html


FILTERS: list[tuple[dict[str, str], list[str]]] = [
    ({"status": "overdue"}, ["overdue"]),
    ({"status": "open"}, ["overdue", "soon", "later"]),
    ({"status": "left_without_consideration"}, ["done"]),
    ({"q": "appeal SOON"}, ["soon"]),
    ({"q": "no such words"}, []),
    ({"channel": Channel.POST}, []),
    ({"channel": Channel.WEB, "status": "open"}, ["overdue", "soon", "later"]),
]


def test_filters_and_search(spread: Any, world: Any, as_user: Any) -> None:
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    client = as_user("officer")
    for query, expected in FILTERS:
        html = client.get(url, query).content.decode()
        assert numbers_in(html) == [spread[k].number for k in expected], query


def test_filter_by_due_date_category_and_executor(spread: Any, world: Any, as_user: Any) -> None:
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    client = as_user("officer")
    soon_due = spread["soon"].due_date
    html = client.get(url, {"due_after": soon_due.isoformat(), "due_before": soon_due.isoformat()})
    assert numbers_in(html.content.decode()) == [spread["soon"].number]
    other = client.get(url, {"category": world.categories["A2"].pk}).content.decode()
    assert numbers_in(other) == []  # all four are in A1's category
    assert (
        numbers_in(client.get(url, {"executor": world.users["officer"].pk}).content.decode()) == []
    )


def test_search_by_number(spread: Any, world: Any, as_user: Any) -> None:
    url = reverse("appeals:body-inbox", args=[world.bodies["A"].pk])
    html = as_user("clerk").get(url, {"q": spread["later"].number}).content.decode()
    assert numbers_in(html) == [spread["later"].number]


def test_htmx_gets_only_the_results(spread: Any, world: Any, as_user: Any) -> None:
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    response = as_user("officer").get(url, {"status": "overdue"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and 'hx-swap-oob="innerHTML"' in html
    assert numbers_in(html) == [spread["overdue"].number]


def test_pages_of_fifty(make_appeal: Any, copy_appeals: Any, world: Any, as_user: Any) -> None:
    copy_appeals([make_appeal()], 52)
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    client = as_user("officer")
    first = client.get(url).content.decode()
    assert len(numbers_in(first)) == 50
    assert 'aria-current="page"' in first and "page=2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert len(numbers_in(second)) == 3
    assert not set(numbers_in(first)) & set(numbers_in(second))


def test_my_appeals_lists_what_i_execute(make_appeal: Any, world: Any, as_user: Any) -> None:
    mine = make_appeal()
    other = make_appeal()
    head, officer = world.users["head"], world.users["officer"]
    dept = str(world.departments["A1"].pk)
    check_transition(
        mine.pk, "reassign", head, {"department": dept, "executor": officer.pk, "reason": "Yours"}
    )
    html = as_user("officer").get(reverse("appeals:my-inbox")).content.decode()
    assert numbers_in(html) == [mine.number]
    assert other.number not in html


def test_settled_appeals_are_counted_up_to_a_limit(
    spread: Any, world: Any, as_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ratusha.appeals import selectors

    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    client = as_user("officer")
    assert "4 appeals found." in client.get(url).content.decode()
    monkeypatch.setattr(selectors, "REST_COUNT_LIMIT", 0)
    html = client.get(url).content.decode()
    assert "More than 3 appeals" in html
    assert numbers_in(html) == [spread[k].number for k in ("overdue", "soon", "later")]


def test_a_search_counts_fewer_settled_appeals_and_says_how_to_narrow_it(
    spread: Any, world: Any, as_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ratusha.appeals import selectors

    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    client = as_user("officer")
    monkeypatch.setattr(selectors, "SEARCH_COUNT_LIMIT", 0)  # the closed one goes uncounted
    html = client.get(url + "?q=street+light").content.decode()
    assert "More than 3 appeals match" in html and "Add a word or a filter" in html
    assert "4 appeals found." in client.get(url).content.decode()  # no search: all counted
    assert "1 appeal found." in client.get(url + "?q=overdue").content.decode()
