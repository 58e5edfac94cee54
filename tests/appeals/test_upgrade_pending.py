"""Appeals left pending by the code before migration 0007 are not announced a second time."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("appeals", "0007_recorded_and_covering_indexes")]
AFTER = [("appeals", "0008_earlier_pending_appeals_are_recorded")]


def test_earlier_pending_appeals_become_recorded(world: Any, appeal_input: Any) -> None:
    from ratusha.appeals.actions import check_register_appeal
    from ratusha.appeals.models import Appeal

    pending = check_register_appeal(appeal_input()).appeal
    done = check_register_appeal(appeal_input(text="Another appeal about a broken bench.")).appeal
    Appeal.objects.filter(pk=done.pk).update(processing="done")
    Appeal.objects.filter(pk=pending.pk).update(processing="pending")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        states = dict(Appeal.objects.values_list("pk", "processing"))
        assert states == {pending.pk: "recorded", done.pk: "done"}
    finally:
        # Going back also unapplied the other apps' migrations that depend on appeals:
        # leave the schema whole for the tests that follow.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
