"""In real chromium: a citizen switches languages; an officer sees only their department."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(World.PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()


def switch_language(page: Any, code: str) -> None:
    page.select_option("#language-select", code)
    page.locator(".language-switch button").click()
    page.wait_for_load_state()


def translated(language: str, message: str) -> str:
    """Give the catalogue's translation, insisting that there is one."""
    with translation.override(language):
        text = translation.gettext(message)
    assert text != message, f"no {language} translation for {message!r}"
    return text


def test_citizen_switches_language_to_russian_then_english(live_server: Any, page: Any) -> None:
    build_world()
    log_in(page, live_server.url, "citizen@example.org")
    assert page.locator("html").get_attribute("lang") == "be"
    assert page.locator("h1").inner_text() == translated("be", "Write to your town hall")

    switch_language(page, "ru")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == translated("ru", "Write to your town hall")
    assert page.get_by_role("link", name=translated("ru", "My profile")).is_visible()

    switch_language(page, "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Write to your town hall"
    page.get_by_role("link", name="My profile").click()
    assert page.locator("h1").inner_text() == "My profile"
    # The choice follows the citizen: it is saved as the preferred language.
    assert page.locator("#id_preferred_language").input_value() == "en"


def test_department_officer_sees_only_their_department(live_server: Any, page: Any) -> None:
    world = build_world()
    log_in(page, live_server.url, "officer@example.org")
    assert page.url.endswith("/staff/")
    links = page.locator("main a[href*='/staff/departments/']")
    assert links.count() == 1
    links.first.click()
    assert page.locator("h1").inner_text() == "Аддзел A1"

    page.goto(f"{live_server.url}/staff/bodies/{world.bodies['A'].pk}/")
    departments = page.locator("main ul a[href*='/staff/departments/']")
    assert [departments.nth(i).inner_text() for i in range(departments.count())] == ["Аддзел A1"]

    other = world.departments["A2"].pk
    response = page.goto(f"{live_server.url}/staff/departments/{other}/")
    assert response is not None and response.status == 404
    assert "Аддзел A2" not in page.content()
