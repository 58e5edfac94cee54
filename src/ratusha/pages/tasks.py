"""Background tasks of the pages app."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def heartbeat() -> str:
    """Finish at once: a finished heartbeat shows /healthz that a worker is running."""
    return timezone.now().isoformat()
