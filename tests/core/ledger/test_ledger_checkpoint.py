"""C2SP tlog-checkpoint bodies, signed checkpoints, receipts and log growth."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from ratusha_core.ledger.checkpoint import (
    Checkpoint,
    CheckpointError,
    open_checkpoint,
    parse_checkpoint,
    sign_checkpoint,
)
from ratusha_core.ledger.merkle import ProofError, RootMismatchError
from ratusha_core.ledger.receipt import (
    Receipt,
    ReceiptError,
    audit_entries,
    receipt_from_json,
    verify_log_growth,
    verify_receipt,
)
from ratusha_core.ledger.tree import MemoryTree, consistency_proof, inclusion_proof, tree_root
from ratusha_core.signing.canonical import canonical_json
from ratusha_core.signing.keys import SigningKey
from ratusha_core.signing.note import (
    COSIGNATURE_V1,
    InvalidSignatureError,
    NoteSigner,
    UnverifiedNoteError,
    add_signature_lines,
    parse_note,
)

ORIGIN = "ratusha.example/minsk"
LOG = NoteSigner(ORIGIN, SigningKey(bytes(range(32))))
WITNESS = NoteSigner("witness.example/w1", SigningKey(bytes(range(5, 37))), COSIGNATURE_V1)
ENTRIES = [
    canonical_json({"event": "appeal_registered", "number": f"A-{n}", "version": 1})
    for n in range(40)
]


def _tree(size: int) -> MemoryTree:
    return MemoryTree.from_leaf_inputs(ENTRIES[:size])


def _checkpoint(size: int) -> Checkpoint:
    return Checkpoint(ORIGIN, size, tree_root(_tree(size), size))


def test_c2sp_checkpoint_example_parses(shared_data: Path) -> None:
    page = (shared_data / "c2sp-signed-note" / "tlog-checkpoint-example.md").read_text()
    block = re.search(r"```\n(.*?\n)```", page, re.DOTALL)
    assert block, "the example page changed shape"
    text, signatures = parse_note(block.group(1))
    checkpoint = parse_checkpoint(text)
    assert checkpoint.origin == "example.com/behind-the-sofa"
    assert checkpoint.size == 20852163
    assert checkpoint.root_hash == base64.b64decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
    assert checkpoint.to_text() == text
    assert [s.name for s in signatures] == ["example.com/behind-the-sofa"]
    # Its public key is not published, so the note must not be trusted by anyone.
    with pytest.raises(UnverifiedNoteError):
        open_checkpoint(block.group(1), [LOG.verifier_key])


def test_checkpoint_round_trip_with_extensions() -> None:
    checkpoint = Checkpoint(ORIGIN, 7, bytes(32), ("Timestamp: 1700000000",))
    assert parse_checkpoint(checkpoint.to_text()) == checkpoint


@pytest.mark.parametrize(
    "text",
    [
        "origin\n5\n",  # no root hash
        "origin\n05\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",  # leading zero
        "origin\n-5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
        "origin\n5\nAAAA\n",  # 3-byte hash
        "origin\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",  # no final newline
        "origin\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n",  # empty extension
        "\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",  # empty origin
        "origin\n５\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",  # non-ASCII digit
    ],
)
def test_malformed_checkpoints_are_refused(text: str) -> None:
    with pytest.raises(CheckpointError):
        parse_checkpoint(text)


def test_signed_checkpoint_needs_the_log_and_enough_witnesses() -> None:
    checkpoint = _checkpoint(10)
    note = sign_checkpoint(checkpoint, [LOG])
    signed = open_checkpoint(note, [LOG.verifier_key], origin=ORIGIN)
    assert signed.checkpoint == checkpoint and signed.cosignatures == ()
    with pytest.raises(CheckpointError):
        open_checkpoint(note, [LOG.verifier_key], origin="ratusha.example/grodno")
    with pytest.raises(CheckpointError):
        open_checkpoint(
            note, [LOG.verifier_key], witness_keys=[WITNESS.verifier_key], required_cosignatures=1
        )
    cosigned = add_signature_lines(
        note, [WITNESS.signature_line(checkpoint.to_text(), 1_700_000_000)]
    )
    signed = open_checkpoint(
        cosigned, [LOG.verifier_key], witness_keys=[WITNESS.verifier_key], required_cosignatures=1
    )
    assert [s.timestamp for s in signed.cosignatures] == [1_700_000_000]
    # A witness alone does not make a checkpoint the log's.
    only_witness = checkpoint.to_text() + "\n" + WITNESS.signature_line(checkpoint.to_text(), 1)
    with pytest.raises(CheckpointError):
        open_checkpoint(only_witness, [LOG.verifier_key], witness_keys=[WITNESS.verifier_key])


def _receipt(index: int, size: int) -> Receipt:
    tree = _tree(size)
    return Receipt(
        leaf_input=ENTRIES[index],
        leaf_index=index,
        tree_size=size,
        inclusion_proof=inclusion_proof(tree, index, size).hashes,
        checkpoint_note=sign_checkpoint(_checkpoint(size), [LOG]),
    )


def test_receipt_verifies_and_survives_json() -> None:
    receipt = _receipt(6, 13)
    again = receipt_from_json(receipt.to_json())
    assert again == receipt
    verified = verify_receipt(again, [LOG.verifier_key], origin=ORIGIN)
    assert verified.signed.checkpoint.size == 13


def test_tampered_receipts_fail() -> None:
    receipt = _receipt(6, 13)
    altered_entry = ENTRIES[6].replace(b"A-6", b"A-7")
    with pytest.raises(ProofError):
        verify_receipt(
            Receipt(altered_entry, 6, 13, receipt.inclusion_proof, receipt.checkpoint_note),
            [LOG.verifier_key],
        )
    with pytest.raises(ProofError):
        verify_receipt(
            Receipt(ENTRIES[6], 7, 13, receipt.inclusion_proof, receipt.checkpoint_note),
            [LOG.verifier_key],
        )
    with pytest.raises(ReceiptError):
        verify_receipt(
            Receipt(ENTRIES[6], 6, 14, receipt.inclusion_proof, receipt.checkpoint_note),
            [LOG.verifier_key],
        )
    forged = receipt.checkpoint_note.replace("\n13\n", "\n12\n")
    with pytest.raises(InvalidSignatureError):  # the log never signed size 12
        verify_receipt(
            Receipt(ENTRIES[6], 6, 12, receipt.inclusion_proof, forged), [LOG.verifier_key]
        )
    with pytest.raises(ReceiptError):
        receipt_from_json({**receipt.to_json(), "format": "other"})


def test_log_growth_accepts_extension_and_catches_rollback_and_fork() -> None:
    tree = _tree(40)
    old, new = _checkpoint(13), _checkpoint(40)
    proof = consistency_proof(tree, 13, 40).hashes
    verify_log_growth(old, new, proof)
    with pytest.raises(ProofError):  # rollback: the newer checkpoint is smaller
        verify_log_growth(new, old, proof)
    forked = MemoryTree.from_leaf_inputs([*ENTRIES[:5], b"rewritten", *ENTRIES[6:40]])
    fork_head = Checkpoint(ORIGIN, 40, tree_root(forked, 40))
    with pytest.raises(ProofError):  # split view: same size, history rewritten
        verify_log_growth(old, fork_head, consistency_proof(forked, 13, 40).hashes)
    with pytest.raises(CheckpointError):
        verify_log_growth(old, Checkpoint("other.example/log", 40, new.root_hash), proof)


def test_audit_entries_names_a_changed_log() -> None:
    checkpoint = _checkpoint(20)
    audit_entries(ENTRIES[:20], checkpoint)
    with pytest.raises(RootMismatchError):
        audit_entries([*ENTRIES[:19], b"changed"], checkpoint)
    with pytest.raises(ReceiptError):
        audit_entries(ENTRIES[:19], checkpoint)
