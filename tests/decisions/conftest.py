"""Fixtures for the register of decisions: a typed input and a helper that adopts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tests.ledger.conftest import register  # noqa: F401 - registers appeals with hooks run


@pytest.fixture(autouse=True)
def _ledger_site(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.RATUSHA_LEDGER_SITE = "ratusha.test"


@pytest.fixture
def decision_input() -> Callable[..., Any]:
    from ratusha.decisions.actions import DecisionInput

    def make(**overrides: Any) -> Any:
        values: dict[str, Any] = {
            "title": "Аб рамонце вуліцы Савецкай у 2026 годзе",
            "text": "1. Адрамантаваць праезную частку вуліцы Савецкай да 1 жніўня 2026 г.",
            "decided_on": date(2026, 3, 10),
            "organ": "Выканаўчы камітэт",
            "grounds": "Закон Рэспублікі Беларусь «Аб мясцовым кіраванні і самакіраванні», арт. 41",
            "votes": (9, 1, 2),
        }
        values.update(overrides)
        return DecisionInput(**values)

    return make


@pytest.fixture
def adopted(
    world: Any, decision_input: Callable[..., Any], django_capture_on_commit_callbacks: Any
) -> Callable[..., Any]:
    """Give a function that drafts and adopts a decision of body A (hooks run)."""
    from ratusha.decisions.actions import check_adopt_decision, check_draft_decision

    def make(**overrides: Any) -> Any:
        draft = check_draft_decision(
            world.users["admin"], world.bodies["A"], decision_input(**overrides)
        )
        with django_capture_on_commit_callbacks(execute=True):
            return check_adopt_decision(world.users["head"], draft.pk)

    return make
