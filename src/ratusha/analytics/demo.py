"""Demo data of the analytics: count the demo's appeals into the rollups."""

from __future__ import annotations

from datetime import datetime

from ratusha.analytics.rollups import refresh_rollups


def seed_demo(now: datetime) -> None:
    """Bring the rollups up to date with the seeded history (idempotent; a few seconds).

    ``now`` is accepted for the common demo hook; the refresh stamps its own watermark.
    """
    refresh_rollups()
