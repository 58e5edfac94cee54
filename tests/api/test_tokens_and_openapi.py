"""API tokens (the command, hashing, last use) and the OpenAPI description."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from tests.api.conftest import Api

from ratusha.appeals.models import ApiToken

pytestmark = pytest.mark.django_db


def test_command_creates_a_token_once_and_revokes_it(api: Api, world: Any) -> None:
    out, err = StringIO(), StringIO()
    call_command("api_token", "create", "OFFICER@example.org", "mobile app", stdout=out, stderr=err)
    plain = out.getvalue().strip()
    row = ApiToken.objects.get()
    assert row.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in (row.key_hash, row.name) and row.prefix == plain[:8]
    assert row.prefix in err.getvalue()
    assert api.get("/appeals", token=plain).status_code == 200
    call_command("api_token", "revoke", row.prefix, stdout=StringIO())
    assert api.get("/appeals", token=plain).status_code == 401
    with pytest.raises(CommandError):
        call_command("api_token", "revoke", row.prefix, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("api_token", "create", "nobody@example.org", "x", stdout=StringIO())


def test_last_use_is_written_at_most_once_a_minute(
    api: Api, world: Any, tokens: dict[str, str]
) -> None:
    token = tokens["officer"]
    row = ApiToken.objects.get(prefix=token[:8])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        api.get("/appeals", token=token)
    row.refresh_from_db()
    assert row.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        api.get("/appeals", token=token)
    row.refresh_from_db()
    assert row.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        api.get("/appeals", token=token)
    row.refresh_from_db()
    assert row.last_used_at == start + timedelta(seconds=61)


def test_deactivated_accounts_tokens_are_refused(
    api: Api, world: Any, tokens: dict[str, str]
) -> None:
    world.users["officer"].is_active = False
    world.users["officer"].save()
    assert api.get("/appeals", token=tokens["officer"]).status_code == 401


def test_public_reference_data(api: Api, world: Any) -> None:
    bodies = api.get("/bodies").json()
    codes = [b["code"] for b in bodies]
    assert codes[:2] == ["R", "D"] and set(codes[2:]) == {"A", "B"}  # the tree, top down
    assert {b["code"]: b["parent"] for b in bodies}["A"] == "D"
    categories = api.get("/bodies/A/categories").json()
    assert [c["code"] for c in categories] == ["CA1", "CA2"]
    assert api.get("/bodies/NOPE/categories").status_code == 404


def test_openapi_is_served_and_valid(client: Any) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        "/api/v1/appeals",
        "/api/v1/appeals/{appeal_id}",
        "/api/v1/appeals/{appeal_id}/actions/{action}",
        "/api/v1/appeals/{appeal_id}/answer",
        "/api/v1/appeals/{appeal_id}/answer/approve",
        "/api/v1/track/{number}",
        "/api/v1/bodies",
    } <= paths
    assert set(schema["paths"]["/api/v1/appeals"]) == {"get", "post"}
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(schema)


def test_the_docs_load_swagger_ui_from_the_site_itself(client: Any) -> None:
    from django.contrib.staticfiles import finders

    html = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in html and "jsdelivr" not in html  # works on a machine offline
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert finders.find("ninja/swagger-ui-bundle.js")
