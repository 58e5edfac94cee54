"""Open data for the demo: export the dumps of every body once, so the page has downloads."""

from __future__ import annotations

from datetime import datetime

from ratusha.opendata.actions import check_export_dumps
from ratusha.opendata.models import Dump


def seed_demo(now: datetime) -> None:
    """Export every dataset for all bodies together (idempotent: unchanged files stay).

    Per-body files come with the first nightly export; these take a few seconds for the
    demo's 5,000 appeals, so a demo that has dumps already leaves them to that task.
    """
    if Dump.objects.exists():
        return
    check_export_dumps(per_body=False)
