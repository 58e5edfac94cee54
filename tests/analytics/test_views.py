"""The dashboards through their pages: who sees what, the lists behind figures, the public view."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from ratusha.analytics.rollups import refresh_rollups
from tests.analytics.conftest import TODAY
from tests.conftest import World

pytestmark = pytest.mark.django_db
PERIOD = "start=2026-01-01&end=2026-02-28"

ENGLISH = {"accept-language": "en"}  # the messages these tests read are English


@pytest.fixture
def counted(history: Any) -> Any:
    refresh_rollups()
    with time_machine.travel(TODAY, tick=False):
        yield history


def client_of(world: Any, name: str) -> Client:
    client = Client(headers=ENGLISH)
    client.force_login(world.users[name])
    return client


def received(html: str) -> int:
    match = re.search(r'figure=received&amp;[^"]*"[^>]*>(\d+)</a>', html)
    assert match, "the received figure links to its list"
    return int(match.group(1))


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("officer", 4),
        ("officer_a2", 2),
        ("clerk", 6),
        ("admin", 6),
        ("auditor", 6),
        ("district_admin", 7),
        ("sysadmin", 7),
        ("officer_b", 1),
    ],
)
def test_each_role_sees_its_own_reach(counted: Any, world: Any, name: str, count: int) -> None:
    html = client_of(world, name).get(f"/analytics/?{PERIOD}").content.decode()
    assert received(html) == count


def test_citizens_and_strangers_are_kept_out(counted: Any, world: Any) -> None:
    citizen = client_of(world, "citizen")
    for url in ("analytics:dashboard", "analytics:appeals", "analytics:map"):
        assert citizen.get(reverse(url)).status_code == 404
        assert Client(headers=ENGLISH).get(reverse(url)).status_code == 302  # to the login page


def test_every_figure_links_to_exactly_its_appeals(counted: Any, world: Any) -> None:
    admin = client_of(world, "admin")
    expected = {
        "received": {1, 2, 3, 4, 5, 6},
        "answered": {1, 2, 6},
        "on_time": {1, 6},
        "late": {2},
        "overdue": {5},
        "left_without_consideration": {4},
        "forwarded": {3},
        "repeated": {1, 2},
        "rated": {1, 2, 6},
        "triage_reviewed": {5, 6},
        "triage_overridden": {5},
    }
    for figure, numbers in expected.items():
        html = admin.get(f"/analytics/appeals/?figure={figure}&{PERIOD}").content.decode()
        found = {int(n) for n in re.findall(r">A-20\d\d-0009(\d\d)</a>", html)}
        assert found == numbers, figure
    html = admin.get(f"/analytics/appeals/?figure=rated&score=5&{PERIOD}").content.decode()
    assert re.findall(r">(A-20\d\d-\d+)</a>", html) == ["A-2026-000901"]


def test_an_officer_cannot_list_another_department(counted: Any, world: Any) -> None:
    officer = client_of(world, "officer")
    a2 = world.departments["A2"].pk
    html = officer.get(f"/analytics/appeals/?figure=received&department={a2}&{PERIOD}")
    assert "A-2026-000903" not in html.content.decode()


def test_the_staff_dashboard_shows_charts_and_an_honest_forecast(counted: Any, world: Any) -> None:
    html = client_of(world, "admin").get(f"/analytics/?{PERIOD}").content.decode()
    assert html.count('role="img"') >= 5
    assert 'aria-labelledby="chart-received-title chart-received-desc"' in html
    assert "<details>" in html and "<table>" in html
    assert "AI triage overridden" in html
    assert "not yet computed" in html


def test_the_public_dashboard_has_nothing_personal_or_internal(counted: Any, world: Any) -> None:
    response = Client(headers=ENGLISH).get(
        f"/analytics/public/?{PERIOD}&body={world.bodies['A'].pk}"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "AI triage" not in html
    assert "/appeals/staff/" not in html and "/analytics/appeals/" not in html
    for secret in ("x@example.org", "Applicant 1", "Officer"):
        assert secret not in html
    assert 'role="img"' in html
    assert re.search(r"<h3>Appeals received</h3>\s*<p class=\"figure-value\">6</p>", html)


def test_the_map_works_without_tiles(counted: Any, world: Any, settings: Any) -> None:
    settings.RATUSHA_MAP_TILES = ""
    html = client_of(world, "admin").get(f"/analytics/map/?body={world.bodies['A'].pk}")
    text = html.content.decode()
    assert 'data-tiles=""' in text and "vendor/leaflet/leaflet.js" in text
    assert 'id="hotspots-data"' in text
    settings.RATUSHA_MAP_TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
    text = client_of(world, "admin").get("/analytics/map/").content.decode()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in text


def test_bad_filters_fall_back_to_the_default_period(counted: Any, world: Any) -> None:
    response = client_of(world, "admin").get("/analytics/?start=2026-03-01&end=2026-01-01")
    assert response.status_code == 200
    assert "must not be before" in response.content.decode()


_ = World


def test_the_forecast_and_hotspots_show_when_computed(
    counted: Any, world: Any, monkeypatch: Any
) -> None:
    from datetime import date, timedelta
    from types import SimpleNamespace

    from ratusha.analytics import planning

    weeks = tuple(date(2026, 3, 2) + timedelta(weeks=i) for i in range(8))
    forecast = SimpleNamespace(
        weeks=weeks,
        mean=(10.0,) * 8,
        lo80=(8.0,) * 8,
        hi80=(12.0,) * 8,
        lo95=(6.0,) * 8,
        hi95=(14.0,) * 8,
        history_weeks=tuple(w - timedelta(weeks=8) for w in weeks),
        history_counts=(9, 11, 10, 12, 8, 10, 9, 11),
        method="ets",
        computed_at=TODAY,
    )
    hotspot = SimpleNamespace(
        latitude=53.9,
        longitude=27.56,
        radius_metres=250,
        category_name="Heating",
        count=12,
        expected=3.5,
        trend="growing",
        action_text="Plan repairs",
        address="Lenina 5",
    )
    monkeypatch.setattr("ratusha.predictions.queries.forecast_for", lambda *a, **k: forecast)
    monkeypatch.setattr(planning, "hotspots_of", lambda scope, limit=50: [hotspot])
    admin = client_of(world, "admin")
    html = admin.get(f"/analytics/?{PERIOD}&body={world.bodies['A'].pk}").content.decode()
    assert 'id="chart-forecast"' in html and "95% range" in html
    assert "Plan repairs" in html
    page = admin.get(f"/analytics/map/?body={world.bodies['A'].pk}").content.decode()
    assert '"label": "Heating: 12"' in page and "Lenina 5" in page
