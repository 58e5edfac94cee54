"""Staff pages of reports: the list scoped by role and body, downloads, and ordering."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import pytest
from django.urls import reverse

from ratusha.reports.actions import do_generate_report
from ratusha.reports.models import Report
from ratusha.reports.periods import parse_period
from tests.conftest import World
from tests.reports.conftest import NOW

pytestmark = pytest.mark.django_db


def _login(client: Any, world: Any, name: str) -> None:
    assert client.login(email=world.users[name].email, password=World.PASSWORD)


@pytest.fixture
def reports(register: Any) -> dict[str, Report]:
    world = register.world
    october = parse_period("2026-10")
    (a,) = do_generate_report(world.bodies["A"], "body", october, "be", ["xlsx"], now=NOW)
    (b,) = do_generate_report(world.bodies["B"], "body", october, "be", ["xlsx"], now=NOW)
    (d,) = do_generate_report(world.bodies["D"], "council", october, "en", ["xlsx"], now=NOW)
    return {"A": a, "B": b, "D": d}


@pytest.mark.parametrize(
    ("name", "visible"),
    [
        ("officer", {"A"}),
        ("clerk", {"A"}),
        ("auditor", {"A"}),
        ("district_admin", {"A", "B", "D"}),
        ("officer_b", {"B"}),
        ("sysadmin", {"A", "B", "D"}),
    ],
)
def test_each_person_sees_and_downloads_only_reports_in_reach(
    client: Any, register: Any, reports: dict[str, Report], name: str, visible: set[str]
) -> None:
    _login(client, register.world, name)
    page = client.get(reverse("reports:list"))
    assert page.status_code == 200
    html = page.content.decode()
    for code, report in reports.items():
        url = reverse("reports:download", args=[report.pk])
        assert (url in html) == (code in visible), code
        response = client.get(url)
        assert response.status_code == (200 if code in visible else 404), code
        if code in visible:
            content = b"".join(response.streaming_content)
            assert hashlib.sha256(content).hexdigest() == report.sha256
            digest = base64.b64encode(bytes.fromhex(report.sha256)).decode()
            assert response["Repr-Digest"] == f"sha-256=:{digest}:"
            assert report.download_name in response["Content-Disposition"]


def test_citizens_get_404_and_strangers_log_in(
    client: Any, register: Any, reports: dict[str, Report]
) -> None:
    url = reverse("reports:download", args=[reports["A"].pk])
    assert client.get(url).status_code == 302
    assert client.get(reverse("reports:list")).status_code == 302
    _login(client, register.world, "citizen")
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:list")).status_code == 404
    assert client.get(reverse("reports:order")).status_code == 404


def test_the_list_filters_and_pages(client: Any, register: Any, reports: dict[str, Report]) -> None:
    _login(client, register.world, "district_admin")
    html = client.get(reverse("reports:list"), {"language": "en"}).content.decode()
    assert reverse("reports:download", args=[reports["D"].pk]) in html
    assert reverse("reports:download", args=[reports["A"].pk]) not in html
    html = client.get(reverse("reports:list"), {"body": register.world.bodies["B"].pk}).content
    assert reverse("reports:download", args=[reports["B"].pk]).encode() in html
    assert reverse("reports:download", args=[reports["A"].pk]).encode() not in html


def test_a_head_orders_a_report(client: Any, register: Any, time_machine: Any) -> None:
    time_machine.move_to(NOW)
    world = register.world
    _login(client, world, "head")
    form = client.get(reverse("reports:order"))
    assert form.status_code == 200 and "2026-Q3" in form.content.decode()
    response = client.post(
        reverse("reports:order"),
        {
            "body": world.bodies["A"].pk,
            "period": "2026-09",
            "scope": "body",
            "language": "ru",
            "formats": ["xlsx"],
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.body, report.period_label, report.language) == (
        world.bodies["A"],
        "2026-09",
        "ru",
    )
    assert report.requested_by == world.users["head"]


def test_a_head_may_not_order_the_council_report_of_a_district(
    client: Any, register: Any, time_machine: Any
) -> None:
    time_machine.move_to(NOW)
    _login(client, register.world, "head")
    response = client.post(
        reverse("reports:order"),
        {
            "body": register.world.bodies["D"].pk,
            "period": "2026-09",
            "scope": "council",
            "language": "be",
            "formats": ["pdf"],
        },
    )
    assert response.status_code == 200 and not Report.objects.exists()


def test_officers_may_not_order(client: Any, register: Any) -> None:
    _login(client, register.world, "officer")
    assert client.get(reverse("reports:order")).status_code == 404
