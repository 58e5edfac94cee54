"""The scheduler enqueues each periodic task once per interval."""

from __future__ import annotations

from typing import Any

import pytest

from ratusha.scheduling import PERIODIC, due, tick


def test_due_respects_intervals() -> None:
    assert len(due({}, 0.0)) == len(PERIODIC)
    last = {p.task_path: 1000.0 for p in PERIODIC}
    assert due(last, 1001.0) == []
    assert [p.task_path for p in due(last, 1030.0)] == ["ratusha.ledger.tasks.integrate_logs"]
    assert [p.task_path for p in due(last, 1060.0)] == [
        "ratusha.pages.tasks.heartbeat",
        "ratusha.ledger.tasks.integrate_logs",
    ]


@pytest.mark.django_db
def test_tick_enqueues_and_remembers(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    last: dict[str, float] = {}
    assert len(tick(last, 5000.0)) == len(PERIODIC)
    assert tick(last, 5001.0) == []
    assert DBTaskResult.objects.count() == len(PERIODIC)


@pytest.mark.django_db
def test_prune_keeps_recent_results(settings: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from ratusha.pages.tasks import heartbeat, prune_task_results

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    old, new = heartbeat.enqueue(), heartbeat.enqueue()
    DBTaskResult.objects.filter(pk=old.id).update(finished_at=timezone.now() - timedelta(days=2))
    DBTaskResult.objects.filter(pk=new.id).update(finished_at=timezone.now())
    assert prune_task_results.call() == 1
    assert [str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)] == [str(new.id)]
