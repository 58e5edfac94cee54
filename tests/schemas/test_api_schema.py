"""schemathesis against /api/v1/openapi.json: no server error, every answer as documented.

The calls carry a valid token (an officer of department A1, who can read and work on
appeals), and the world has a few appeals for the generated calls to find.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.schemas.conftest import run_schema

pytestmark = pytest.mark.django_db


def test_rest_api_answers_match_the_document(world: Any, settings: Any, tmp_path: Any) -> None:
    from ratusha.appeals.actions import AppealInput, check_register_appeal
    from ratusha.appeals.api.auth import issue_token
    from ratusha.appeals.choices import Channel

    settings.MEDIA_ROOT = str(tmp_path)
    token = issue_token(world.users["officer"], "schemathesis")[1]
    numbers = [
        check_register_appeal(
            AppealInput(
                body=world.bodies["A"],
                channel=Channel.WEB,
                text="The street light is off again near the school.",
                applicant_name="Test Person",
                applicant_email="person@example.org",
                category=world.categories["A1"],
            )
        ).appeal
        for _n in range(2)
    ]
    turn = iter(range(10**6))

    def prepare(case: Any) -> dict[str, Any]:
        n = next(turn)
        known = {"code": "A", "number": numbers[0].number, "appeal_id": numbers[0].pk}
        if n % 2:
            for name in case.path_parameters or {}:
                if name in known:
                    case.path_parameters[name] = known[name]
        return {"headers": {"Authorization": f"Bearer {token}"}}

    ran = run_schema("/api/v1/openapi.json", examples=6, prepare=prepare)
    assert ran
