"""After registration one task records the appeal (ledger, publication, receipt) once, then triages.

The request only queues that task; the worker announces the registration, queues the
receipt and moves the appeal from "pending" to "recorded" in one transaction, so a retry
after a failure never announces it twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail

from ratusha.appeals import tasks
from ratusha.appeals.actions import check_register_appeal
from ratusha.appeals.choices import Processing, State
from ratusha.appeals.models import AppealEvent
from ratusha.appeals.signals import appeal_event_committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced() -> Iterator[list[str]]:
    """Collect the actions of the appeal events announced to listeners (the ledger's signal)."""
    seen: list[str] = []

    def listen(sender: Any, event: Any, **kwargs: Any) -> None:
        seen.append(event.action)

    appeal_event_committed.connect(listen, sender=AppealEvent, dispatch_uid="test.announced")
    yield seen
    appeal_event_committed.disconnect(sender=AppealEvent, dispatch_uid="test.announced")


def test_registration_is_announced_once_across_a_failed_triage(
    appeal_input: Any,
    announced: list[str],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def broken(appeal: Any) -> None:
        raise RuntimeError("triage service unavailable")

    monkeypatch.setattr(tasks, "do_process", broken)
    with django_capture_on_commit_callbacks(execute=True):  # the test backend runs it now
        appeal = check_register_appeal(appeal_input()).appeal
    appeal.refresh_from_db()
    assert appeal.processing == Processing.FAILED and appeal.state == State.REGISTERED
    assert announced == ["register"] and len(mail.outbox) == 1  # the receipt went out
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):  # the steps announce on commit
        tasks.process_appeal.call(appeal.pk)
    appeal.refresh_from_db()
    assert appeal.processing == Processing.DONE and appeal.state == State.ASSIGNED
    assert announced.count("register") == 1 and len(mail.outbox) == 1
    assert announced[1:] == ["start_triage", "assign"]


def test_a_failed_announcement_leaves_the_appeal_pending_for_a_retry(
    appeal_input: Any, announced: list[str]
) -> None:
    def ledger_down(sender: Any, event: Any, **kwargs: Any) -> None:
        raise ConnectionError("ledger unavailable")

    appeal = check_register_appeal(appeal_input()).appeal
    appeal_event_committed.connect(ledger_down, sender=AppealEvent, dispatch_uid="test.down")
    try:
        with pytest.raises(ConnectionError):
            tasks.process_appeal.call(appeal.pk)
    finally:
        appeal_event_committed.disconnect(sender=AppealEvent, dispatch_uid="test.down")
    appeal.refresh_from_db()
    assert appeal.processing == Processing.PENDING and appeal.state == State.REGISTERED
    assert "ConnectionError: ledger unavailable" in appeal.processing_error
    assert mail.outbox == []  # the receipt was rolled back with the announcement
    tasks.process_appeal.call(appeal.pk)
    appeal.refresh_from_db()
    assert appeal.processing == Processing.DONE and appeal.processing_error == ""
    assert announced.count("register") == 2  # the first attempt's listeners rolled back
    assert len(mail.outbox) == 1


def test_a_replayed_key_takes_no_number(appeal_input: Any) -> None:
    first = check_register_appeal(appeal_input(), idempotency=("addr:1", "k"))
    again = check_register_appeal(appeal_input(), idempotency=("addr:1", "k"))
    assert again.appeal.pk == first.appeal.pk and not again.created
    other = check_register_appeal(appeal_input(), idempotency=("addr:1", "k2")).appeal
    assert other.sequence == first.appeal.sequence + 1


def test_numbers_without_update_returning(appeal_input: Any, monkeypatch: Any) -> None:
    """Databases without UPDATE ... RETURNING (SQLite before 3.35) lock and update instead."""
    from ratusha.appeals.actions import registration

    monkeypatch.setattr(registration, "has_update_returning", lambda: False)
    first = check_register_appeal(appeal_input()).appeal
    second = check_register_appeal(appeal_input()).appeal
    assert second.sequence == first.sequence + 1
