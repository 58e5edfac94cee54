"""The public dashboard's hotspots: public categories only, enough appeals, never an address."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from ratusha.predictions.models import Hotspot

pytestmark = pytest.mark.django_db
ENGLISH = {"accept-language": "en"}


def _hotspot(world: Any, category: str, count: int, latitude: float, score: float) -> Hotspot:
    return Hotspot.objects.create(
        body=world.bodies["A"],
        category=world.categories[category],
        cell=f"c{latitude}",
        latitude=latitude,
        longitude=27.561234,
        radius_metres=250,
        address="Lienina St 12, flat 4",
        count=count,
        expected=1.5,
        periods=[],
        slope=0.5,
        trend="growing",
        action="repair",
        appeal_ids=[1, 2, 3],
        score=score,
        first_seen=date(2026, 1, 5),
        last_seen=date(2026, 2, 20),
        computed_at=timezone.now(),
    )


def _public_page(query: str) -> str:
    response = Client(headers=ENGLISH).get(f"/analytics/public/?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_only_public_categories_with_enough_appeals_are_shown(world: Any, settings: Any) -> None:
    settings.RATUSHA_PUBLIC_HOTSPOT_MIN_APPEALS = 5
    world.categories["A2"].is_public = False
    world.categories["A2"].save()
    _hotspot(world, "A1", 9, 53.911111, score=3.0)
    _hotspot(world, "A1", 4, 53.922222, score=2.0)  # too few appeals: could be one household
    _hotspot(world, "A2", 20, 53.933333, score=5.0)  # not a public category
    html = _public_page(f"body={world.bodies['A'].pk}")
    assert "Where problems gather" in html
    assert "53.911" in html
    assert "53.922" not in html and "53.933" not in html
    assert "Lienina" not in html and "Suggested action" not in html
    assert "at least 5 appeals" in html


def test_several_bodies_ask_to_pick_one(world: Any) -> None:
    _hotspot(world, "A1", 9, 53.911111, score=3.0)
    html = _public_page("")
    assert "Pick one body above" in html and "53.911" not in html


def test_the_public_map_needs_a_tile_server(world: Any, settings: Any) -> None:
    _hotspot(world, "A1", 9, 53.911111, score=3.0)
    settings.RATUSHA_MAP_TILES = ""
    html = _public_page(f"body={world.bodies['A'].pk}")
    assert 'id="hotspots-map"' not in html and "<table>" in html
    settings.RATUSHA_MAP_TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = _public_page(f"body={world.bodies['A'].pk}")
    assert 'id="hotspots-map"' in html and 'id="hotspots-data"' in html
