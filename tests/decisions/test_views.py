"""The staff pages (scoped, forms keep typed values, confirmation) and the public pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ratusha.decisions.actions import check_draft_decision
from ratusha.decisions.models import Decision
from ratusha.ledger.actions import integrate_everything

pytestmark = pytest.mark.django_db


def english(client: Client, user: Any = None) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions read English
    if user is not None:
        client.force_login(user)
    return client


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "On the winter cleaning of pavements",
        "decided_on": "2026-03-10",
        "organ": "Executive committee",
        "grounds": "Law on local government, art. 41",
        "text": "1. Clean the pavements of Savieckaja street by 7 a.m.",
        "votes_for": "",
        "votes_against": "",
        "votes_abstained": "",
        "attachments": "",
        "related_appeals": "",
    }
    data.update(overrides)
    return data


def test_a_head_drafts_and_adopts_after_confirming(
    client: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    english(client, world.users["head"])
    listing = client.get("/decisions/staff/").content.decode()
    assert "/decisions/staff/new/A/" in listing
    assert client.get("/decisions/staff/new/B/").status_code == 404
    bad = client.post("/decisions/staff/new/A/", form_data(title="", votes_for="5"))
    page = bad.content.decode()
    assert bad.status_code == 400 and "Give all three vote counts, or none." in page
    assert "Clean the pavements of Savieckaja street" in page  # the typed text is kept
    done = client.post("/decisions/staff/new/A/", form_data())
    decision = Decision.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/decisions/staff/{decision.pk}/"
    confirm = client.get(f"/decisions/staff/{decision.pk}/adopt/").content.decode()
    assert "Adopt decision A-D-2026-1?" in confirm and decision.status == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/decisions/staff/{decision.pk}/adopt/")
    decision.refresh_from_db()
    assert decision.status == "adopted" and decision.document is not None


def test_staff_see_only_their_bodies(client: Client, world: Any, decision_input: Any) -> None:
    draft = check_draft_decision(world.users["admin"], world.bodies["A"], decision_input())
    english(client, world.users["officer_b"])
    assert client.get(f"/decisions/staff/{draft.pk}/").status_code == 404
    assert "A-D-2026-1" not in client.get("/decisions/staff/").content.decode()
    english(client, world.users["officer"])
    page = client.get(f"/decisions/staff/{draft.pk}/").content.decode()
    assert draft.title in page and "Adopt and sign" not in page  # may read, not adopt
    assert client.get(f"/decisions/staff/{draft.pk}/adopt/").status_code == 404
    english(client, world.users["auditor"])
    assert draft.title in client.get("/decisions/staff/?q=Савецкай").content.decode()
    assert draft.title not in client.get("/decisions/staff/?status=adopted").content.decode()


def test_revoking_needs_grounds_and_confirmation(
    client: Client, world: Any, adopted: Any, django_capture_on_commit_callbacks: Any
) -> None:
    decision = adopted()
    english(client, world.users["admin"])
    url = f"/decisions/staff/{decision.pk}/revoke/"
    refused = client.post(url, {"grounds": "Protest of the prosecutor"})
    assert refused.status_code == 400 and "Protest of the prosecutor" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"grounds": "Protest of the prosecutor", "confirm": "on"})
    decision.refresh_from_db()
    assert decision.status == "revoked" and decision.revocation_document is not None


def test_public_pages_show_adopted_decisions_with_their_proofs(
    client: Client, world: Any, adopted: Any, decision_input: Any
) -> None:
    decision = adopted()
    draft = check_draft_decision(
        world.users["admin"], world.bodies["A"], decision_input(title="Сакрэтны праект")
    )
    integrate_everything()
    english(client)
    listing = client.get("/decisions/").content.decode()
    assert decision.title in listing and draft.title not in listing
    assert decision.title in client.get("/decisions/A/").content.decode()
    assert decision.title not in client.get("/decisions/B/").content.decode()
    assert decision.title not in client.get("/decisions/?q=nothing-like-this").content.decode()
    assert client.get(f"/decisions/A/2026/{draft.number}/").status_code == 404
    page = client.get("/decisions/A/2026/1/").content.decode()
    assert "9 for, 1 against, 2 abstained" in page
    assert "/ledger/verify/?number=A-D-2026-1" in page
    assert "/ledger/A/proof/inclusion?leaf_hash=" in page
    proof_url = page.split('href="/ledger/A/proof/inclusion?')[1].split('"')[0]
    proof = client.get("/ledger/A/proof/inclusion?" + proof_url.replace("&amp;", "&"))
    assert proof.status_code == 200 and "hashes" in proof.json()
    verify = client.get("/ledger/verify/", {"number": "A-D-2026-1"}).content.decode()
    assert "Valid signature" in verify and "yes, entry" in verify
    signed = client.get("/decisions/A/2026/1/decision.json")
    assert json.loads(signed.content)["document"]["title"] == decision.title
    upload = SimpleUploadedFile("d.json", signed.content, "application/json")
    assert (
        "Valid signature" in client.post("/ledger/verify/", {"document": upload}).content.decode()
    )


def test_a_system_administrator_chooses_the_body(client: Client, world: Any) -> None:
    english(client, world.users["sysadmin"])
    assert client.get("/decisions/staff/new/?body=B")["Location"] == "/decisions/staff/new/B/"
    assert client.get("/decisions/staff/new/?body=NOPE").status_code == 404
