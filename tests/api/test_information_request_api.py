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
    assert (body["events"][-1]["action"], body["events"][-1]["text"]) == (
        "ask_applicant",
        QUESTION,
    )
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
    last = replied.json()["events"][-1]
    assert (last["action"], last["text"]) == ("applicant_reply", "The second one.")


def test_the_applicant_reads_the_question_and_replies_by_token_with_a_photo(
    api: Api, world: Any, tokens: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    import base64

    from ratusha.appeals.models import Appeal

    with django_capture_on_commit_callbacks(execute=True):
        made = api.post("/appeals", appeal_payload()).json()
    number, token = made["number"], made["tracking_token"]
    assert api.get(f"/track/{number}", {"token": token}).json()["question"] is None
    early = api.post(f"/track/{number}/reply", {"token": token, "reply": "Here."})
    assert early.status_code == 409, early.content  # nothing was asked
    version = api.get(f"/appeals/{made['id']}", token=tokens["officer"]).json()["version"]
    api.post(
        f"/appeals/{made['id']}/actions/ask_applicant",
        {"expected_version": version, "question": QUESTION},
        token=tokens["officer"],
    )
    tracked = api.get(f"/track/{number}", {"token": token}).json()
    assert tracked["question"] == QUESTION
    assert tracked["history"][-1] == {
        **tracked["history"][-1],
        "action": "ask_applicant",
        "text": QUESTION,
    }
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64).decode()
    photo = {"name": "entrance.png", "content_base64": png}
    replied = api.post(
        f"/track/{number}/reply",
        {"token": token, "reply": "The second one.", "attachments": [photo]},
    )
    assert replied.status_code == 200, replied.content
    body = replied.json()
    assert body["question"] is None and body["history"][-1]["text"] == "The second one."
    [file] = Appeal.objects.get(number=number).attachments.all()
    assert file.original_name == "entrance.png" and file.reply_id is not None


def test_the_applicant_adds_information_by_token_and_a_clerk_enters_a_paper_one(
    api: Api, world: Any, tokens: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        made = api.post("/appeals", appeal_payload()).json()
    number, token = made["number"], made["tracking_token"]
    assert api.get(f"/track/{number}", {"token": token}).json()["can_add_information"] is True
    empty = api.post(
        f"/track/{number}/information",
        {"token": token, "information": " "},
        **{"Accept-Language": "en"},
    )
    assert empty.status_code == 422, empty.content
    assert "Write what you want to add." in empty.content.decode()
    done = api.post(f"/track/{number}/information", {"token": token, "information": "Worse now."})
    assert done.status_code == 200, done.content
    assert done.json()["history"][-1]["action"] == "add_information"
    assert done.json()["history"][-1]["text"] == "Worse now."
    clerk = api.get(f"/appeals/{made['id']}", token=tokens["clerk"]).json()
    assert "add_information" in clerk["allowed_actions"]
    paper = api.post(
        f"/appeals/{made['id']}/actions/add_information",
        {"expected_version": clerk["version"], "information": "By letter: entrance 2."},
        token=tokens["clerk"],
    )
    assert paper.status_code == 200, paper.content
    assert paper.json()["events"][-1]["text"] == "By letter: entrance 2."
    assert paper.json()["applicant_news_at"] is not None  # no executor has acted on it yet
    version = paper.json()["version"]
    api.post(
        f"/appeals/{made['id']}/actions/ask_applicant",
        {"expected_version": version, "question": QUESTION},
        token=tokens["officer"],
    )
    assert api.get(f"/track/{number}", {"token": token}).json()["can_add_information"] is False
    detail = api.get(f"/appeals/{made['id']}", token=tokens["officer"]).json()
    assert detail["information_requested_at"] is not None
    assert detail["applicant_news_at"] is None  # the officer's request acted on the news
