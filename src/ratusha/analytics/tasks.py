"""Background work of the analytics: keep the rollups up to date."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def refresh_rollups(full: bool = False) -> dict[str, Any]:
    """Recount the days whose appeals changed since the last refresh (every 5 minutes)."""
    from ratusha.analytics.rollups import refresh_rollups as refresh

    report = refresh(full=full)
    return {
        "full": report.full,
        "days_rebuilt": report.days_rebuilt,
        "appeals_counted": report.appeals_counted,
        "rows_written": report.rows_written,
        "seconds": round(report.seconds, 3),
    }
