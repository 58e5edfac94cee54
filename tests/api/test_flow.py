"""Done means: citizen -> officer -> head -> citizen, entirely through the REST API."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from tests.api.conftest import Api, appeal_payload, b64
from tests.appeals.conftest import PNG

from ratusha.appeals.models import Appeal, Attachment, IdempotencyRecord

pytestmark = pytest.mark.django_db


def test_appeal_from_submission_to_rated_answer(
    api: Api, tokens: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    payload = appeal_payload(attachments=[{"name": "lamp.png", "content_base64": b64(PNG)}])

    # 1. A citizen without an account submits; processing runs after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        first = api.post("/appeals", payload, **{"Idempotency-Key": "phone-42-attempt"})
    assert first.status_code == 201, first.content
    receipt = first.json()
    assert receipt["number"].startswith("A-") and receipt["status"] == "registered"
    assert receipt["tracking_url"].endswith(f"/{receipt['number']}/{receipt['tracking_token']}/")

    # The network dropped the answer: the retry gives the same appeal, not a second one.
    with django_capture_on_commit_callbacks(execute=True):
        retry = api.post("/appeals", payload, **{"Idempotency-Key": "phone-42-attempt"})
    assert retry.status_code == 200 and retry["Idempotent-Replayed"] == "true"
    replayed = retry.json()
    assert replayed["status"] == "assigned"  # the current status; all else as first given
    assert {**replayed, "status": "registered"} == receipt
    assert Appeal.objects.count() == 1 and IdempotencyRecord.objects.count() == 1
    stored = Attachment.objects.get()
    assert (stored.content_type, stored.size, stored.original_name) == (
        "image/png",
        len(PNG),
        "lamp.png",
    )

    # 2. Processed and routed to the category's department (A1).
    officer, head = tokens["officer"], tokens["head"]
    inbox = api.get("/appeals", {"department": "A1"}, token=officer).json()
    assert inbox["count"] == 1
    row = inbox["items"][0]
    assert (row["number"], row["state"], row["department"]) == (
        receipt["number"],
        "assigned",
        "A1",
    )

    # 3. The officer reads it and drafts an answer to every question.
    appeal = api.get(f"/appeals/{row['id']}", token=officer).json()
    assert [a["name"] for a in appeal["attachments"]] == ["lamp.png"]
    file = api.get(
        f"/appeals/{row['id']}/attachments/{appeal['attachments'][0]['id']}", token=officer
    )
    assert file.status_code == 200 and b"".join(file.streaming_content) == PNG
    assert file["Content-Type"] == "image/png" and "lamp.png" in file["Content-Disposition"]
    elsewhere = f"/appeals/{row['id']}/attachments/{appeal['attachments'][0]['id']}"
    assert api.get(elsewhere, token=tokens["officer_b"]).status_code == 404
    assert "answer" not in appeal["allowed_actions"]
    questions = [q["id"] for q in appeal["questions"]]
    assert len(questions) == 2
    drafted = api.post(
        f"/appeals/{row['id']}/answer",
        {
            "text": "Ліхтар адрамантуюць да пятніцы; адказвае ЖКГ раёна.",
            "answered_questions": questions,
            "expected_version": appeal["version"],
        },
        token=officer,
    )
    assert drafted.status_code == 201, drafted.content
    assert drafted.json()["state"] == "answer_drafted"

    # 4. The head approves; the answer is sent to the applicant.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approved = api.post(
            f"/appeals/{row['id']}/answer/approve",
            {"expected_version": drafted.json()["version"]},
            token=head,
        )
    assert approved.status_code == 200, approved.content
    assert approved.json()["state"] == "answered"
    assert [m.to for m in mail.outbox] == [["hanna@example.org"]]

    # 5. The citizen reads the answer by the tracking token and rates it.
    number, secret = receipt["number"], receipt["tracking_token"]
    tracked = api.get(f"/track/{number}", {"token": secret}).json()
    assert tracked["status"] == "answered" and tracked["can_rate"]
    assert tracked["answer"]["text"].startswith("Ліхтар адрамантуюць")
    assert {step["status"] for step in tracked["history"]} >= {"registered", "answered"}
    rated = api.post(f"/track/{number}/rating", {"token": secret, "score": 5, "comment": "Дзякуй!"})
    assert rated.status_code == 200 and rated.json() == {"score": 5, "comment": "Дзякуй!"}
    assert api.get(f"/track/{number}", {"token": secret}).json()["rating"]["score"] == 5
