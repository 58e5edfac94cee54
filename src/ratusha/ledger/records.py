"""What the ledger records about appeals: public summaries, never personal data or free text.

- ``appeal.registered``: number, category code, local date and a salted commitment to
  the text and the applicant (the salt is kept privately for the citizen's receipt);
- ``appeal.transition``: number, action, from and to state, the acting role and whether
  the step is public; the reason and any free text stay out;
- ``answer.signed``: the SHA-256 of the signed answer document (see ``documents``);
- ``decision.adopted`` and ``decision.revoked``: the SHA-256 of the signed decision or
  revocation (the register of decisions signs them through ``documents.sign_document``).
"""

from __future__ import annotations

import os
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from ratusha.ledger.actions import append, log_for_body
from ratusha.ledger.models import CommitmentSalt, PendingEntry
from ratusha_core.ledger.commitment import appeal_commitment
from ratusha_core.signing.canonical import JsonValue

REGISTERED = "appeal.registered"
TRANSITION = "appeal.transition"
ANSWER_SIGNED = "answer.signed"
DECISION_ADOPTED = "decision.adopted"
DECISION_REVOKED = "decision.revoked"


def record_registration(appeal: Any, event: Any, salt: bytes | None = None) -> PendingEntry:
    """Append the public summary of a registered appeal and keep the commitment's salt."""
    salt = salt if salt is not None else os.urandom(32)
    local_date = appeal.registered_at.astimezone(ZoneInfo(appeal.body.time_zone)).date()
    payload: dict[str, JsonValue] = {
        "appeal": appeal.number,
        "category": appeal.category.code if appeal.category_id else None,
        "date": local_date.isoformat(),
        "commitment": appeal_commitment(
            salt, appeal.text, appeal.applicant_name, appeal.applicant_email
        ).hex(),
    }
    log = log_for_body(appeal.body)
    with transaction.atomic():
        pending = append(log, REGISTERED, payload, subject=appeal.number, time=event.at)
        CommitmentSalt.objects.create(log=log, leaf_hash=pending.leaf_hash, salt=salt)
    return pending


def transition_payload(appeal: Any, event: Any) -> dict[str, JsonValue]:
    """Give the public payload of one workflow step (no reasons, no names)."""
    return {
        "appeal": appeal.number,
        "action": event.action,
        "from": event.from_state,
        "to": event.to_state,
        "role": event.actor_role,
        "public": bool(event.public),
    }


def record_transition(appeal: Any, event: Any) -> PendingEntry:
    """Append one workflow step of an appeal (no reasons, no names)."""
    payload = transition_payload(appeal, event)
    return append(appeal.body, TRANSITION, payload, subject=appeal.number, time=event.at)


def record_event(event: Any) -> PendingEntry:
    """Append the entry for one committed appeal event."""
    from ratusha.appeals.models import AppealEvent

    row = AppealEvent.objects.select_related("appeal__body", "appeal__category").get(pk=event.pk)
    if row.action == "register":
        return record_registration(row.appeal, row)
    return record_transition(row.appeal, row)
