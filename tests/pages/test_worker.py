"""The real database task backend: a task enqueued by the web is run by ``db_worker``."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_an_enqueued_task(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from ratusha.pages.tasks import heartbeat

    result = heartbeat.enqueue()
    assert DBTaskResult.objects.get(pk=result.id).status == "READY"
    call_command("db_worker", "--batch", "--no-reload")
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
