"""Fixtures for the ledger: appeals registered by the real actions, with on-commit hooks run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def register(appeal_input: Any, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Give a function that registers an appeal in body A and runs its on-commit hooks."""
    from ratusha.appeals.actions import check_register_appeal

    def make(**overrides: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return check_register_appeal(appeal_input(**overrides))

    return make


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.RATUSHA_LEDGER_SITE = "ratusha.test"


@pytest.fixture
def en(client: Client) -> Client:
    """A client whose pages come in English (the assertions read English)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
