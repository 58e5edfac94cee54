"""The applicant's side: tracking by token, withdrawal, complaint, and a citizen's own token."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import Api, appeal_payload
from tests.api.test_problems import assert_problem

from ratusha.appeals.actions import check_transition
from ratusha.appeals.models import Appeal

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(api: Api, world: Any, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/appeals", appeal_payload())
    assert response.status_code == 201
    return response.json()


def test_tracking_shows_public_steps_only(
    api: Api, world: Any, receipt: dict[str, Any], tokens: dict[str, str]
) -> None:
    number, token = receipt["number"], receipt["tracking_token"]
    tracked = api.get(f"/track/{number}", {"token": token})
    assert tracked.status_code == 200
    body = tracked.json()
    # start_triage is internal; register and assign are public steps.
    assert [step["action"] for step in body["history"]] == ["register", "assign"]
    assert body["status"] == "assigned" and body["answer"] is None
    assert body["can_withdraw"] and not body["can_rate"] and not body["can_complain"]
    assert "hanna@example.org" not in tracked.content.decode()
    # The staff's view of the same appeal has the internal step too.
    staff = api.get(f"/appeals/{receipt['id']}", token=tokens["officer"]).json()
    assert "start_triage" in [e["action"] for e in staff["events"]]


def test_wrong_token_or_number_is_not_found(api: Api, receipt: dict[str, Any]) -> None:
    number, token = receipt["number"], receipt["tracking_token"]
    assert_problem(api.get(f"/track/{number}", {"token": "0" * 32}), 404, "not-found")
    assert_problem(api.get("/track/A-1999-000001", {"token": token}), 404, "not-found")
    missing = api.get(f"/track/{number}")
    assert_problem(missing, 422, "invalid-input")
    rating = api.post(f"/track/{number}/rating", {"token": "bad", "score": 5})
    assert_problem(rating, 404, "not-found")


def test_rating_before_the_answer_is_a_conflict(api: Api, receipt: dict[str, Any]) -> None:
    number, token = receipt["number"], receipt["tracking_token"]
    refused = api.post(f"/track/{number}/rating", {"token": token, "score": 4})
    assert_problem(refused, 409, "not-answered")
    out_of_range = api.post(f"/track/{number}/rating", {"token": token, "score": 6})
    problem = assert_problem(out_of_range, 422, "invalid-input")
    assert problem["errors"][0]["field"] == "score"


def test_withdraw_by_token(api: Api, receipt: dict[str, Any]) -> None:
    number, token = receipt["number"], receipt["tracking_token"]
    response = api.post(f"/track/{number}/withdraw", {"token": token, "reason": "Зрабілі"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn" and not response.json()["can_withdraw"]
    again = api.post(f"/track/{number}/withdraw", {"token": token})
    assert_problem(again, 409, "not-allowed-in-state")


def test_complaint_to_the_higher_body(
    api: Api, world: Any, receipt: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    appeal_id, number, token = receipt["id"], receipt["number"], receipt["tracking_token"]
    early = api.post(f"/track/{number}/complaint", {"token": token, "text": "Не згодна з адказам."})
    assert_problem(early, 409, "not-allowed-in-state")
    check_transition(
        appeal_id,
        "leave_without_consideration",
        world.users["admin"],
        {"reason": "identifying_details_missing"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        filed = api.post(
            f"/track/{number}/complaint",
            {"token": token, "text": "Не згодна: заява была падпісана, прашу разгледзець."},
        )
    assert filed.status_code == 201, filed.content
    complaint = filed.json()
    assert complaint["number"].startswith("D-")  # the district above town A
    assert Appeal.objects.get(pk=complaint["id"]).complaint_about_id == appeal_id
    assert api.get(f"/track/{number}", {"token": token}).json()["status"] == "complaint"


def test_a_citizen_token_files_and_lists_own_appeals(
    api: Api, world: Any, tokens: dict[str, str], receipt: dict[str, Any]
) -> None:
    citizen = tokens["citizen"]
    mine = api.post(
        "/appeals", appeal_payload(applicant_name="", applicant_email=""), token=citizen
    )
    assert mine.status_code == 201, mine.content
    stored = Appeal.objects.get(pk=mine.json()["id"])
    assert stored.citizen == world.users["citizen"]
    assert stored.applicant_email == "citizen@example.org"  # from the account
    listed = api.get("/appeals", token=citizen).json()
    assert [row["number"] for row in listed["items"]] == [mine.json()["number"]]
    assert listed["items"][0]["state"] is None  # internal states are for staff
    detail = api.get(f"/appeals/{stored.pk}", token=citizen).json()
    assert detail["allowed_actions"] == [] and all(e["public"] for e in detail["events"])
    # Someone else's anonymous appeal stays out of reach.
    assert_problem(api.get(f"/appeals/{receipt['id']}", token=citizen), 404, "not-found")
    # A citizen's token cannot take staff actions, even on their own appeal.
    act = api.post(
        f"/appeals/{stored.pk}/actions/close", {"expected_version": stored.version}, token=citizen
    )
    assert_problem(act, 404, "not-found")
