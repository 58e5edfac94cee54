"""Hotspots: a planted cluster is found with its appeals and trend; uniform noise gives none."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from ratusha_core.analytics.hotspots import (
    GROWING,
    RECURRING,
    HotspotAppeal,
    HotspotSettings,
    find_hotspots,
    trend_of,
)

TODAY = date(2026, 11, 27)
CATEGORIES = ("HEAT", "ROAD", "WASTE", "LIGHT", "TREE")


def noise(rng: random.Random, n: int, first_id: int = 10_000) -> list[HotspotAppeal]:
    """Give appeals spread evenly over a 5 km town, categories at random."""
    return [
        HotspotAppeal(
            first_id + i,
            rng.choice(CATEGORIES),
            TODAY - timedelta(days=rng.randrange(365)),
            53.88 + rng.random() * 0.045,
            26.96 + rng.random() * 0.075,
        )
        for i in range(n)
    ]


def cluster(
    rng: random.Random, n: int, category: str, growing: bool = False
) -> list[HotspotAppeal]:
    """Give appeals of one category within about 40 m of one house."""
    rows = []
    for i in range(n):
        back = rng.randrange(60) if growing else rng.randrange(365)
        rows.append(
            HotspotAppeal(
                i + 1,
                category,
                TODAY - timedelta(days=back),
                53.9 + rng.uniform(-0.0003, 0.0003),
                27.0 + rng.uniform(-0.0004, 0.0004),
                "Lienina St 12",
            )
        )
    return rows


@pytest.mark.parametrize("seed", range(5))
def test_uniform_noise_gives_no_hotspot(seed: int) -> None:
    assert find_hotspots(noise(random.Random(seed), 3000), TODAY) == ()


@pytest.mark.parametrize("seed", range(3))
def test_a_planted_cluster_is_found_with_its_appeals(seed: int) -> None:
    rng = random.Random(seed)
    planted = cluster(rng, 14, "HEAT")
    found = find_hotspots(planted + noise(rng, 3000), TODAY)
    assert len(found) == 1
    hotspot = found[0]
    assert hotspot.category == "HEAT"
    assert set(range(1, 15)) <= set(hotspot.appeal_ids)
    assert abs(hotspot.latitude - 53.9) < 0.002 and abs(hotspot.longitude - 27.0) < 0.003
    assert hotspot.count >= 14 and hotspot.expected < hotspot.count / 2
    assert hotspot.address == "Lienina St 12"
    assert hotspot.trend == RECURRING and hotspot.action == "inspect_and_fix"
    assert sum(c for _, c in hotspot.periods) == hotspot.count


def test_a_growing_cluster_says_so() -> None:
    rng = random.Random(7)
    found = find_hotspots(cluster(rng, 12, "ROAD", growing=True) + noise(rng, 2000), TODAY)
    assert [h.trend for h in found] == [GROWING]
    assert found[0].slope > 0 and found[0].action == "plan_works"


def test_a_busy_place_is_not_a_hotspot_of_every_category() -> None:
    # A big block of flats writes about everything: no single category stands out there.
    rng = random.Random(3)
    block = [
        HotspotAppeal(i, CATEGORIES[i % 5], TODAY - timedelta(days=i), 53.9, 27.0)
        for i in range(100)
    ]
    assert find_hotspots(block + noise(rng, 2000), TODAY) == ()


def test_old_appeals_fall_out_of_the_window() -> None:
    rng = random.Random(1)
    old = [
        HotspotAppeal(a.appeal_id, a.category, a.day - timedelta(days=400), a.latitude, a.longitude)
        for a in cluster(rng, 14, "HEAT")
    ]
    assert find_hotspots(old + noise(rng, 2000), TODAY, HotspotSettings()) == ()


def test_trend_of_counts() -> None:
    assert trend_of([0, 0, 0, 1, 4, 6])[1] == GROWING
    assert trend_of([2, 3, 2, 3, 2, 2])[1] == RECURRING
    assert trend_of([5, 0, 0, 0, 0, 1])[1] != GROWING
