"""Fixtures for API tests: tokens for the world's people and a JSON client."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client


@dataclass
class Api:
    """A thin JSON client for /api/v1/ that sends a token when given one."""

    client: Client

    def call(
        self,
        method: str,
        path: str,
        payload: Any = None,
        token: str | None = None,
        **headers: str,
    ) -> Any:
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        if token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        body = json.dumps(payload, default=str) if payload is not None else None
        send = getattr(self.client, method.lower())
        if method.upper() == "GET":
            return send(f"/api/v1{path}", payload or {}, **extra)
        return send(f"/api/v1{path}", body, content_type="application/json", **extra)

    def get(self, path: str, params: Any = None, **kw: Any) -> Any:
        return self.call("GET", path, params, **kw)

    def post(self, path: str, payload: Any = None, **kw: Any) -> Any:
        return self.call("POST", path, payload, **kw)


@pytest.fixture
def api(client: Client) -> Api:
    return Api(client)


@pytest.fixture
def tokens(world: Any) -> dict[str, str]:
    """Give a live API token for every person of the world."""
    from ratusha.appeals.api.auth import issue_token

    return {name: issue_token(user, "tests")[1] for name, user in world.users.items()}


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def appeal_payload(**overrides: Any) -> dict[str, Any]:
    """Give a valid submission to body A, category CA1 (routed to department A1)."""
    payload: dict[str, Any] = {
        "body": "A",
        "category": "CA1",
        "text": "На вуліцы Савецкай каля дома 12 не працуе ліхтар ужо тыдзень.",
        "applicant_name": "Ганна Жук",
        "applicant_email": "hanna@example.org",
        "questions": ["Калі адрамантуюць ліхтар?", "Хто адказвае за асвятленне?"],
    }
    payload.update(overrides)
    return payload


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
