"""What the appeals app's signals put in the ledger, and how integration numbers it."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from ratusha.ledger import keys
from ratusha.ledger.actions import append, integrate, integrate_everything, log_for_body
from ratusha.ledger.models import (
    Checkpoint,
    CommitmentSalt,
    Entry,
    PendingEntry,
    SigningKey,
    SubtreeHash,
)
from ratusha_core.ledger.checkpoint import open_checkpoint
from ratusha_core.ledger.commitment import appeal_commitment
from ratusha_core.ledger.merkle import leaf_hash
from ratusha_core.ledger.tree import MemoryTree, tree_root
from ratusha_core.signing.note import UnverifiedNoteError

pytestmark = pytest.mark.django_db


def test_registration_and_transitions_become_gap_free_entries(register: Any, world: Any) -> None:
    first = register().appeal
    second = register(text="Трэба адрамантаваць дарогу на вуліцы Леніна, там ямы.").appeal
    log = log_for_body(world.bodies["A"])
    pending = list(PendingEntry.objects.filter(log=log).order_by("id"))
    # Each registration is processed at once (triage, then assignment): 3 events each.
    assert [p.event_type for p in pending].count("appeal.registered") == 2
    assert len(pending) == 6
    assert integrate(log, limit=4) == 4
    assert integrate(log) == 2
    assert integrate(log) == 0
    indexes = list(Entry.objects.filter(log=log).values_list("index", flat=True))
    assert indexes == list(range(6))
    assert not PendingEntry.objects.exists()
    log.refresh_from_db()
    assert log.size == 6
    # The stored root is the RFC 9162 root of the leaves, in order.
    leaves = [e.leaf_input.encode() for e in Entry.objects.filter(log=log).order_by("index")]
    memory = MemoryTree.from_leaf_inputs(leaves)
    assert bytes(log.root) == tree_root(memory, 6)
    registered = [json.loads(x) for x in leaves if b"appeal.registered" in x]
    assert {r["appeal"] for r in registered} == {first.number, second.number}


def test_the_public_leaf_holds_no_personal_data_but_commits_to_it(
    register: Any, world: Any
) -> None:
    appeal = register().appeal
    integrate_everything()
    entry = Entry.objects.get(subject=appeal.number, event_type="appeal.registered")
    text = entry.leaf_input
    for secret in (appeal.applicant_name, appeal.applicant_email, "ліхтар"):
        assert secret not in text
    leaf = json.loads(text)
    assert leaf["type"] == "appeal.registered"
    assert leaf["body"] == "A" and leaf["category"] == "CA1" and leaf["version"] == 1
    local = appeal.registered_at.astimezone(ZoneInfo(appeal.body.time_zone))
    assert leaf["date"] == str(local.date())  # the body's date, not UTC's
    salt = bytes(CommitmentSalt.objects.get(leaf_hash=entry.leaf_hash).salt)
    expected = appeal_commitment(salt, appeal.text, appeal.applicant_name, appeal.applicant_email)
    assert leaf["commitment"] == expected.hex()
    assert "salt" not in text and salt.hex() not in text
    steps = [
        json.loads(e.leaf_input)
        for e in Entry.objects.filter(subject=appeal.number, event_type="appeal.transition")
    ]
    assert [(s["action"], s["from"], s["to"]) for s in steps] == [
        ("start_triage", "registered", "triage"),
        ("assign", "triage", "assigned"),
    ]
    assert all(
        set(s)
        == {"version", "type", "time", "body", "appeal", "action", "from", "to", "role", "public"}
        for s in steps
    )


def test_every_batch_publishes_a_checkpoint_signed_by_the_body_key(world: Any) -> None:
    log = log_for_body(world.bodies["B"])
    for n in range(3):
        append(log, "test.event", {"n": n})
    integrate(log)
    append(log, "test.event", {"n": 3})
    integrate(log)
    sizes = list(Checkpoint.objects.filter(log=log).order_by("size").values_list("size", flat=True))
    assert sizes == [0, 3, 4]  # the empty head at creation, then one per batch
    key = SigningKey.objects.get(log=log)
    assert key.body == world.bodies["B"]
    latest = Checkpoint.objects.filter(log=log).order_by("-size").first()
    assert latest is not None
    log.refresh_from_db()
    signed = open_checkpoint(latest.note, keys.log_verifier_keys(log), origin=log.origin)
    assert signed.checkpoint.size == 4 and signed.checkpoint.root_hash == bytes(log.root)
    assert log.origin == "ratusha.test/ledger/B"
    assert SubtreeHash.objects.filter(log=log).count() == 3  # (1,0), (1,1), (2,0)
    assert leaf_hash(Entry.objects.get(log=log, index=3).leaf_input.encode()) == bytes(
        Entry.objects.get(log=log, index=3).leaf_hash
    )


def test_private_keys_are_encrypted_and_rotation_keeps_old_signatures_valid(world: Any) -> None:
    log = log_for_body(world.bodies["A"])
    old = keys.log_key(log)
    seed = keys.signer_of(old).key.seed
    assert seed.hex() not in old.encrypted_seed and seed not in old.encrypted_seed.encode()
    first = Checkpoint.objects.get(log=log, size=0)
    new = keys.rotate_key(old)
    append(log, "test.event", {"n": 1})
    integrate(log)
    latest = Checkpoint.objects.get(log=log, size=1)
    everyone = keys.log_verifier_keys(log)
    assert len(everyone) == 2
    open_checkpoint(first.note, everyone)
    open_checkpoint(latest.note, everyone)
    with pytest.raises(UnverifiedNoteError):
        open_checkpoint(latest.note, [keys.verifier_of(old)])
    assert keys.log_key(log) == new


def test_append_refuses_to_overwrite_the_common_fields(world: Any) -> None:
    with pytest.raises(ValueError, match="common field"):
        append(world.bodies["A"], "x", {"body": "B"})
