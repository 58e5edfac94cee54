"""Drafting, adopting (signed, in the ledger) and revoking (a signed act) decisions."""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from ratusha.decisions.actions import (
    DecisionRefused,
    check_adopt_decision,
    check_draft_decision,
    check_edit_decision,
    check_revoke_decision,
)
from ratusha.decisions.choices import DecisionStatus
from ratusha.ledger.actions import integrate_everything
from ratusha.ledger.documents import check_document
from ratusha.ledger.models import DocumentKind, Entry, KeyPurpose
from ratusha_core.signing.keys import verify_ed25519

pytestmark = pytest.mark.django_db


def test_drafts_take_the_next_number_of_the_body_and_year(world: Any, decision_input: Any) -> None:
    admin, body = world.users["admin"], world.bodies["A"]
    first = check_draft_decision(admin, body, decision_input())
    second = check_draft_decision(admin, body, decision_input())
    given = check_draft_decision(admin, body, decision_input(number=40))
    after = check_draft_decision(admin, body, decision_input())
    next_year = check_draft_decision(admin, body, decision_input(decided_on=date(2027, 1, 5)))
    assert [d.number for d in (first, second, given, after)] == [1, 2, 40, 41]
    assert next_year.number == 1 and next_year.reference == "A-D-2027-1"
    assert first.status == DecisionStatus.DRAFT and first.document is None
    with pytest.raises(DecisionRefused) as refused:
        check_draft_decision(admin, body, decision_input(number=40))
    assert "number" in refused.value.errors


def test_only_admins_and_heads_of_the_body_draft_and_adopt(world: Any, decision_input: Any) -> None:
    body = world.bodies["A"]
    for name in ("officer", "clerk", "auditor", "officer_b", "citizen"):
        with pytest.raises(DecisionRefused):
            check_draft_decision(world.users[name], body, decision_input())
    draft = check_draft_decision(world.users["head"], body, decision_input())
    for name in ("officer", "auditor", "officer_b"):
        with pytest.raises(DecisionRefused):
            check_adopt_decision(world.users[name], draft.pk)
    # The district's administrator reaches the bodies below the district.
    check_draft_decision(world.users["district_admin"], body, decision_input())


def test_input_is_checked(world: Any, decision_input: Any) -> None:
    admin, body = world.users["admin"], world.bodies["A"]
    bad = decision_input(
        title=" ",
        attachments=(("plan.pdf", "not-a-hash"),),
        related_appeals=("A-2026-999999",),
    )
    with pytest.raises(DecisionRefused) as refused:
        check_draft_decision(admin, body, bad)
    assert set(refused.value.errors) == {"title", "attachments", "related_appeals"}


def test_adopting_signs_with_the_bodys_key_and_records_it(
    adopted: Any, world: Any, register: Any
) -> None:
    appeal = register().appeal
    decision = adopted(attachments=(("plan.pdf", "ab" * 32),), related_appeals=(appeal.number,))
    assert decision.status == DecisionStatus.ADOPTED and decision.adopted_by == world.users["head"]
    document = decision.document
    assert document.kind == DocumentKind.DECISION and document.number == decision.reference
    assert document.key.body == world.bodies["A"] and document.key.official is None
    assert document.key.purpose == KeyPurpose.DOCUMENT
    content = json.loads(document.document)
    assert content["format"] == "ratusha-decision/v1"
    assert content["vote"] == {"for": 9, "against": 1, "abstained": 2}
    assert content["attachments"] == [{"name": "plan.pdf", "sha256": "ab" * 32}]
    assert content["related_appeals"] == [appeal.number]
    assert verify_ed25519(
        bytes(document.key.public_key),
        document.document.encode(),
        base64.b64decode(document.signature),
    )
    integrate_everything()
    document.refresh_from_db()
    entry = Entry.objects.get(leaf_hash=document.leaf_hash)
    leaf = json.loads(entry.leaf_input)
    assert leaf["type"] == "decision.adopted" and leaf["decision"] == decision.reference
    assert leaf["document_sha256"] == document.sha256
    # A signed decision cannot be changed or adopted twice.
    with pytest.raises(DecisionRefused):
        check_edit_decision(world.users["admin"], decision.pk, decision_input_of(decision))
    with pytest.raises(DecisionRefused):
        check_adopt_decision(world.users["admin"], decision.pk)


def decision_input_of(decision: Any) -> Any:
    from ratusha.decisions.actions import DecisionInput

    return DecisionInput(
        title="Інша", text="Інша", decided_on=decision.decided_on, organ="x", grounds="y"
    )


def test_revoking_is_a_new_signed_act(
    adopted: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    decision = adopted(votes=None)
    with pytest.raises(DecisionRefused) as refused:
        check_revoke_decision(world.users["admin"], decision.pk, "  ")
    assert "grounds" in refused.value.errors
    with django_capture_on_commit_callbacks(execute=True):
        revoked = check_revoke_decision(
            world.users["admin"], decision.pk, "Рашэнне выканкама ад 1.04.2026 № 55"
        )
    assert revoked.status == DecisionStatus.REVOKED
    revocation = revoked.revocation_document
    assert revocation.kind == DocumentKind.REVOCATION and check_document(revocation)
    assert json.loads(revocation.document)["revokes_sha256"] == decision.document.sha256
    assert check_document(revoked.document)  # the original stays, still valid
    integrate_everything()
    types = list(
        Entry.objects.filter(subject=decision.reference).values_list("event_type", flat=True)
    )
    assert sorted(types) == ["decision.adopted", "decision.revoked"]
    with pytest.raises(DecisionRefused):
        check_revoke_decision(world.users["admin"], decision.pk, "again")


def test_a_decision_dated_in_the_future_waits(world: Any, decision_input: Any) -> None:
    later = timezone.localdate() + timedelta(days=3)
    draft = check_draft_decision(
        world.users["admin"], world.bodies["A"], decision_input(decided_on=later)
    )
    with pytest.raises(DecisionRefused) as refused:
        check_adopt_decision(world.users["admin"], draft.pk)
    assert "decided_on" in refused.value.errors


def test_a_draft_moved_to_another_year_takes_a_number_there(
    world: Any, decision_input: Any
) -> None:
    admin, body = world.users["admin"], world.bodies["A"]
    check_draft_decision(admin, body, decision_input(decided_on=date(2027, 2, 1)))
    draft = check_draft_decision(admin, body, decision_input())
    moved = check_edit_decision(admin, draft.pk, decision_input(decided_on=date(2027, 3, 1)))
    assert (moved.year, moved.number) == (2027, 2)
    assert json.dumps(moved.attachments) == "[]"
