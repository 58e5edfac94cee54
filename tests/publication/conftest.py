"""Fixtures for public redaction: registered appeals in be, ru and en, answered on demand."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def appeal_defaults() -> dict[str, Any]:
    """Appeals of these tests: no house number in the text, a full-name e-mail."""
    return {
        "text": "На вуліцы Савецкай не працуе ліхтар ужо тыдзень.",
        "applicant_email": "hanna.zhuk@example.org",
    }


@pytest.fixture(autouse=True)
def _rules_only(settings: Any) -> None:
    """Use the detector's rules without NER, except where a test asks for it (fast)."""
    settings.RATUSHA_TRIAGE_NER = False


@pytest.fixture
def register(appeal_input: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Register an appeal through the real action, running its after-commit work."""
    from ratusha.appeals.actions import check_register_appeal

    def make(**overrides: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            appeal = check_register_appeal(appeal_input(**overrides)).appeal
        appeal.refresh_from_db()
        return appeal

    return make


@pytest.fixture
def answer(world: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Draft and approve an answer to an assigned appeal of department A1 (sent at once)."""
    from ratusha.appeals.actions import check_approve_answer, check_draft_answer
    from ratusha.appeals.models import Answer

    def make(appeal: Any, text: str, is_public: bool = True) -> Any:
        questions = list(appeal.questions.values_list("pk", flat=True))
        draft = check_draft_answer(appeal.pk, world.users["officer"], text, questions)
        if not is_public:
            Answer.objects.filter(pk=draft.pk).update(is_public=False)
        with django_capture_on_commit_callbacks(execute=True):
            sent = check_approve_answer(appeal.pk, world.users["head"])
        appeal.refresh_from_db()
        return sent

    return make
