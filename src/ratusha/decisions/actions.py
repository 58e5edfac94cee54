"""Every write to the register of decisions: draft, edit, adopt (signed), revoke (signed).

``check_*`` functions validate the person's rights and the input, then call the
trusting, atomic ``do_*`` ones. Adoption and revocation sign a canonical document with
the body's Ed25519 key (:mod:`ratusha.decisions.documents`); the ledger records its hash
once the transaction commits. Nothing is deleted: a revocation is a new signed act.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.accounts.permissions import can
from ratusha.appeals.access import appeals_for
from ratusha.bodies.models import Body, Official
from ratusha.decisions.choices import DecisionStatus
from ratusha.decisions.documents import decision_document, revocation_document
from ratusha.decisions.models import Decision
from ratusha.ledger.documents import sign_document
from ratusha.ledger.models import DocumentKind
from ratusha_core.permissions import Action

SHA256 = re.compile(r"^[0-9a-f]{64}$")


class DecisionRefused(Exception):
    """The action is not allowed or the input is invalid; ``errors`` maps fields to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class DecisionInput:
    """What a person types for a decision (the number is taken when left out)."""

    title: str
    text: str
    decided_on: date
    organ: str
    grounds: str
    official: Official | None = None
    number: int | None = None
    votes: tuple[int, int, int] | None = None  # for, against, abstained
    attachments: tuple[tuple[str, str], ...] = ()  # (file name, SHA-256 hex)
    related_appeals: tuple[str, ...] = field(default=())  # appeal numbers


def _validate(user: Any, body: Body, data: DecisionInput, decision: Decision | None) -> list[Any]:
    """Check the input; give the related appeals. Raises DecisionRefused."""
    errors: dict[str, str] = {}
    for name in ("title", "text", "organ", "grounds"):
        if not str(getattr(data, name)).strip():
            errors[name] = _("This field is required.")
    if data.official is not None and data.official.body_id != body.pk:
        errors["official"] = _("Choose an official of this body.")
    if data.votes is not None and any(v < 0 for v in data.votes):
        errors["votes_for"] = _("Votes cannot be negative.")
    for name, digest in data.attachments:
        if not name.strip() or not SHA256.match(digest):
            errors["attachments"] = _("Give each file as its SHA-256 (64 hex digits) and name.")
    if data.number is not None:
        taken = Decision.objects.filter(body=body, year=data.decided_on.year, number=data.number)
        if decision is not None:
            taken = taken.exclude(pk=decision.pk)
        if data.number < 1 or taken.exists():
            errors["number"] = _("This number is already taken in that year.")
    appeals = list(appeals_for(user).filter(body=body, number__in=set(data.related_appeals)))
    missing = set(data.related_appeals) - {a.number for a in appeals}
    if missing:
        errors["related_appeals"] = _("No appeal of this body has the number %(numbers)s.") % {
            "numbers": ", ".join(sorted(missing))
        }
    if errors:
        raise DecisionRefused(errors)
    return appeals


def _fill(decision: Decision, data: DecisionInput, now: datetime) -> None:
    decision.title = data.title.strip()
    decision.text = data.text.strip()
    decision.decided_on = data.decided_on
    decision.year = data.decided_on.year
    decision.organ = data.organ.strip()
    decision.grounds = data.grounds.strip()
    decision.official = data.official
    votes = data.votes or (None, None, None)
    decision.votes_for, decision.votes_against, decision.votes_abstained = votes
    decision.attachments = [{"name": n.strip(), "sha256": h} for n, h in data.attachments]
    decision.updated_at = now


def _next_number(body: Body, year: int) -> int:
    last = Decision.objects.filter(body=body, year=year).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def do_draft_decision(
    body: Body, data: DecisionInput, appeals: list[Any], actor: Any, now: datetime
) -> Decision:
    """Store a new draft; a missing number is the next free one of the body and year."""
    for _attempt in range(5):  # two drafts may race for the same next number
        decision = Decision(body=body, created_by=actor, created_at=now)
        _fill(decision, data, now)
        decision.number = data.number or _next_number(body, decision.year)
        try:
            with transaction.atomic():
                decision.save(force_insert=True)
                decision.related_appeals.set(appeals)
            return decision
        except IntegrityError:
            if data.number is not None:
                raise DecisionRefused({"number": _("This number is already taken.")}) from None
    raise DecisionRefused({"number": _("Could not take a number; try again.")})


