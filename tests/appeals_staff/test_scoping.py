"""Every staff page shows only what the person's roles reach: others get 404 (or 403)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal(make_appeal: Any) -> Any:
    return make_appeal()


APPEAL_PAGE = {
    "officer": 200,
    "head": 200,
    "clerk": 200,
    "admin": 200,
    "auditor": 200,
    "district_admin": 200,
    "officer_a2": 404,
    "officer_b": 404,
    "citizen": 404,
}


def test_appeal_page_by_role(appeal: Any, as_user: Any) -> None:
    url = reverse("appeals:appeal", args=[appeal.pk])
    seen = {name: as_user(name).get(url) for name in APPEAL_PAGE}
    assert {name: r.status_code for name, r in seen.items()} == APPEAL_PAGE
    assert appeal.number in seen["auditor"].content.decode()


def test_anonymous_goes_to_log_in(appeal: Any, client: Any) -> None:
    response = client.get(reverse("appeals:appeal", args=[appeal.pk]))
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_auditor_sees_but_has_no_action_buttons(appeal: Any, as_user: Any) -> None:
    auditor_page = as_user("auditor").get(reverse("appeals:appeal", args=[appeal.pk]))
    body = auditor_page.content.decode()
    assert appeal.text[:20] in body
    assert "/act/" not in body and "draft-answer" not in body
    head_page = as_user("head").get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    assert f"/appeals/staff/appeals/{appeal.pk}/act/reassign/" in head_page


def test_auditor_cannot_act_by_posting(appeal: Any, as_user: Any) -> None:
    url = reverse("appeals:act", args=[appeal.pk, "start_work"])
    response = as_user("auditor").post(url, {"start_work-expected_version": appeal.version})
    assert response.status_code == 400
    appeal.refresh_from_db()
    assert appeal.state == "assigned"


def statuses(as_user: Any, people: dict[str, int], urls: list[str]) -> dict[str, int]:
    """Give, per person, the status of each URL, expecting all of a person's to agree."""
    found = {}
    for name in people:
        client = as_user(name)
        codes = {client.get(url).status_code for url in urls}
        assert len(codes) == 1, (name, codes)
        found[name] = codes.pop()
    return found


def test_department_inbox_by_role(appeal: Any, world: Any, as_user: Any) -> None:
    expected = {"officer": 200, "head": 200, "clerk": 200, "auditor": 200, "officer_a2": 404}
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    assert statuses(as_user, expected, [url]) == expected


def test_body_inbox_and_register_by_role(appeal: Any, world: Any, as_user: Any) -> None:
    expected = {"clerk": 200, "admin": 200, "auditor": 200, "officer": 404, "officer_b": 404}
    body = world.bodies["A"].pk
    urls = [reverse("appeals:body-inbox", args=[body]), reverse("appeals:register", args=[body])]
    assert statuses(as_user, expected, urls) == expected


def test_clerk_pages_by_role(world: Any, as_user: Any) -> None:
    expected = {"clerk": 200, "admin": 200, "officer": 403, "auditor": 403, "officer_b": 404}
    body = world.bodies["A"].pk
    urls = [
        reverse(route, args=[body])
        for route in ("appeals:register-appeal", "appeals:pending", "appeals:triage")
    ]
    assert statuses(as_user, expected, urls) == expected


def test_citizen_gets_404_on_every_staff_page(world: Any, appeal: Any, as_user: Any) -> None:
    client = as_user("citizen")
    body, dept = world.bodies["A"].pk, world.departments["A1"].pk
    for url in (
        reverse("appeals:my-inbox"),
        reverse("appeals:department-inbox", args=[dept]),
        reverse("appeals:body-inbox", args=[body]),
        reverse("appeals:register-appeal", args=[body]),
        reverse("appeals:register", args=[body]),
    ):
        assert client.get(url).status_code == 404, url


def test_staff_home_links_to_the_work(world: Any, as_user: Any) -> None:
    home = reverse("pages:staff-home")
    client = as_user("officer")
    officer = client.get(home).content.decode()
    link = reverse("appeals:inbox-link", args=[world.departments["A1"].pk])
    assert link in officer
    inbox = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    assert client.get(link)["Location"] == inbox
    other = reverse("appeals:inbox-link", args=[world.departments["A2"].pk])
    assert client.get(other).status_code == 404
    assert reverse("appeals:my-inbox") in officer
    assert reverse("appeals:register-appeal", args=[world.bodies["A"].pk]) not in officer
    clerk = as_user("clerk").get(home).content.decode()
    body = world.bodies["A"].pk
    for route in ("body-inbox", "register-appeal", "triage", "pending", "register"):
        assert reverse(f"appeals:{route}", args=[body]) in clerk, route
