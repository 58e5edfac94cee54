"""Every error is an RFC 9457 problem: validation, conflicts, roles, scope, tokens, files."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext
from tests.api.conftest import Api, appeal_payload, b64
from tests.appeals.conftest import SVG

from ratusha.appeals.api.problems import _to_problem, problem_response
from ratusha.appeals.models import ApiToken, Appeal

pytestmark = pytest.mark.django_db


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == f"https://ratusha.example/problems/{code}"
    assert problem["status"] == status
    assert problem["instance"] == response.wsgi_request.path
    assert problem["title"] and problem["detail"]
    return problem


@pytest.fixture
def assigned(api: Api, world: Any, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    """Give the receipt of an appeal submitted to A and routed to department A1."""
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/appeals", appeal_payload())
    assert response.status_code == 201
    return response.json()


def test_schema_errors_name_each_field(api: Api, world: Any) -> None:
    response = api.post(
        "/appeals", {"body": "A", "latitude": "north", "co_applicants": [{"email": "x"}]}
    )
    problem = assert_problem(response, 422, "invalid-input")
    fields = {e["field"] for e in problem["errors"]}
    assert {"text", "latitude", "co_applicants.0.name"} <= fields
    assert all(e["message"] for e in problem["errors"])


def test_action_errors_are_field_errors_too(api: Api, world: Any) -> None:
    response = api.post(
        "/appeals",
        appeal_payload(text="short", applicant_name="", applicant_email="not-an-email"),
    )
    problem = assert_problem(response, 422, "invalid-input")
    assert {e["field"] for e in problem["errors"]} >= {"text", "applicant_name", "applicant_email"}
    assert Appeal.objects.count() == 0


def test_unknown_body_and_category_are_field_errors(api: Api, world: Any) -> None:
    problem = assert_problem(api.post("/appeals", appeal_payload(body="ZZZ")), 422, "invalid-input")
    assert problem["errors"][0]["field"] == "body"
    # A category of another body (B) is unknown in A.
    problem = assert_problem(
        api.post("/appeals", appeal_payload(category="CB1")), 422, "invalid-input"
    )
    assert problem["errors"][0]["field"] == "category"


def test_svg_attachment_is_refused_by_its_content(api: Api, world: Any) -> None:
    # Named .png, but the bytes are an SVG with a script.
    files = [{"name": "photo.png", "content_base64": b64(SVG)}]
    problem = assert_problem(
        api.post("/appeals", appeal_payload(attachments=files)), 422, "invalid-input"
    )
    assert [e["field"] for e in problem["errors"]] == ["attachments"]
    assert "photo.png" in problem["errors"][0]["message"]
    bad = [{"name": "x.pdf", "content_base64": "not base64!"}]
    problem = assert_problem(
        api.post("/appeals", appeal_payload(attachments=bad)), 422, "invalid-input"
    )
    assert problem["errors"][0]["field"] == "attachments.0.content_base64"
    assert Appeal.objects.count() == 0


def test_a_reused_idempotency_key_with_other_content_is_a_conflict(api: Api, world: Any) -> None:
    key = {"Idempotency-Key": "k-1"}
    assert api.post("/appeals", appeal_payload(), **key).status_code == 201
    other = appeal_payload(text="Зусім іншае зварот пра ямы на дарозе па вуліцы Леніна.")
    assert_problem(api.post("/appeals", other, **key), 409, "idempotency-key-reused")
    assert Appeal.objects.count() == 1


def test_the_same_key_from_a_token_is_its_own_scope(
    api: Api, tokens: dict[str, str], world: Any
) -> None:
    key = {"Idempotency-Key": "same"}
    assert api.post("/appeals", appeal_payload(), **key).status_code == 201
    mine = api.post("/appeals", appeal_payload(), token=tokens["citizen"], **key)
    assert mine.status_code == 201
    again = api.post("/appeals", appeal_payload(), token=tokens["citizen"], **key)
    assert again.status_code == 200 and again.json()["number"] == mine.json()["number"]
    assert Appeal.objects.count() == 2


def test_a_stale_version_is_a_conflict(
    api: Api, tokens: dict[str, str], assigned: dict[str, Any]
) -> None:
    head = tokens["head"]
    version = api.get(f"/appeals/{assigned['id']}", token=head).json()["version"]
    ok = api.post(
        f"/appeals/{assigned['id']}/actions/start_work", {"expected_version": version}, token=head
    )
    assert ok.status_code == 200 and ok.json()["version"] == version + 1
    stale = api.post(
        f"/appeals/{assigned['id']}/actions/extend_deadline",
        {"expected_version": version, "new_due_date": "2099-01-01", "reason": "Експертыза"},
        token=head,
    )
    assert_problem(stale, 409, "conflict")


def test_a_state_refusal_is_a_conflict_with_its_code(
    api: Api, tokens: dict[str, str], assigned: dict[str, Any]
) -> None:
    version = api.get(f"/appeals/{assigned['id']}", token=tokens["head"]).json()["version"]
    response = api.post(
        f"/appeals/{assigned['id']}/actions/close",
        {"expected_version": version},
        token=tokens["head"],
    )
    assert_problem(response, 409, "not-allowed-in-state")


def test_a_wrong_role_is_refused(
    api: Api, tokens: dict[str, str], assigned: dict[str, Any]
) -> None:
    officer = tokens["officer"]
    appeal = api.get(f"/appeals/{assigned['id']}", token=officer).json()
    # Only the head (or an administrator) may extend the term.
    response = api.post(
        f"/appeals/{assigned['id']}/actions/extend_deadline",
        {"expected_version": appeal["version"], "new_due_date": "2099-01-01", "reason": "R"},
        token=officer,
    )
    assert_problem(response, 403, "role-not-permitted")
    approve = api.post(
        f"/appeals/{assigned['id']}/answer/approve",
        {"expected_version": appeal["version"]},
        token=officer,
    )
    assert_problem(approve, 403, "role-not-permitted")


def test_missing_action_data_names_the_field(
    api: Api, tokens: dict[str, str], assigned: dict[str, Any]
) -> None:
    version = api.get(f"/appeals/{assigned['id']}", token=tokens["head"]).json()["version"]
    response = api.post(
        f"/appeals/{assigned['id']}/actions/reassign",
        {"expected_version": version, "department": "A2"},
        token=tokens["head"],
    )
    problem = assert_problem(response, 422, "field-required")
    assert problem["errors"][0]["field"] == "reason"


def test_out_of_scope_appeals_are_not_found(
    api: Api, tokens: dict[str, str], assigned: dict[str, Any]
) -> None:
    path = f"/appeals/{assigned['id']}"
    for who in ("officer_b", "officer_a2", "citizen"):
        assert_problem(api.get(path, token=tokens[who]), 404, "not-found")
        assert api.get("/appeals", token=tokens[who]).json()["count"] == 0
    act = api.post(f"{path}/actions/start_work", {"expected_version": 0}, token=tokens["officer_b"])
    assert_problem(act, 404, "not-found")
    assert_problem(api.get("/appeals/999999", token=tokens["officer"]), 404, "not-found")


def test_unknown_action_is_not_found(
    api: Api, tokens: dict[str, str], assigned: dict[str, Any]
) -> None:
    response = api.post(
        f"/appeals/{assigned['id']}/actions/teleport", {"expected_version": 0}, token=tokens["head"]
    )
    assert_problem(response, 404, "unknown-action")


def test_bad_missing_and_revoked_tokens_are_401(
    api: Api, tokens: dict[str, str], world: Any
) -> None:
    assert_problem(api.get("/appeals"), 401, "unauthorized")
    response = api.get("/appeals", token="not-a-real-token")
    assert_problem(response, 401, "unauthorized")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert_problem(api.get("/appeals", HTTP_AUTHORIZATION="Basic abc"), 401, "unauthorized")
    # A bad token is refused even where no token is needed: it is never silently ignored.
    assert_problem(api.post("/appeals", appeal_payload(), token="nope"), 401, "unauthorized")
    token = tokens["officer"]
    ApiToken.objects.filter(prefix=token[:8]).update(revoked=True)
    assert_problem(api.get("/appeals", token=token), 401, "unauthorized")


def test_too_large_request_is_413(api: Api, world: Any, settings: Any) -> None:
    settings.RATUSHA_API_MAX_REQUEST_BYTES = 2000
    big = [{"name": "scan.pdf", "content_base64": b64(b"%PDF-1.4\n" + b"0" * 4000)}]
    assert_problem(api.post("/appeals", appeal_payload(attachments=big)), 413, "request-too-large")


def test_malformed_json_is_400(api: Api, world: Any) -> None:
    response = api.client.post("/api/v1/appeals", "{not json", content_type="application/json")
    assert_problem(response, 400, "bad-request")


def test_details_come_in_the_requests_language(api: Api, world: Any) -> None:
    response = api.post("/appeals", appeal_payload(text="x"), **{"Accept-Language": "ru"})
    problem = assert_problem(response, 422, "invalid-input")
    with translation.override("ru"):
        expected = gettext("Some of the data sent is not valid; see the errors by field.")
        text_error = gettext("Describe the problem in at least a few words.")
    assert problem["detail"] == expected
    assert {"field": "text", "message": text_error} in problem["errors"]


def test_a_reason_outside_the_law_names_the_field(
    api: Api, tokens: dict[str, str], assigned: dict[str, Any]
) -> None:
    version = api.get(f"/appeals/{assigned['id']}", token=tokens["admin"]).json()["version"]
    response = api.post(
        f"/appeals/{assigned['id']}/actions/leave_without_consideration",
        {"expected_version": version, "reason": "too_busy"},
        token=tokens["admin"],
    )
    problem = assert_problem(response, 422, "reason-not-statutory")
    assert problem["errors"] == [{"field": "reason", "message": problem["detail"]}]


def test_an_unknown_address_is_a_problem_too(api: Api) -> None:
    response = api.get("/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["instance"] == "/api/v1/no-such-thing"


def test_an_action_s_own_refusals_are_problems_not_server_errors(rf: Any) -> None:
    """A rights check or a value check inside an action answers 403 or 422, not 500."""
    request = rf.get("/api/v1/anything")
    forbidden = json.loads(problem_response(request, _to_problem(PermissionDenied())).content)
    assert (forbidden["status"], forbidden["type"].rsplit("/", 1)[1]) == (403, "forbidden")
    assert forbidden["detail"]
    plain = json.loads(
        problem_response(request, _to_problem(ValidationError("Out of range."))).content
    )
    assert plain["status"] == 422 and plain["errors"] == [
        {"field": None, "message": "Out of range."}
    ]
    named = _to_problem(ValidationError({"min_score": ["Too low."]}))
    assert named.status == 422
    assert named.errors == [{"field": "min_score", "message": "Too low."}]
