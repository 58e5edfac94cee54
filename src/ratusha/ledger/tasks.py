"""Background work of the ledger: integrate pending entries (every ~2 s, by the scheduler),
and reconcile lost entries (every 10 minutes)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from ratusha.ledger.actions import integrate_everything
from ratusha.ledger.reconcile import WINDOW, reconcile


@task()
def integrate_logs() -> int:
    """Integrate every log's pending entries and sign their checkpoints; give the count."""
    return integrate_everything()


@task()
def reconcile_logs() -> int:
    """Append the entries of the last two days' public acts that lost them; give the count."""
    return reconcile(since=timezone.now() - WINDOW).total