def check_draft_decision(user: Any, body: Body, data: DecisionInput) -> Decision:
    """Create a draft decision of the body if the user may draft there."""
    if not can(user, Action.CHANGE, Decision(body=body)):
        raise DecisionRefused({"__all__": _("You may not draft decisions of this body.")})
    appeals = _validate(user, body, data, None)
    return do_draft_decision(body, data, appeals, user, timezone.now())


def _locked(user: Any, pk: int) -> Decision:
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("body")
        .filter(pk=pk)
        .first()
    )
    if decision is None or not can(user, Action.CHANGE, decision):
        raise DecisionRefused({"__all__": _("You may not change this decision.")})
    return decision


def check_edit_decision(user: Any, pk: int, data: DecisionInput) -> Decision:
    """Change a draft (an adopted decision is signed and can only be revoked)."""
    with transaction.atomic():
        decision = _locked(user, pk)
        if decision.status != DecisionStatus.DRAFT:
            raise DecisionRefused({"__all__": _("Only a draft can be changed.")})
        appeals = _validate(user, decision.body, data, decision)
        year = decision.year
        _fill(decision, data, timezone.now())
        if data.number is not None:
            decision.number = data.number
        elif decision.year != year:  # moved to another year: the next number there
            decision.number = _next_number(decision.body, decision.year)
        try:
            with transaction.atomic():
                decision.save()
        except IntegrityError:
            raise DecisionRefused({"number": _("This number is already taken.")}) from None
        decision.related_appeals.set(appeals)
    return decision


def do_adopt_decision(decision: Decision, actor: Any, now: datetime) -> Decision:
    """Adopt a locked draft: sign its document with the body's key and keep the signature."""
    decision.status = DecisionStatus.ADOPTED
    decision.adopted_at = now
    decision.adopted_by = actor
    related = list(decision.related_appeals.values_list("number", flat=True))
    content = decision_document(decision, related)
    decision.document = sign_document(
        DocumentKind.DECISION, decision.reference, decision.body, content
    )
    decision.updated_at = now
    decision.save()
    return decision


def check_adopt_decision(user: Any, pk: int) -> Decision:
    """Adopt a draft the user may change; a decision dated in the future cannot be adopted."""
    with transaction.atomic():
        decision = _locked(user, pk)
        if decision.status != DecisionStatus.DRAFT:
            raise DecisionRefused({"__all__": _("This decision is already adopted.")})
        if decision.decided_on > timezone.localdate():
            raise DecisionRefused(
                {"decided_on": _("A decision dated in the future cannot be adopted yet.")}
            )
        return do_adopt_decision(decision, user, timezone.now())


def do_revoke_decision(decision: Decision, grounds: str, actor: Any, now: datetime) -> Decision:
    """Revoke a locked adopted decision with a signed act that names the signed original."""
    decision.status = DecisionStatus.REVOKED
    decision.revoked_at = now
    decision.revoked_by = actor
    decision.revocation_grounds = grounds.strip()
    decision.revocation_document = sign_document(
        DocumentKind.REVOCATION, decision.reference, decision.body, revocation_document(decision)
    )
    decision.updated_at = now
    decision.save()
    return decision


def check_revoke_decision(user: Any, pk: int, grounds: str) -> Decision:
    """Revoke an adopted decision the user may change; the grounds are required."""
    with transaction.atomic():
        decision = _locked(user, pk)
        if decision.status != DecisionStatus.ADOPTED:
            raise DecisionRefused({"__all__": _("Only an adopted decision can be revoked.")})
        if not grounds.strip():
            raise DecisionRefused({"grounds": _("Give the grounds of the revocation.")})
        decision.document  # noqa: B018 - loaded for the revocation's reference to it
        return do_revoke_decision(decision, grounds, user, timezone.now())
