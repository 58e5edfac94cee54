"""Reconciliation: acts whose on-commit append was lost get their entry, exactly once."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from ratusha.decisions.actions import DecisionInput, check_adopt_decision, check_draft_decision
from ratusha.ledger import access
from ratusha.ledger.actions import integrate_everything, log_for_body
from ratusha.ledger.models import CommitmentSalt, Entry, PendingEntry, SignedDocument
from ratusha.ledger.reconcile import reconcile
from ratusha.ledger.tasks import reconcile_logs

pytestmark = pytest.mark.django_db

NOW = timedelta(0)


def test_lost_event_entries_are_appended_once(register: Any, world: Any) -> None:
    first = register().appeal
    integrate_everything()
    second = register(text="Трэба адрамантаваць дарогу на вуліцы Леніна, там ямы.").appeal
    log = log_for_body(world.bodies["A"])
    lost = PendingEntry.objects.filter(log=log, subject=second.number)
    assert lost.count() == 3  # registered, triaged, assigned
    CommitmentSalt.objects.filter(leaf_hash__in=lost.values("leaf_hash")).delete()
    lost.delete()  # as if the process died right after the commits
    assert reconcile(grace=NOW).events == 3
    assert reconcile(grace=NOW).total == 0  # idempotent
    assert reconcile_logs.call() == 0
    integrate_everything()
    entries = list(Entry.objects.filter(log=log).order_by("index"))
    assert len(entries) == 6
    types = [(e.subject, e.event_type) for e in entries]
    assert types.count((second.number, "appeal.registered")) == 1
    assert types.count((first.number, "appeal.registered")) == 1
    registration = access.registration_of(second)
    assert registration is not None and registration.salt is not None  # a new salt


def test_young_acts_are_left_to_their_hooks(register: Any, world: Any) -> None:
    appeal = register().appeal
    PendingEntry.objects.filter(subject=appeal.number).delete()
    assert reconcile().total == 0  # within the grace period
    assert reconcile(grace=NOW, dry_run=True).events == 3
    assert not PendingEntry.objects.exists()


def test_the_reconciliation_still_agrees_after_the_assistant_was_used(
    register: Any, world: Any
) -> None:
    from ratusha.appeals.models import AppealEvent
    from ratusha.triage.actions_assistant import UseFigures, do_record_assistant_use
    from ratusha.triage.models import AssistantKind

    appeal = register().appeal
    assert reconcile(grace=NOW, dry_run=True).events == 0
    events = AppealEvent.objects.filter(appeal=appeal).count()
    figures = UseFigures(model="local-model", sent_chars=1_234, seconds=3.1, ok=True)
    for kind in (AssistantKind.DRAFT, AssistantKind.SUMMARY):
        do_record_assistant_use(appeal, kind, world.users["officer"], figures)
    # The uses are no workflow events, so the ledger has nothing to catch up on,
    assert AppealEvent.objects.filter(appeal=appeal).count() == events
    assert reconcile(grace=NOW, dry_run=True).events == 0
    # and when the appeal's entries are lost, exactly its workflow steps come back.
    log = log_for_body(world.bodies["A"])
    lost = PendingEntry.objects.filter(log=log, subject=appeal.number)
    assert lost.count() == 3  # registered, triaged, assigned
    CommitmentSalt.objects.filter(leaf_hash__in=lost.values("leaf_hash")).delete()
    lost.delete()
    assert reconcile(grace=NOW).events == 3
    assert reconcile(grace=NOW).total == 0
    integrate_everything()
    assert Entry.objects.filter(log=log, subject=appeal.number).count() == 3


def test_a_signed_decision_without_its_entry_is_recorded(world: Any) -> None:
    data = DecisionInput(
        title="Аб рамонце", text="1. Адрамантаваць.", decided_on=date(2026, 3, 1),
        organ="Выканкам", grounds="Закон, арт. 41",
    )  # fmt: skip
    draft = check_draft_decision(world.users["admin"], world.bodies["A"], data)
    decision = check_adopt_decision(world.users["admin"], draft.pk)  # its hook never ran
    assert decision.document.leaf_hash is None
    out = StringIO()
    call_command("ledger_reconcile", "--grace-seconds", "0", stdout=out)
    assert "1 signed document(s) appended" in out.getvalue()
    document = SignedDocument.objects.get(pk=decision.document.pk)
    pending = PendingEntry.objects.get(leaf_hash=document.leaf_hash)
    assert json.loads(pending.leaf_input)["type"] == "decision.adopted"
    call_command("ledger_reconcile", "--grace-seconds", "0", "--days", "1", stdout=out)
    assert PendingEntry.objects.filter(subject=decision.reference).count() == 1
