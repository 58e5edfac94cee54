"""Signal receivers: the ledger listens to the appeals app, which never imports the ledger."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def on_appeal_event(sender: Any, event: Any, **kwargs: Any) -> None:
    """Record a committed registration or workflow step in the body's log."""
    from ratusha.ledger.records import record_event

    record_event(event)


def on_answer_approved(sender: Any, answer: Any, approver: Any, **kwargs: Any) -> None:
    """Sign the approved answer inside the approval's transaction."""
    from ratusha.ledger.documents import sign_answer

    sign_answer(answer, approver)


def connect() -> None:
    """Connect the receivers (called once from ``LedgerConfig.ready``)."""
    from ratusha.appeals.actions.answers import answer_approved
    from ratusha.appeals.models import Answer, AppealEvent
    from ratusha.appeals.signals import appeal_event_committed

    appeal_event_committed.connect(
        on_appeal_event, sender=AppealEvent, dispatch_uid="ledger.appeal_event"
    )
    answer_approved.connect(on_answer_approved, sender=Answer, dispatch_uid="ledger.answer")
