"""The demo's decisions: a dozen adopted, signed decisions, seeded once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from ratusha.decisions.demo import seed_demo
from ratusha.decisions.models import Decision
from ratusha.ledger.documents import check_document

pytestmark = pytest.mark.django_db


def test_seed_demo_adopts_a_dozen_signed_decisions_once(
    world: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo(now, body_code="A")
    seed_demo(now, body_code="A")  # a second run changes nothing
    seed_demo(now, body_code="NOPE")
    decisions = list(Decision.objects.select_related("document__key"))
    assert len(decisions) == 12
    assert all(d.status == "adopted" and check_document(d.document) for d in decisions)
    assert sum(d.has_vote for d in decisions) == 4
    assert client.get("/decisions/A/").status_code == 200
