"""Reconciliation: find public acts whose ledger entry was lost and append it, once.

The ledger is written from on-commit hooks, so a crash between a commit and its hook
(or a failing hook) leaves a committed act without its entry. :func:`reconcile` looks
for such acts and appends what is missing:

- appeal events (registrations and workflow steps) of bodies that have a log, from the
  time the log began (its first entry, or just before the log was created; older
  history, such as imported or seeded appeals, was never announced to the ledger),
  except appeals imported from another system;
- signed documents (answers, decisions and their revocations) without their entry:
  decisions are covered here, since adopting one always signs a document in the same
  transaction.

A registration is found by its appeal number; a workflow step by the leaf it would have
(its payload and time are deterministic). Acts younger than ``grace`` are left to their
own hooks. Each log is reconciled while its row is locked, so two reconcilers never
append the same act twice; signed documents are locked one by one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ratusha.ledger.actions import leaf_for
from ratusha.ledger.documents import record_document
from ratusha.ledger.leaves import leaf_bytes
from ratusha.ledger.models import Entry, Log, PendingEntry, SignedDocument
from ratusha.ledger.records import (
    REGISTERED,
    TRANSITION,
    record_registration,
    record_transition,
    transition_payload,
)

GRACE = timedelta(minutes=2)
WINDOW = timedelta(days=2)  # what the periodic task looks at; the command can do it all
CHUNK = 500
LOG_CREATED_SLACK = timedelta(minutes=5)


@dataclass(frozen=True)
class Reconciled:
    """How many lost entries were appended (or, in a dry run, would be)."""

    events: int
    documents: int

    @property
    def total(self) -> int:
        return self.events + self.documents


def _chunks(rows: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _has(model: type[Any], log: Log, **lookup: Any) -> set[Any]:
    field = next(iter(lookup)).split("__")[0]
    rows = model.objects.filter(log=log, **lookup).values_list(field, flat=True)
    return {bytes(v) if isinstance(v, memoryview) else v for v in rows}


def _transition_hash(log: Log, appeal: Any, event: Any) -> bytes:
    leaf = leaf_for(log, TRANSITION, transition_payload(appeal, event), event.at)
    return hashlib.sha256(b"\x00" + leaf_bytes(leaf)).digest()


def _ledger_start(log: Log) -> datetime:
    """Give when the log began recording: acts before it were never announced to it.

    That is its first entry's time or, if earlier, a little before the log was created
    (the first hook creates the log just after its act commits; its entry may be lost).
    """
    first = Entry.objects.filter(log=log, index=0).values_list("time", flat=True).first()
    if first is None:
        pending = PendingEntry.objects.filter(log=log).order_by("id")
        first = pending.values_list("time", flat=True).first()
    created = log.created_at - LOG_CREATED_SLACK
    return created if first is None else min(first, created)


def _lost_events(log: Log, since: datetime, until: datetime) -> list[Any]:
    """Give the committed events of the log's body that have no entry (pending or integrated)."""
    from ratusha.appeals.choices import Channel
    from ratusha.appeals.models import AppealEvent

    start = _ledger_start(log)
    events = list(
        AppealEvent.objects.filter(
            appeal__body_id=log.body_id, at__gte=max(since, start), at__lte=until
        )
        .exclude(appeal__channel=Channel.IMPORT)
        .select_related("appeal__body", "appeal__category")
        .order_by("at", "pk")
    )
    lost: list[Any] = []
    registrations = [e for e in events if e.action == "register"]
    for chunk in _chunks(registrations):
        numbers = [e.appeal.number for e in chunk]
        found = set()
        for model in (Entry, PendingEntry):
            found |= _has(model, log, subject__in=numbers, event_type=REGISTERED)
        lost += [e for e in chunk if e.appeal.number not in found]
    steps = [(e, _transition_hash(log, e.appeal, e)) for e in events if e.action != "register"]
    for chunk in _chunks(steps):
        hashes = [value for _event, value in chunk]
        found = set()
        for model in (Entry, PendingEntry):
            found |= _has(model, log, leaf_hash__in=hashes)
        lost += [event for event, value in chunk if value not in found]
    lost.sort(key=lambda e: (e.at, e.pk))
    return lost


def reconcile(
    *,
    since: datetime | None = None,
    grace: timedelta = GRACE,
    now: datetime | None = None,
    dry_run: bool = False,
) -> Reconciled:
    """Append the entries of public acts that lack them; give how many were appended.

    ``since`` limits the search to acts from that time (None: everything since each log
    was created). Safe to run again and from several workers: it appends each act once.
    """
    now = now or timezone.now()
    until = now - grace
    start = since or datetime.min.replace(tzinfo=now.tzinfo)
    events = 0
    for log_id in Log.objects.filter(body__isnull=False).values_list("pk", flat=True):
        with transaction.atomic():
            log = Log.objects.select_for_update(of=("self",)).select_related("body").get(pk=log_id)
            for event in _lost_events(log, start, until):
                events += 1
                if dry_run:
                    continue
                if event.action == "register":
                    record_registration(event.appeal, event)
                else:
                    record_transition(event.appeal, event)
    documents = 0
    waiting = SignedDocument.objects.filter(leaf_hash__isnull=True, signed_at__lte=until)
    if since is not None:
        waiting = waiting.filter(signed_at__gte=since)
    for pk in waiting.order_by("signed_at", "pk").values_list("pk", flat=True):
        if dry_run:
            documents += 1
        elif record_document(pk):
            documents += 1
    return Reconciled(events, documents)
