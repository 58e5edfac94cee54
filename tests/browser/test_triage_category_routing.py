"""In real chromium, keyboard only, in Belarusian: an administrator makes a clerk decide a category.

From the staff home the administrator of town A opens the triage settings of their
bodies, then the body's models page, then "Categories a clerk always decides"; unticks
the street-lighting category with the space bar, saves with Enter, is told so (the
message takes the focus), and sees the count on the settings page.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.test_languages_and_roles import log_in
from tests.browser.test_triage_models_admin import LANGUAGE, focused, ui
from tests.conftest import build_world

from ratusha.bodies.models import Category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _follow(page: Any, link: Any) -> None:
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_an_administrator_makes_a_clerk_decide_one_category(live_server: Any, page: Any) -> None:
    world = build_world()
    lighting = world.categories["A2"]
    log_in(page, live_server.url, "admin@example.org")
    page.goto(f"{live_server.url}/staff/")
    assert page.locator("html").get_attribute("lang") == LANGUAGE

    _follow(page, page.get_by_role("link", name=ui("Triage settings of your bodies")))
    row = page.get_by_role("row", name=world.bodies["A"].name_be)
    assert ui("on, %(percent)s%% precision", percent=90) in row.inner_text()
    _follow(page, row.get_by_role("link"))
    _follow(page, page.get_by_role("link", name=ui("Categories a clerk always decides")))

    box = page.get_by_role("checkbox", name=lighting.name_be)
    assert box.is_checked()
    box.focus()
    page.keyboard.press(" ")
    assert not box.is_checked()
    page.keyboard.press("Tab")  # the last box: the button is next
    assert focused(page.get_by_role("button", name=ui("Save")))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(f"/triage/bodies/{world.bodies['A'].pk}/models/")
    assert focused(page.locator("#messages"))
    assert not Category.objects.get(pk=lighting.pk).auto_route
    assert Category.objects.get(pk=world.categories["A1"].pk).auto_route
    page.goto(f"{live_server.url}/triage/settings/")
    row = page.get_by_role("row", name=world.bodies["A"].name_be)
    assert row.get_by_role("cell").nth(1).inner_text() == "1"  # categories a clerk decides
