"""Background work of the Open311 app: registering the requests of batch clients."""

from __future__ import annotations

from django_tasks import task


@task()
def register_submission(submission_id: int) -> str:
    """Register a queued Open311 request as an appeal."""
    from ratusha.open311.actions import do_register_submission

    appeal = do_register_submission(submission_id)
    return appeal.number if appeal is not None else "refused"
