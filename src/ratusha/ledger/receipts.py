"""Citizens' receipts: the registration entry, its salt, an inclusion proof, a checkpoint.

And the server-side answer to "is this appeal's registration still in the log?": the
receipt's checkpoint verified, the entry's inclusion in it, and a consistency proof from
it to the newest checkpoint.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from ratusha.ledger import access, keys
from ratusha.ledger.actions import integrate
from ratusha.ledger.models import Checkpoint, Entry, Log
from ratusha.ledger.store import DatabaseStore
from ratusha_core.ledger.checkpoint import CheckpointError, open_checkpoint
from ratusha_core.ledger.merkle import ProofError
from ratusha_core.ledger.receipt import Receipt, verify_log_growth, verify_receipt
from ratusha_core.ledger.tree import consistency_proof, inclusion_proof
from ratusha_core.signing.note import NoteError


@dataclass(frozen=True)
class CitizenReceipt:
    """A receipt ready to download: the core receipt and what the citizen needs besides."""

    appeal: Any
    log: Log
    entry: Entry
    checkpoint: Checkpoint
    receipt: Receipt
    salt: bytes | None

    def to_json(self, *, with_text: bool = False) -> dict[str, Any]:
        """Give the receipt as JSON; ``with_text`` adds the opening of the commitment."""
        data = self.receipt.to_json()
        data.update(
            {
                "appeal": self.appeal.number,
                "origin": self.log.origin,
                "entry": json.loads(self.entry.leaf_input),
                "log_keys": [key.to_text() for key in keys.log_verifier_keys(self.log)],
            }
        )
        if self.salt is not None:
            data["salt"] = base64.b64encode(self.salt).decode()
        if with_text and self.salt is not None:
            data["opening"] = {
                "text": self.appeal.text,
                "applicant_name": self.appeal.applicant_name,
                "applicant_email": self.appeal.applicant_email,
            }
        return data


def receipt_for(appeal: Any, *, integrate_now: bool = True) -> CitizenReceipt | None:
    """Give the appeal's receipt, or None while its registration is still being recorded.

    With ``integrate_now`` a pending registration is integrated on the spot.
    """
    found = access.registration_of(appeal)
    if found is None:
        return None
    entry = found.entry
    if entry is None and integrate_now:
        integrate(found.log)
        entry = access.entry_with_hash(found.log, found.leaf_hash)
    if entry is None:
        return None
    log = Log.objects.get(pk=found.log.pk)
    checkpoint = access.latest_checkpoint(log)
    if checkpoint is None or checkpoint.size <= entry.index:
        return None
    proof = inclusion_proof(DatabaseStore(log.pk), entry.index, checkpoint.size)
    receipt = Receipt(
        leaf_input=entry.leaf_input.encode(),
        leaf_index=entry.index,
        tree_size=checkpoint.size,
        inclusion_proof=proof.hashes,
        checkpoint_note=checkpoint.note,
    )
    return CitizenReceipt(appeal, log, entry, checkpoint, receipt, found.salt)


def never_recorded(appeal: Any) -> bool:
    """Tell an appeal whose registration will never be in the ledger: processed, yet with
    no record (registered, or imported, before the ledger was kept), from one still on its
    way there."""
    return _processed(appeal) and access.registration_of(appeal) is None


def _processed(appeal: Any) -> bool:
    from ratusha.appeals.choices import Processing

    return appeal.processing in (Processing.RECORDED, Processing.DONE)


@dataclass(frozen=True)
class StillInLog:
    """The answer to "is the registration still in the log?" for the tracking page."""

    # "verified", "pending" (not recorded yet), "absent" (never recorded) or "failed"
    state: str
    index: int | None = None
    receipt_size: int | None = None
    latest_size: int | None = None
    origin: str = ""
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "verified": self.state == "verified",
            "index": self.index,
            "receipt_size": self.receipt_size,
            "latest_size": self.latest_size,
            "origin": self.origin,
            "reason": self.reason,
        }


def check_still_in_log(appeal: Any, receipt_size: int | None = None) -> StillInLog:
    """Verify the registration's inclusion at ``receipt_size`` and the log's growth since.

    Without ``receipt_size`` the first checkpoint that holds the entry is used. Every
    signature and proof is checked with ``ratusha_core``, as the offline verifier would.
    """
    found = access.registration_of(appeal)
    if found is None and _processed(appeal):
        return StillInLog("absent")
    if found is None or found.entry is None:
        return StillInLog("pending")
    log, entry = found.log, found.entry
    older = (
        access.checkpoint_of_size(log, receipt_size)
        if receipt_size is not None
        else access.first_checkpoint_covering(log, entry.index)
    )
    newest = access.latest_checkpoint(log)
    if older is None or newest is None or older.size <= entry.index:
        return StillInLog("failed", entry.index, origin=log.origin, reason="no such checkpoint")
    store = DatabaseStore(log.pk)
    log_keys = keys.log_verifier_keys(log)
    try:
        receipt = Receipt(
            entry.leaf_input.encode(),
            entry.index,
            older.size,
            inclusion_proof(store, entry.index, older.size).hashes,
            older.note,
        )
        verify_receipt(receipt, log_keys, origin=log.origin)
        latest = open_checkpoint(newest.note, log_keys, origin=log.origin).checkpoint
        older_checkpoint = open_checkpoint(older.note, log_keys, origin=log.origin).checkpoint
        proof = consistency_proof(store, older.size, newest.size)
        verify_log_growth(older_checkpoint, latest, proof.hashes)
    except (ProofError, NoteError, CheckpointError, LookupError, ValueError) as error:
        return StillInLog("failed", entry.index, older.size, newest.size, log.origin, str(error))
    return StillInLog("verified", entry.index, older.size, newest.size, log.origin)
