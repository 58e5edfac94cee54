"""Signed answers: signed when the head approves, put in the ledger, checked on a public page."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ratusha.appeals.actions import check_approve_answer, check_draft_answer
from ratusha.appeals.actions.registration import tracking_token
from ratusha.appeals.tasks import process_appeal
from ratusha.ledger.actions import integrate_everything
from ratusha.ledger.documents import check_document
from ratusha.ledger.models import Entry, KeyPurpose, SignedDocument
from ratusha_core.signing.keys import verify_ed25519

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(register: Any, world: Any, django_capture_on_commit_callbacks: Any) -> Any:
    appeal = register().appeal
    process_appeal.call(appeal.pk)
    questions = list(appeal.questions.values_list("pk", flat=True))
    check_draft_answer(
        appeal.pk, world.users["officer"], "Ліхтар адрамантуюць да пятніцы.", questions
    )
    with django_capture_on_commit_callbacks(execute=True):
        check_approve_answer(appeal.pk, world.users["head"])
    integrate_everything()
    return appeal


def test_approval_signs_the_answer_with_the_heads_key(answered: Any, world: Any) -> None:
    document = SignedDocument.objects.get(number=answered.number)
    head = world.users["head"]
    assert document.key.official == head and document.key.purpose == KeyPurpose.DOCUMENT
    content = json.loads(document.document)
    assert content["text"] == "Ліхтар адрамантуюць да пятніцы."
    assert content["appeal"] == answered.number and content["approver"] == head.full_name
    assert verify_ed25519(
        bytes(document.key.public_key),
        document.document.encode(),
        base64.b64decode(document.signature),
    )
    entry = Entry.objects.get(leaf_hash=document.leaf_hash)
    leaf = json.loads(entry.leaf_input)
    assert leaf["type"] == "answer.signed" and leaf["document_sha256"] == document.sha256
    assert "Ліхтар" not in entry.leaf_input
    # A tampered document no longer verifies.
    document.document = document.document.replace("пятніцы", "суботы")
    assert not check_document(document)


def test_the_public_page_checks_by_number(answered: Any, client: Client) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions read English
    page = client.get("/ledger/verify/", {"number": answered.number}).content.decode()
    assert "Valid signature" in page and "Head" in page and "yes, entry" in page
    missing = client.post("/ledger/verify/", {"number": "NOPE-1"}).content.decode()
    assert "No signed document has this number." in missing
    empty = client.post("/ledger/verify/", {}).content.decode()
    assert "Give a document number or choose a file." in empty


def test_the_public_page_checks_an_uploaded_file(answered: Any, client: Client) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions read English
    token = tracking_token(answered)
    download = client.get(f"/ledger/receipt/{answered.number}/{token}/answer.json")
    assert download.status_code == 200
    signed = json.loads(download.content)
    good = SimpleUploadedFile("answer.json", download.content, "application/json")
    page = client.post("/ledger/verify/", {"document": good}).content.decode()
    assert "Valid signature" in page
    signed["document"]["text"] += " (змянілі)"
    forged = SimpleUploadedFile("answer.json", json.dumps(signed).encode(), "application/json")
    page = client.post("/ledger/verify/", {"document": forged}).content.decode()
    assert "It may have been altered" in page and "Valid signature" not in page
