"""POST /appeals takes answer_by_post: the applicant asks for the answer on paper."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import Api, appeal_payload
from tests.api.test_appeal_sms import field_errors

pytestmark = pytest.mark.django_db

ADDRESS = "вул. Савецкая, 12, кв. 3, Мінск"
NEEDS_ADDRESS = "To get the answer on paper, give a postal address."


def test_the_api_takes_the_request_and_reports_a_missing_address_by_field(
    api: Api, world: Any, tokens: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    refused = api.post("/appeals", appeal_payload(answer_by_post=True), **{"Accept-Language": "en"})
    [error] = field_errors(refused)
    assert error["field"] == "answer_by_post" and error["message"] == NEEDS_ADDRESS
    with django_capture_on_commit_callbacks(execute=True):  # processed: routed to A1
        made = api.post("/appeals", appeal_payload(answer_by_post=True, applicant_address=ADDRESS))
    assert made.status_code == 201, made.content
    detail = api.get(f"/appeals/{made.json()['id']}", token=tokens["officer"]).json()
    assert detail["answer_by_post"] is True and detail["applicant_address"] == ADDRESS
