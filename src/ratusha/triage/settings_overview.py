"""The triage settings of every body an administrator may change, side by side.

One row per body: automatic routing and its precision, the categories a clerk always
decides, the duplicate threshold, each target's active model (its version, whether it is
pinned, when it was trained), and when the policy last changed. The changes are the
body's ledger entries of the three policy events, whose subject is the body's code (the
ledger's subject index serves them). Five queries for a whole page, whatever its size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.http import urlencode

from ratusha.bodies.models import Body
from ratusha.ledger.models import Entry, PendingEntry
from ratusha.triage.actions_category_routing import CATEGORY_ROUTING
from ratusha.triage.actions_duplicate_policy import DUPLICATE_POLICY
from ratusha.triage.actions_policy import ROUTING_POLICY
from ratusha.triage.models import Target, TriageModel

POLICY_EVENTS = (ROUTING_POLICY, DUPLICATE_POLICY, CATEGORY_ROUTING)


@dataclass(frozen=True)
class ActiveModel:
    """A body's active version of one target."""

    version: int
    pinned: bool
    trained_at: datetime | None


@dataclass(frozen=True)
class BodySettings:
    """One body's row."""

    body: Body
    manual_categories: int
    category_model: ActiveModel | None
    department_model: ActiveModel | None
    policy_changed_at: datetime | None  # the latest policy change in the ledger
    ledger_name: str | None = None  # the body's log, when it holds a policy change

    @property
    def policy_changes_url(self) -> str | None:
        """Give the readable ledger page of the body's policy changes, if it has any."""
        if self.ledger_name is None:
            return None
        query = urlencode({"subject": self.body.code, "event": POLICY_EVENTS}, doseq=True)
        return f"{reverse('ledger:read', args=[self.ledger_name])}?{query}"

    @property
    def models(self) -> tuple[ActiveModel | None, ActiveModel | None]:
        """Give the active models in the order of the page's columns."""
        return self.category_model, self.department_model


def settings_of(bodies: Sequence[Body]) -> list[BodySettings]:
    """Give the rows of these bodies (already scoped by the caller), in their order."""
    ids = [body.pk for body in bodies]
    manual = dict(
        Body.objects.filter(pk__in=ids)
        .annotate(n=Count("categories", filter=Q(categories__auto_route=False)))
        .values_list("pk", "n")
    )
    active: dict[tuple[int, str], ActiveModel] = {}
    rows: Any = TriageModel.objects.filter(body_id__in=ids, is_active=True).values_list(
        "body_id", "target", "version", "pinned_at", "trained_at"
    )
    for body_id, target, version, pinned_at, trained_at in rows:
        active[body_id, target] = ActiveModel(version, pinned_at is not None, trained_at)
    changed = last_policy_changes(bodies)
    return [
        BodySettings(
            body=body,
            manual_categories=manual.get(body.pk, 0),
            category_model=active.get((body.pk, Target.CATEGORY)),
            department_model=active.get((body.pk, Target.DEPARTMENT)),
            policy_changed_at=changed[body.pk][0] if body.pk in changed else None,
            ledger_name=changed[body.pk][1] if body.pk in changed else None,
        )
        for body in bodies
    ]


def last_policy_changes(bodies: Sequence[Body]) -> dict[int, tuple[datetime, str]]:
    """Give, per body, the time of its latest policy change, integrated or still pending,
    and the name of the log that holds it."""
    latest: dict[int, tuple[datetime, str]] = {}
    for entries in (Entry.objects, PendingEntry.objects):
        found = (
            entries.filter(
                subject__in=[body.code for body in bodies],
                event_type__in=POLICY_EVENTS,
                log__body__in=bodies,
            )
            .values("log__body_id", "log__name")
            .annotate(last=Max("time"))
            .values_list("log__body_id", "last", "log__name")
        )
        for body_id, last, log in found:
            if body_id not in latest or last > latest[body_id][0]:
                latest[body_id] = (last, log)
    return latest
