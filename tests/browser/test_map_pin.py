"""In real chromium, the map pin of the appeal form: the phone's location and a map click."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import build_world

from ratusha.appeals.models import Appeal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HERE = {"latitude": 53.901234, "longitude": 27.561234}


def _fill_required(page: Any) -> None:
    page.locator("#id_text").fill("На рагу двара ляжыць зламанае дрэва, праход закрыты.")
    page.locator("#id_applicant_name").fill("Алесь Бут")
    page.locator("#id_applicant_email").fill("ales@example.org")


def test_current_location_fills_the_pin(live_server: Any, browser: Any) -> None:
    build_world()
    context = browser.new_context(locale="en-GB", geolocation=HERE, permissions=["geolocation"])
    page = context.new_page()
    page.goto(f"{live_server.url}/appeals/new/A/")
    assert page.locator("[data-pin-map]").count() == 0  # no tile server configured
    _fill_required(page)
    page.get_by_role("button", name="Use my current location").click()
    page.wait_for_function("document.querySelector('#id_latitude').value !== ''")
    assert page.locator("[data-pin-status]").inner_text().startswith("The pin is set")
    page.locator("form.appeal-form button[type=submit]").click()
    page.wait_for_load_state()
    appeal = Appeal.objects.get()
    assert (float(appeal.latitude), float(appeal.longitude)) == pytest.approx(
        (HERE["latitude"], HERE["longitude"]), abs=1e-6
    )
    context.close()


def test_refused_location_says_so_and_keeps_the_fields_empty(
    live_server: Any, browser: Any
) -> None:
    build_world()
    context = browser.new_context(locale="en-GB")  # no geolocation permission
    page = context.new_page()
    page.goto(f"{live_server.url}/appeals/new/A/")
    page.get_by_role("button", name="Use my current location").click()
    status = page.locator("[data-pin-status]")
    status.filter(has_text="could not be found").wait_for()
    assert page.locator("#id_latitude").input_value() == ""
    context.close()


def test_a_click_on_the_map_sets_the_pin(live_server: Any, browser: Any, settings: Any) -> None:
    build_world()
    # Tiles that do not exist: the map still takes clicks, as on a server with slow tiles.
    settings.RATUSHA_MAP_TILES = f"{live_server.url}/no-tiles/{{z}}/{{x}}/{{y}}.png"
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/appeals/new/A/")
    box = page.locator("[data-pin-map]")
    box.scroll_into_view_if_needed()
    box.click(position={"x": 120, "y": 80})
    page.wait_for_function("document.querySelector('#id_latitude').value !== ''")
    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    assert 53.0 < latitude < 55.0 and 26.0 < longitude < 29.0  # near the default view
    assert "where you clicked" in page.locator("[data-pin-status]").inner_text()
    context.close()
