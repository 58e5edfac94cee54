"""Health of the installation: the database and the background worker."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def database_state() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {"state": "down", "error": exc.__class__.__name__}
    return {"state": "ok", "vendor": connection.vendor}


def worker_state(now: timezone.datetime | None = None) -> dict[str, Any]:
    """Describe the task queue: waiting tasks, the oldest wait, the last finished task.

    The worker counts as stalled when a task has waited longer than the stall limit.
    """
    now = now or timezone.now()
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    last = (
        DBTaskResult.objects.exclude(finished_at=None)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    limit = timedelta(seconds=settings.RATUSHA_WORKER_STALL_SECONDS)
    stalled = oldest is not None and now - oldest > limit
    return {
        "state": "stalled" if stalled else "ok",
        "waiting": waiting.count(),
        "oldest_wait_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "last_finished": last.isoformat() if last else None,
    }
