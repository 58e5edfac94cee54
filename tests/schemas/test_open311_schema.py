"""schemathesis against /open311/v2/openapi.json: no server error, every answer as documented."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.schemas.conftest import run_schema

pytestmark = pytest.mark.django_db

VALID_FORM = {
    "attribute[KIND]": "a",
    "address_string": "Main street",
    "email": "person@example.org",
    "first_name": "Test",
    "description": "A bench in the park is broken.",
}


def test_open311_answers_match_the_document(world: Any, settings: Any, tmp_path: Any) -> None:
    from ratusha.appeals.actions import AppealInput, check_register_appeal
    from ratusha.appeals.choices import Channel, Processing
    from ratusha.appeals.models import Appeal
    from ratusha.open311.actions import check_create_client
    from ratusha.open311.models import AttributeValue, ServiceAttribute

    settings.MEDIA_ROOT = str(tmp_path)
    _client, key = check_create_client("schemathesis", [world.bodies["A"]])
    batch = check_create_client("batch", [world.bodies["A"]], batch=True)[1]
    question = ServiceAttribute.objects.create(
        category=world.categories["A1"], code="KIND", datatype="singlevaluelist", description_be="?"
    )
    AttributeValue.objects.create(attribute=question, key="a", name_be="A")
    for _n in range(3):
        check_register_appeal(
            AppealInput(
                body=world.bodies["A"],
                channel=Channel.WEB,
                text="The street light is off again near the school.",
                applicant_name="Test Person",
                applicant_email="person@example.org",
                category=world.categories["A1"],
            )
        )

    # Shown in public once processed; the shapes are what this test is about, not triage.
    Appeal.objects.update(processing=Processing.DONE)
    turn = iter(range(10**6))

    def prepare(case: Any) -> dict[str, Any]:
        # Two cases in three get a valid key, a known body, service, request and token, so
        # that generated data reaches the registration and the lists, not just the 404s.
        n = next(turn)
        if n % 3 == 0:
            return {}
        known = {"code": "CA1", "service_request_id": "A-2026-000001", "token": token}
        for name in case.path_parameters or {}:
            if name in known:
                case.path_parameters[name] = known[name]
        if isinstance(case.body, dict):
            case.body.update(api_key=key, jurisdiction_id="A", service_code="CA1")
            if n % 2:  # a complete form, so that filing succeeds too
                case.body.update(VALID_FORM)
        if case.query is not None:
            case.query["jurisdiction_id"] = "A"
        else:
            case.query = {"jurisdiction_id": "A"}
        return {}

    token = (
        Client()
        .post(
            "/open311/v2/requests.json",
            {
                "api_key": batch,
                "jurisdiction_id": "A",
                "service_code": "CA1",
                **VALID_FORM,
            },
        )
        .json()[0]["token"]
    )
    ran = run_schema("/open311/v2/openapi.json", examples=15, prepare=prepare)
    assert len(ran) == 8
