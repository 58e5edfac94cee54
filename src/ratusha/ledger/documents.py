"""Signing answers and decisions: the canonical document, its signature, its ledger entry.

A signed document is RFC 8785 JSON; the signature is Ed25519 over exactly those bytes,
by the approving official's key (or the body's key when no official signs). Its
SHA-256 goes into the body's log once the approval commits.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ratusha.ledger import keys
from ratusha.ledger.actions import append, log_for_body
from ratusha.ledger.leaves import utc_text
from ratusha.ledger.models import DocumentKind, SignedDocument
from ratusha.ledger.records import ANSWER_SIGNED, DECISION_ADOPTED, DECISION_REVOKED
from ratusha_core.signing.canonical import JsonValue, canonical_json
from ratusha_core.signing.keys import verify_ed25519

ANSWER_FORMAT = "ratusha-answer/v1"
ENVELOPE_FORMAT = "ratusha-signed-document/v1"


def answer_document(answer: Any, approver: Any) -> dict[str, JsonValue]:
    """Give the canonical content of an approved answer (text, metadata, attachment hashes)."""
    appeal = answer.appeal
    approved_at = answer.approved_at or timezone.now()
    return {
        "format": ANSWER_FORMAT,
        "number": appeal.number,
        "appeal": appeal.number,
        "body": appeal.body.code,
        "body_name": str(appeal.body.name_be or appeal.body.code),
        "text": answer.text,
        "approver": approver.full_name or approver.email,
        "approved_at": utc_text(approved_at),
        # Answers carry no files yet; the hashes of their attachments will be listed here.
        "attachments": [],
    }


def sign_document(
    kind: DocumentKind,
    number: str,
    body: Any,
    content: dict[str, JsonValue],
    *,
    official: Any = None,
    answer: Any = None,
) -> SignedDocument:
    """Sign a document with the official's (or body's) key and put its hash in the ledger.

    Runs inside the caller's transaction; the ledger entry is appended after the commit.
    """
    data = canonical_json(content)
    key = keys.document_key(body=body, official=official)
    signature = keys.signer_of(key).key.sign(data)
    document = SignedDocument.objects.create(
        kind=kind,
        number=number,
        body=body,
        document=data.decode(),
        sha256=hashlib.sha256(data).hexdigest(),
        signature=base64.b64encode(signature).decode(),
        key=key,
        signed_at=timezone.now(),
        answer=answer,
        log=log_for_body(body),
    )
    transaction.on_commit(lambda: record_document(document.pk), robust=True)
    return document


EVENT_OF_KIND = {
    DocumentKind.ANSWER: ANSWER_SIGNED,
    DocumentKind.DECISION: DECISION_ADOPTED,
    DocumentKind.REVOCATION: DECISION_REVOKED,
}


def record_document(document_id: int) -> bool:
    """Append a signed document's hash to its body's log and remember the entry.

    Idempotent: the document's row is locked and a document that already has its
    entry is left alone (the reconciliation may call this after a lost on-commit hook).
    Gives whether an entry was appended.
    """
    with transaction.atomic():
        document = (
            SignedDocument.objects.select_for_update(of=("self",))
            .select_related("log", "key")
            .get(pk=document_id)
        )
        if document.leaf_hash is not None:
            return False
        kind = DocumentKind(document.kind)
        payload: dict[str, JsonValue] = {
            "appeal" if kind == DocumentKind.ANSWER else "decision": document.number,
            "document_sha256": document.sha256,
            "signed_by": document.key.verifier_key,
        }
        pending = append(
            document.log,
            EVENT_OF_KIND[kind],
            payload,
            subject=document.number,
            time=document.signed_at,
        )
        SignedDocument.objects.filter(pk=document.pk).update(leaf_hash=pending.leaf_hash)
    return True


def sign_answer(answer: Any, approver: Any) -> SignedDocument:
    """Sign an approved answer with the approver's key (the receiver of ``answer_approved``)."""
    content = answer_document(answer, approver)
    return sign_document(
        DocumentKind.ANSWER,
        answer.appeal.number,
        answer.appeal.body,
        content,
        official=approver,
        answer=answer,
    )


def envelope(document: SignedDocument) -> dict[str, Any]:
    """Give the downloadable signed document: content, signature and the signer's key."""
    return {
        "format": ENVELOPE_FORMAT,
        "document": json.loads(document.document),
        "signature": document.signature,
        "key": document.key.verifier_key,
    }


@dataclass(frozen=True)
class DocumentCheck:
    """What the verification page says about a document."""

    document: SignedDocument | None
    valid: bool
    reason: str


def check_document(document: SignedDocument) -> bool:
    """Tell whether the stored signature holds over the stored canonical bytes."""
    try:
        signature = base64.b64decode(document.signature, validate=True)
    except ValueError:
        return False
    data = document.document.encode()
    if hashlib.sha256(data).hexdigest() != document.sha256:
        return False
    return verify_ed25519(bytes(document.key.public_key), data, signature)
