"""Concurrent writers and integrators never fork the log or leave a gap (PostgreSQL)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from ratusha.ledger.actions import append, integrate, log_for_body
from ratusha.ledger.audit import audit_log
from ratusha.ledger.models import Entry, Log, PendingEntry


@pytest.mark.django_db(transaction=True)
def test_parallel_appends_and_integrations_stay_gap_free(world: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database: SQLite serialises every writer anyway")
    log = log_for_body(world.bodies["A"])
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            for n in range(40):
                append(log, "test.event", {"writer": offset, "n": n})
                if n % 7 == 0:
                    integrate(log.pk, limit=13)
        except BaseException as error:  # reported below; a thread cannot fail the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    while integrate(log.pk):
        pass
    assert not PendingEntry.objects.exists()
    indexes = list(Entry.objects.filter(log=log).order_by("index").values_list("index", flat=True))
    assert indexes == list(range(160))
    assert audit_log(Log.objects.get(pk=log.pk)) is None
