"""Fixtures for open data: appeals registered and answered through the real actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.RATUSHA_LEDGER_SITE = "ratusha.test"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Forget the datasets' coverage that another test kept."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def register(appeal_input: Any, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Give a function that registers an appeal (body A, category A1 unless told otherwise)."""
    from ratusha.appeals.actions import check_register_appeal

    def make(**overrides: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return check_register_appeal(appeal_input(**overrides)).appeal

    return make


@pytest.fixture
def answer(world: Any, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Give a function that drafts and approves an answer to an appeal of department A1."""
    from ratusha.appeals.actions import check_approve_answer, check_draft_answer

    def make(appeal: Any, text: str = "Ліхтар адрамантуюць да пятніцы.") -> Any:
        questions = list(appeal.questions.values_list("pk", flat=True))
        check_draft_answer(appeal.pk, world.users["officer"], text, questions)
        with django_capture_on_commit_callbacks(execute=True):
            return check_approve_answer(appeal.pk, world.users["head"])

    return make


@pytest.fixture
def appeals(world: Any, register: Any, answer: Any) -> list[Any]:
    """Three appeals in body A (one answered, one of department A2) and one in body B."""
    first = register()
    answer(first)
    second = register(category=world.categories["A2"])
    third = register(body=world.bodies["B"], category=world.categories["B1"])
    return [first, second, third]
