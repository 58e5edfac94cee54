"""In real chromium: the public dashboard's charts have text alternatives; a screenshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from tests.analytics.conftest import build_history
from tests.conftest import build_world

from ratusha.analytics.rollups import refresh_rollups

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_dashboard_charts_are_described_and_it_renders(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    world = build_world()
    build_history(world)
    refresh_rollups()
    body = world.bodies["A"].pk
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"{live_server.url}/analytics/public/?body={body}&start=2026-01-01&end=2026-02-28")
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 5
    for index in range(charts.count()):
        chart = charts.nth(index)
        title_id, desc_id = chart.get_attribute("aria-labelledby").split()
        assert page.locator(f"[id='{title_id}']").text_content().strip()
        assert page.locator(f"[id='{desc_id}']").text_content().strip()
    # The data behind a chart opens as a table for keyboard and screen-reader users.
    summary = page.locator("details summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details[open] table tbody tr").first.is_visible()

    shot = tmp_path / "public-dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    with Image.open(shot) as image:
        assert image.width >= 1200 and image.height > 900
        colours = image.convert("RGB").resize((300, 300)).getcolors(maxcolors=100_000)
        assert colours is not None and len(colours) > 50  # not a blank page
