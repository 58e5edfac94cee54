"""Background tasks of the pages app."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def heartbeat() -> str:
    """Finish at once: a finished heartbeat shows /healthz that a worker is running."""
    return timezone.now().isoformat()


@task()
def prune_task_results(keep_hours: int = 24) -> int:
    """Delete finished task results older than keep_hours; give how many went."""
    from datetime import timedelta

    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(hours=keep_hours)
    deleted, _by_model = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return deleted
