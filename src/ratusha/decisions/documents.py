"""The canonical documents of a decision and of its revocation, as they are signed.

Both are RFC 8785 JSON signed with the body's Ed25519 key by
:func:`ratusha.ledger.documents.sign_document`, which also records their SHA-256 in the
body's public ledger once the transaction commits.
"""

from __future__ import annotations

from typing import Any

from ratusha.decisions.models import Decision
from ratusha.ledger.leaves import utc_text
from ratusha_core.signing.canonical import JsonValue

DECISION_FORMAT = "ratusha-decision/v1"
REVOCATION_FORMAT = "ratusha-decision-revocation/v1"


def _official(decision: Decision) -> dict[str, JsonValue] | None:
    official = decision.official
    if official is None:
        return None
    return {"name": official.full_name, "position": official.position_be}


def vote_of(decision: Decision) -> dict[str, JsonValue] | None:
    """Give the vote as ``{"for", "against", "abstained"}``, or None when nobody voted."""
    if not decision.has_vote:
        return None
    return {
        "for": decision.votes_for,
        "against": decision.votes_against,
        "abstained": decision.votes_abstained,
    }


def decision_document(decision: Decision, related: list[str]) -> dict[str, JsonValue]:
    """Give the canonical content of an adopted decision (text, metadata, attachment hashes)."""
    body: Any = decision.body
    attachments: list[JsonValue] = [
        {"name": str(item["name"]), "sha256": str(item["sha256"])} for item in decision.attachments
    ]
    return {
        "format": DECISION_FORMAT,
        "number": decision.reference,
        "body": body.code,
        "body_name": str(body.name_be or body.code),
        "title": decision.title,
        "text": decision.text,
        "decided_on": decision.decided_on.isoformat(),
        "decided_by": decision.organ,
        "official": _official(decision),
        "grounds": decision.grounds,
        "vote": vote_of(decision),
        "attachments": attachments,
        "related_appeals": list(sorted(related)),
        "adopted_at": utc_text(decision.adopted_at) if decision.adopted_at else None,
    }


def revocation_document(decision: Decision) -> dict[str, JsonValue]:
    """Give the canonical content of a revocation: which signed decision, why, when."""
    body: Any = decision.body
    return {
        "format": REVOCATION_FORMAT,
        "number": decision.reference,
        "body": body.code,
        "body_name": str(body.name_be or body.code),
        "revokes_sha256": decision.document.sha256 if decision.document else None,
        "grounds": decision.revocation_grounds,
        "revoked_at": utc_text(decision.revoked_at) if decision.revoked_at else None,
    }
