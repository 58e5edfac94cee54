"""Background work of the ledger: integrate pending entries (every ~2 s, by the scheduler)."""

from __future__ import annotations

from django_tasks import task

from ratusha.ledger.actions import integrate_everything


@task()
def integrate_logs() -> int:
    """Integrate every log's pending entries and sign their checkpoints; give the count."""
    return integrate_everything()
