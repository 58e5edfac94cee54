"""The public register of decisions: the only shape in which decisions leave the body.

For the public pages, open data and reports::

    from ratusha.decisions.records import public_decisions, decision_record

    for decision in public_decisions(["ZAR"]):      # adopted and revoked, never drafts
        row = decision_record(decision)            # a JSON-ready dict, see below

``public_decisions(body_codes=None) -> QuerySet[Decision]`` gives every adopted or
revoked decision (all bodies, or those with the given codes), newest first, with the
related rows loaded. ``decision_record(decision) -> dict`` gives these keys (dates
as ISO 8601 text, times in UTC):

``number`` (e.g. ``ZAR-D-2026-12``), ``body_code``, ``body_name``, ``year``,
``sequence`` (the number within the year), ``title``, ``text``, ``decided_on``,
``decided_by`` (the organ), ``official`` (``{"name", "position"}`` or null),
``grounds``, ``vote`` (``{"for", "against", "abstained"}`` or null when there was no
vote), ``attachments`` (``[{"name", "sha256"}]``), ``related_appeals`` (appeal numbers),
``status`` (``adopted`` or ``revoked``), ``adopted_at``, ``revoked_at``,
``revocation_grounds``, ``document_sha256`` and ``revocation_sha256`` (the SHA-256 of
the signed documents), ``signed_by`` (the verifier key), ``url`` (the public page).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.urls import reverse

from ratusha.decisions.choices import DecisionStatus
from ratusha.decisions.documents import vote_of
from ratusha.decisions.models import Decision


def public_decisions(body_codes: Iterable[str] | None = None) -> models.QuerySet[Decision]:
    """Give the decisions the public may see: adopted or revoked, never drafts."""
    queryset = (
        Decision.objects.exclude(status=DecisionStatus.DRAFT)
        .select_related("body", "official", "document__key", "revocation_document")
        .prefetch_related(
            models.Prefetch("related_appeals", queryset=_appeal_numbers(), to_attr="_numbers")
        )
        .order_by("-decided_on", "-year", "-number")
    )
    if body_codes is not None:
        queryset = queryset.filter(body__code__in=list(body_codes))
    return queryset


def bodies_with_decisions() -> models.QuerySet[Any]:
    """Give the bodies that have published at least one decision, by code."""
    from ratusha.bodies.models import Body

    published = [DecisionStatus.ADOPTED, DecisionStatus.REVOKED]
    return Body.objects.filter(decisions__status__in=published).distinct().order_by("code")


def _appeal_numbers() -> models.QuerySet[Any]:
    from ratusha.appeals.models import Appeal

    return Appeal.objects.only("pk", "number").order_by("number")


def related_numbers(decision: Decision) -> list[str]:
    """Give the numbers of the appeals the decision answers (numbers are public)."""
    prefetched = getattr(decision, "_numbers", None)
    if prefetched is not None:
        return [appeal.number for appeal in prefetched]
    return list(decision.related_appeals.order_by("number").values_list("number", flat=True))


def public_url(decision: Decision) -> str:
    """Give the path of the decision's public page."""
    return reverse(
        "decisions:detail",
        kwargs={"code": decision.body.code, "year": decision.year, "number": decision.number},
    )


def decision_record(decision: Decision) -> dict[str, Any]:
    """Give the public record of one adopted or revoked decision (JSON-ready)."""
    official = decision.official
    document, revocation = decision.document, decision.revocation_document
    return {
        "number": decision.reference,
        "body_code": decision.body.code,
        "body_name": str(decision.body.name),
        "year": decision.year,
        "sequence": decision.number,
        "title": decision.title,
        "text": decision.text,
        "decided_on": decision.decided_on.isoformat(),
        "decided_by": decision.organ,
        "official": (
            {"name": official.full_name, "position": official.position_be} if official else None
        ),
        "grounds": decision.grounds,
        "vote": vote_of(decision),
        "attachments": list(decision.attachments),
        "related_appeals": related_numbers(decision),
        "status": decision.status,
        "adopted_at": decision.adopted_at.isoformat() if decision.adopted_at else None,
        "revoked_at": decision.revoked_at.isoformat() if decision.revoked_at else None,
        "revocation_grounds": decision.revocation_grounds or None,
        "document_sha256": document.sha256 if document else None,
        "revocation_sha256": revocation.sha256 if revocation else None,
        "signed_by": document.key.verifier_key if document else None,
        "url": public_url(decision),
    }
