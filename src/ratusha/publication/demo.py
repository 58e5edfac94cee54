"""Demo data of public redaction: proposals for consenting appeals, most of them reviewed.

Appeals older than a week were reviewed by a clerk of their body: about three in four
approved as proposed, one in ten rejected, the rest still waiting, so that the queue
and the open data both have something to show. The newest answers get their public
summaries at once; older ones are left to the periodic backfill, which keeps seeding
fast. Seeding uses the detector's rules without NER (a few milliseconds per text
instead of a quarter of a second); the backfill follows the settings.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from ratusha.accounts.models import RoleGrant
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.ledger.actions import append_many
from ratusha.publication.actions import APPROVED
from ratusha.publication.bulk import do_propose_many, do_summarise_many
from ratusha.publication.models import Publication, Status
from ratusha_core.permissions import Role

SEED = 6
REVIEWED_AFTER = timedelta(days=7)
APPROVE_SHARE = 0.75
REJECT_SHARE = 0.10
SUMMARIES_AT_SEEDING = 800  # the newest answers; the backfill task does the rest


def seed_demo(now: datetime) -> None:
    """Propose, review and summarise for the demo's appeals (idempotent)."""
    do_propose_many(Appeal.objects.all(), now, use_ner=False)
    _review(now)
    recent = Appeal.objects.order_by("-registered_at").values_list("pk", flat=True)
    recent = recent[:SUMMARIES_AT_SEEDING]
    do_summarise_many(Appeal.objects.filter(pk__in=list(recent)), now, use_ner=False)


def _clerks() -> dict[int, Any]:
    grants = RoleGrant.objects.filter(role=Role.REGISTRY_CLERK.value).order_by("pk")
    found: dict[int, Any] = {}
    for grant in grants:
        found.setdefault(grant.body_id, grant.user_id)
    return found


def _review(now: datetime) -> None:
    clerks = _clerks()
    waiting = (
        Publication.objects.filter(
            status=Status.PENDING, appeal__registered_at__lt=now - REVIEWED_AFTER
        )
        .select_related("appeal")
        .order_by("pk")
    )
    changed: list[Publication] = []
    approved: dict[int, list[tuple[str, dict[str, Any], str]]] = defaultdict(list)
    for publication in waiting:
        appeal = publication.appeal
        rng = random.Random(f"{SEED}:{appeal.number}")
        roll = rng.random()
        if roll >= APPROVE_SHARE + REJECT_SHARE:
            continue
        publication.status = Status.APPROVED if roll < APPROVE_SHARE else Status.REJECTED
        publication.reviewer_id = clerks.get(publication.body_id)
        publication.reviewed_at = min(
            appeal.registered_at + timedelta(hours=rng.randint(2, 72)), now
        )
        changed.append(publication)
        if publication.status == Status.APPROVED:
            digest = hashlib.sha256(publication.final_text.encode()).hexdigest()
            payload = {"appeal": appeal.number, "text_sha256": digest, "override": False}
            approved[publication.body_id].append((APPROVED, payload, appeal.number))
    with transaction.atomic():
        Publication.objects.bulk_update(
            changed, ["status", "reviewer", "reviewed_at"], batch_size=500
        )
        for body in Body.objects.filter(pk__in=approved):
            append_many(body, approved[body.pk])
