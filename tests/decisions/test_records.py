"""The public read contract for open data: public_decisions and decision_record."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ratusha.decisions.actions import check_draft_decision
from ratusha.decisions.records import decision_record, public_decisions

pytestmark = pytest.mark.django_db


def test_records_hold_the_public_fields_and_never_drafts(
    world: Any, adopted: Any, decision_input: Any, register: Any
) -> None:
    appeal = register().appeal
    decision = adopted(related_appeals=(appeal.number,))
    check_draft_decision(world.users["admin"], world.bodies["A"], decision_input())
    assert list(public_decisions()) == [decision]
    assert list(public_decisions(["B"])) == []
    (row,) = [decision_record(d) for d in public_decisions(["A"])]
    assert row["number"] == "A-D-2026-1" and row["status"] == "adopted"
    assert row["vote"] == {"for": 9, "against": 1, "abstained": 2}
    assert row["related_appeals"] == [appeal.number]
    assert row["document_sha256"] == decision.document.sha256
    assert row["url"] == "/decisions/A/2026/1/"
    json.dumps(row)  # JSON-ready
