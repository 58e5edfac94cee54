"""Fixtures for the ledger: appeals registered by the real actions, with on-commit hooks run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def register(world: Any, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Give a function that registers an appeal in body A and runs its on-commit hooks."""
    from ratusha.appeals.actions import AppealInput, check_register_appeal
    from ratusha.appeals.choices import Channel

    def make(**overrides: Any) -> Any:
        values: dict[str, Any] = {
            "body": world.bodies["A"],
            "channel": Channel.WEB,
            "text": "На вуліцы Савецкай каля дома 12 не працуе ліхтар ужо тыдзень.",
            "applicant_name": "Ганна Жук",
            "applicant_email": "hanna@example.org",
            "category": world.categories["A1"],
        }
        values.update(overrides)
        with django_capture_on_commit_callbacks(execute=True):
            return check_register_appeal(AppealInput(**values))

    return make


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.RATUSHA_LEDGER_SITE = "ratusha.test"
