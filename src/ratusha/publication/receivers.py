"""Signal receivers: publication listens to the appeals app, which never imports it."""

from __future__ import annotations

from typing import Any

# Steps after which an appeal has a newly sent answer to summarise.
ANSWER_SENT = frozenset({"send_answer"})


def on_appeal_event(sender: Any, event: Any, **kwargs: Any) -> None:
    """Queue the proposal after registration and the summary after an answer is sent."""
    from ratusha.publication import tasks

    if event.action == "register":
        tasks.propose_publication.enqueue(event.appeal_id)
    elif event.action in ANSWER_SENT:
        tasks.summarise_answer.enqueue(event.appeal_id)


def connect() -> None:
    """Connect the receivers (called once from ``PublicationConfig.ready``)."""
    from ratusha.appeals.models import AppealEvent
    from ratusha.appeals.signals import appeal_event_committed

    appeal_event_committed.connect(
        on_appeal_event, sender=AppealEvent, dispatch_uid="publication.appeal_event"
    )
