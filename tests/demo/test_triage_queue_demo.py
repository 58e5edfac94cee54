"""The demo's triage queue: the AI has looked at every appeal waiting there, and two
appeals in the category a clerk always decides wait with their suggestions."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from ratusha.appeals.models import Appeal
from ratusha.triage.models import TriageResult

pytestmark = pytest.mark.django_db


def test_every_appeal_in_the_queue_has_suggestions(
    monkeypatch: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.demo.actions import seed_extras
    from ratusha.triage import demo

    settings.RATUSHA_TRIAGE_NER = False
    monkeypatch.setattr("ratusha.demo.actions.DEMO_EXTRAS", ("ratusha.triage.demo",))
    with django_capture_on_commit_callbacks(execute=True):  # the worker's part
        call_command("seed_demo", "--quiet-logins", "--appeals", "300", "--as-of", "2026-11-20")
    waiting = Appeal.objects.filter(state="triage", department__isnull=True)
    assert waiting.exists()
    assert not waiting.filter(triage_result__isnull=True).exists()
    texts = [text for _language, _email, text in demo.FOR_THE_CLERK]
    for_the_clerk = Appeal.objects.filter(text__in=texts, category__code=demo.CLERK_DECIDES[1])
    assert for_the_clerk.count() == len(demo.FOR_THE_CLERK)
    assert set(for_the_clerk.values_list("pk", flat=True)) <= set(
        waiting.values_list("pk", flat=True)
    )
    for result in TriageResult.objects.filter(appeal__in=for_the_clerk):
        assert result.decision == "suggest" and result.departments
    # The seeded appeals the AI was sure of left the queue for their department.
    routed = TriageResult.objects.filter(decision="auto_route", appeal__department__isnull=False)
    assert routed.exists()
    count = Appeal.objects.count()
    seed_extras(Appeal.objects.latest("registered_at").registered_at)  # a reseed adds none
    assert Appeal.objects.count() == count
