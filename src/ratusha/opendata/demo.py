"""Open data for the demo: export the dumps of every body once, so the page has downloads."""

from __future__ import annotations

from datetime import datetime

from ratusha.opendata.actions import check_export_dumps


def seed_demo(now: datetime) -> None:
    """Export every dataset for all bodies together (idempotent: unchanged files stay).

    Per-body files come with the first nightly export; these take a few seconds for the
    demo's 5,000 appeals.
    """
    check_export_dumps(per_body=False)
