"""Store the body's hotspots: new ones added, known ones updated, gone ones kept inactive."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from ratusha.bodies.models import Body
from ratusha.predictions.cases import placed_appeals
from ratusha.predictions.models import Hotspot
from ratusha_core.analytics.hotspots import HotspotSettings, find_hotspots


@transaction.atomic
def do_refresh_hotspots(
    body: Body, now: datetime, settings: HotspotSettings | None = None
) -> list[Hotspot]:
    """Find the body's hotspots as of ``now`` and store them; give the active ones."""
    s = settings or HotspotSettings()
    today = now.astimezone(ZoneInfo(body.time_zone)).date()
    found = find_hotspots(placed_appeals(body, now), today, s)
    active = []
    for h in found:
        row, _ = Hotspot.objects.update_or_create(
            body=body,
            category_id=int(h.category),
            cell=h.cell,
            cell_metres=round(s.cell_metres),
            defaults={
                "latitude": h.latitude,
                "longitude": h.longitude,
                "radius_metres": h.radius_metres,
                "address": h.address[:255],
                "count": h.count,
                "expected": h.expected,
                "periods": [{"start": d.isoformat(), "count": c} for d, c in h.periods],
                "slope": h.slope,
                "trend": h.trend,
                "action": h.action,
                "appeal_ids": list(h.appeal_ids),
                "score": h.score,
                "first_seen": h.first_seen,
                "last_seen": h.last_seen,
                "is_active": True,
                "computed_at": now,
            },
        )
        active.append(row)
    Hotspot.objects.filter(body=body, is_active=True).exclude(pk__in=[r.pk for r in active]).update(
        is_active=False, computed_at=now
    )
    return active
