"""Hotspots found in stored appeals, kept per cell, and read back with a suggested action."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import translation

from ratusha.appeals.models import Appeal
from ratusha.predictions.actions import do_refresh_hotspots
from ratusha.predictions.models import Hotspot
from ratusha.predictions.queries import hotspots_for

from .conftest import NOW, appeal


def _town(world: Any, cluster: int) -> list[int]:
    rng = random.Random(5)
    body, cats = world.bodies["A"], [world.categories["A1"], world.categories["A2"]]
    rows = [
        appeal(
            body,
            NOW - timedelta(days=rng.randrange(300)),
            rng.choice(cats),
            lat=53.88 + rng.random() * 0.04,
            lon=26.96 + rng.random() * 0.07,
        )
        for _ in range(600)
    ]
    rows += [
        appeal(
            body,
            NOW - timedelta(days=rng.randrange(300)),
            cats[0],
            lat=53.9 + rng.uniform(-0.0002, 0.0002),
            lon=27.0 + rng.uniform(-0.0003, 0.0003),
        )
        for _ in range(cluster)
    ]
    for row in rows[600:]:
        row.address = "Lienina St 12"
    Appeal.objects.bulk_create(rows)
    return [r.pk for r in rows[600:]]


def test_a_cluster_becomes_a_hotspot_with_its_appeals(world: Any) -> None:
    planted = _town(world, cluster=15)
    body = world.bodies["A"]
    found = do_refresh_hotspots(body, NOW)
    assert len(found) == 1
    with translation.override("en"):
        (record,) = hotspots_for(body)
    assert record.category_code == "CA1"
    assert set(planted) <= set(record.appeal_ids)
    assert record.address == "Lienina St 12"
    assert abs(record.latitude - 53.9) < 0.002
    assert "Lienina St 12" in record.action_text
    assert record.trend in {"recurring", "growing", "steady"}
    assert sum(c for _, c in record.periods) == record.count
    assert hotspots_for(body, category="CA2") == []
    # Found again: the same row is updated, not duplicated.
    do_refresh_hotspots(body, NOW)
    assert Hotspot.objects.count() == 1


def test_a_hotspot_that_fades_is_kept_inactive(world: Any) -> None:
    planted = _town(world, cluster=15)
    body = world.bodies["A"]
    do_refresh_hotspots(body, NOW)
    Appeal.objects.filter(pk__in=planted).delete()
    assert do_refresh_hotspots(body, NOW) == []
    assert hotspots_for(body) == []
    assert len(hotspots_for(body, active_only=False)) == 1


def test_spread_appeals_give_no_hotspot(world: Any) -> None:
    _town(world, cluster=0)
    assert do_refresh_hotspots(world.bodies["A"], NOW) == []


def test_a_burst_in_a_hotspot_raises_an_area_alert(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.predictions.actions import do_detect_spikes
    from ratusha.predictions.queries import alerts_for

    _town(world, cluster=15)
    body = world.bodies["A"]
    burst = [
        appeal(body, NOW - timedelta(days=7, hours=3 * i), world.categories["A1"], lat=53.9,
               lon=27.0)
        for i in range(12)
    ]  # fmt: skip
    Appeal.objects.bulk_create(burst)
    (hotspot,) = do_refresh_hotspots(body, NOW)
    with django_capture_on_commit_callbacks(execute=True):
        raised = do_detect_spikes(body, NOW)
    area = [a for a in raised if a.scope == f"area:{hotspot.pk}"]
    assert len(area) == 1 and area[0].category == world.categories["A1"]
    assert area[0].observed >= 12
    area[0].refresh_from_db()
    assert area[0].recipients == ["head@example.org"] and area[0].notified_at is not None
    with translation.override("en"):
        labels = {a.scope: a.scope_label for a in alerts_for(body)}
    assert labels[f"area:{hotspot.pk}"].endswith("at Lienina St 12")
