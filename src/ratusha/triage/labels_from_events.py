"""Officers' assignments made without the suggestion buttons still count as labels.

Accepting or correcting a suggestion stores a ``TriageLabel`` with the assignment
(``actions._label``). But a clerk may also assign an appeal with the plain workflow
action (the triage queue's "Assign", the appeal page, bulk assignment from an inbox),
and an officer may reassign an appeal that triage routed automatically. Each of these is
an accept or an override of the AI, which the accuracy report counts and retraining
learns from, so when such an event is committed and the appeal has no label yet, one is
stored from it. So is the duty department's passing on of an urgent appeal the body's
rule sent there: the AI only suggested, and this is the first department an officer
chose. Assignments by the system (automatic routing) are not labels.
"""

from __future__ import annotations

from typing import Any

from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.triage.models import Decision, Target, TriageLabel, TriageResult


def label_from_event(sender: Any, event: AppealEvent, **_kwargs: Any) -> TriageLabel | None:
    """Store the label an officer's assignment gives, if it is one (a signal receiver)."""
    if event.actor_id is None or event.action not in ("assign", "reassign"):
        return None
    result = (
        TriageResult.objects.filter(appeal_id=event.appeal_id)
        .only("departments", "routed_department_id", "decision")
        .first()
    )
    if result is None or not result.departments:
        return None
    labels = TriageLabel.objects.filter(appeal_id=event.appeal_id, target=Target.DEPARTMENT)
    if labels.exists():
        return None  # the suggestion buttons stored it, or an earlier assignment did
    appeal = Appeal.objects.only("body_id", "department_id").get(pk=event.appeal_id)
    if appeal.department_id is None:
        return None
    if event.action == "assign" and event.from_state in ("registered", "triage"):
        suggested = int(result.departments[0][0])
    elif result.routed_department_id in (None, appeal.department_id):
        return None  # a reopened appeal, or one triage did not route: not about the AI
    elif result.decision == Decision.URGENT_RULE:
        # The duty department passed it on: the first department an officer chose.
        suggested = int(result.departments[0][0])
    else:
        suggested = result.routed_department_id  # an officer moved an automatic routing
    chosen = appeal.department_id
    return TriageLabel.objects.create(
        appeal_id=event.appeal_id,
        body_id=appeal.body_id,
        target=Target.DEPARTMENT,
        suggested=str(suggested),
        chosen=str(chosen),
        accepted=suggested == chosen,
        by_id=event.actor_id,
        at=event.at,
    )


def connect() -> None:
    """Connect the receiver (called once from ``TriageConfig.ready``)."""
    from ratusha.appeals.signals import appeal_event_committed

    appeal_event_committed.connect(
        label_from_event, sender=AppealEvent, dispatch_uid="triage.label_from_event"
    )
