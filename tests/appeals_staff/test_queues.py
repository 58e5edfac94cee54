"""The pending-processing queue (with retry and the command) and the triage queue."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals import tasks
from ratusha.appeals.choices import Processing, State
from ratusha.appeals.models import Appeal

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(make_appeal: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """An appeal whose processing task raised (the worker broke after registration)."""

    def broken(appeal: Any) -> None:
        raise RuntimeError("triage service unavailable")

    monkeypatch.setattr(tasks, "do_process", broken)
    appeal = make_appeal(process=False)
    with pytest.raises(RuntimeError):
        tasks.process_appeal.call(appeal.pk)
    monkeypatch.undo()
    appeal.refresh_from_db()
    assert appeal.processing == Processing.FAILED and appeal.state == State.REGISTERED
    return appeal


def test_failed_appeal_waits_visibly_and_retry_processes_it(
    failed: Any, world: Any, as_user: Any
) -> None:
    client = as_user("clerk")
    url = reverse("appeals:pending", args=[world.bodies["A"].pk])
    html = client.get(url).content.decode()
    assert failed.number in html and "RuntimeError: triage service unavailable" in html
    response = client.post(reverse("appeals:pending-retry", args=[world.bodies["A"].pk, failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.processing == Processing.DONE and failed.state == State.ASSIGNED
    assert f">{failed.number}</a>" not in client.get(url).content.decode()


def test_pending_shows_only_after_a_minute(make_appeal: Any, world: Any, as_user: Any) -> None:
    appeal = make_appeal(process=False)
    url = reverse("appeals:pending", args=[world.bodies["A"].pk])
    client = as_user("clerk")
    assert appeal.number not in client.get(url).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert appeal.number in client.get(url).content.decode()


def test_officer_may_not_retry(failed: Any, world: Any, as_user: Any) -> None:
    url = reverse("appeals:pending-retry", args=[world.bodies["A"].pk, failed.pk])
    assert as_user("officer").post(url).status_code == 403


def test_process_pending_command(failed: Any, make_appeal: Any) -> None:
    fresh = make_appeal(process=False)  # pending for less than a minute: left alone
    out = StringIO()
    call_command("process_pending", "--dry-run", stdout=out)
    assert failed.number in out.getvalue() and fresh.number not in out.getvalue()
    assert Appeal.objects.get(pk=failed.pk).processing == Processing.FAILED
    call_command("process_pending", "--body", "A", stdout=StringIO())
    assert Appeal.objects.get(pk=failed.pk).processing == Processing.DONE
    assert Appeal.objects.get(pk=fresh.pk).processing == Processing.PENDING


def test_triage_queue_assigns_a_department(make_appeal: Any, world: Any, as_user: Any) -> None:
    waiting = make_appeal(category=None)
    routed = make_appeal()
    client = as_user("clerk")
    url = reverse("appeals:triage", args=[world.bodies["A"].pk])
    html = client.get(url).content.decode()
    assert waiting.number in html and routed.number not in html
    client.post(
        reverse("appeals:triage-assign", args=[world.bodies["A"].pk, waiting.pk]),
        {"assignee": str(world.departments["A2"].pk), "expected_version": waiting.version},
    )
    waiting.refresh_from_db()
    assert waiting.state == State.ASSIGNED and waiting.department == world.departments["A2"]
    assert f">{waiting.number}</a>" not in client.get(url).content.decode()
