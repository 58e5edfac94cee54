"""The demo puts the latest paper answers in the clerk's queue as letters to post, and lets
officers ask two applicants for more information (one has replied) while a third adds some
unasked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from ratusha.appeals.models import Appeal, AppealEvent, UndeliveredNotice

pytestmark = pytest.mark.django_db


def test_letters_and_requests_for_information_are_seeded_once(monkeypatch: Any) -> None:
    from ratusha.appeals import demo
    from ratusha.demo.actions import seed_extras

    monkeypatch.setattr("ratusha.demo.actions.DEMO_EXTRAS", ("ratusha.appeals.demo",))
    call_command("seed_demo", "--quiet-logins", "--appeals", "300", "--as-of", "2026-11-20")
    letters = list(UndeliveredNotice.objects.select_related("appeal"))
    assert len(letters) == demo.LETTERS
    for letter in letters:
        assert (letter.channel, letter.kind, letter.resolved_at) == ("post", "answer", None)
        assert letter.appeal.applicant_email == "" and letter.recipient
        assert letter.appeal.events.get(action="send_answer").extra["delivery"] == "post"
    asked = AppealEvent.objects.filter(action="ask_applicant")
    assert asked.count() == demo.REQUESTS
    assert AppealEvent.objects.filter(action="applicant_reply").count() == 1
    from ratusha.appeals.models import AnswerTemplate

    common = AnswerTemplate.objects.filter(kind="question")
    assert common.count() == len(demo.COMMON_QUESTIONS)
    [added] = AppealEvent.objects.filter(action="add_information")
    assert added.public and added.said and not asked.filter(appeal=added.appeal).exists()
    [waiting] = Appeal.objects.filter(information_requested_at__isnull=False)
    assert waiting.applicant_email and asked.filter(appeal=waiting).exists()
    UndeliveredNotice.objects.update(resolution="posted", resolved_at=letters[0].failed_at)
    seed_extras(letters[0].failed_at)  # a reseed adds none once the queue has had letters
    assert UndeliveredNotice.objects.count() == demo.LETTERS
    assert AppealEvent.objects.filter(action="ask_applicant").count() == demo.REQUESTS
    assert AppealEvent.objects.filter(action="add_information").count() == 1
    assert AnswerTemplate.objects.filter(kind="question").count() == len(demo.COMMON_QUESTIONS)
