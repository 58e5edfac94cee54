"""POST /appeals/{id}/actions/ask_applicant and applicant_reply: the request for information."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import Api, appeal_payload

pytestmark = pytest.mark.django_db

QUESTION = "Which entrance has no light?"


def test_the_officer_asks_and_the_clerk_records_the_paper_reply(
    api: Api, world: Any, tokens: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        made = api.post("/appeals", appeal_payload()).json()
    detail = api.get(f"/appeals/{made['id']}", token=tokens["officer"]).json()
    assert "ask_applicant" in detail["allowed_actions"]
    assert "applicant_reply" not in detail["allowed_actions"]  # nothing asked yet
    asked = api.post(
        f"/appeals/{made['id']}/actions/ask_applicant",
        {"expected_version": detail["version"], "question": QUESTION},
        token=tokens["officer"],
    )
    assert asked.status_code == 200, asked.content
    body = asked.json()
    assert body["events"][-1]["action"] == "ask_applicant"
    clerk = api.get(f"/appeals/{made['id']}", token=tokens["clerk"]).json()
    assert "applicant_reply" in clerk["allowed_actions"]
    missing = api.post(
        f"/appeals/{made['id']}/actions/applicant_reply",
        {"expected_version": clerk["version"]},
        token=tokens["clerk"],
        **{"Accept-Language": "en"},
    )
    assert missing.status_code == 422, missing.content
    replied = api.post(
        f"/appeals/{made['id']}/actions/applicant_reply",
        {"expected_version": clerk["version"], "reply": "The second one."},
        token=tokens["clerk"],
    )
    assert replied.status_code == 200, replied.content
    assert replied.json()["events"][-1]["action"] == "applicant_reply"
