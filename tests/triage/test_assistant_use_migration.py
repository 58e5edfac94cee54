"""Migration triage 0004 moves the assistant's internal events into their own table, and back."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("triage", "0003_appeal_embedding")]
AFTER = [("triage", "0004_assistant_use")]

DRAFT = {
    "model": "local-model",
    "sent_chars": 1234,
    "received_chars": 456,
    "succeeded": True,
    "seconds": 3.1,
    "reply_model": "qwen2.5-7b-instruct",
    "prompt_tokens": 612,
    "completion_tokens": 71,
    "gaps": 2,
}
FAILED_SUMMARY = {
    "model": "local-model",
    "sent_chars": 900,
    "received_chars": 0,
    "succeeded": False,
    "seconds": 30.02,
    "error": "timeout",
    "appeals": 3,
}


def migrate(target: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def event(appeal: Any, action: str, actor: Any, extra: dict[str, Any], minutes: int) -> Any:
    from ratusha.appeals.models import AppealEvent

    return AppealEvent.objects.create(
        appeal=appeal,
        at=timezone.now() + timedelta(minutes=minutes),
        actor=actor,
        actor_role="department_officer",
        action=action,
        from_state=appeal.state,
        to_state=appeal.state,
        extra=extra,
        public=False,
    )


def test_the_assistant_events_move_to_their_table_and_back(world: Any, appeal_input: Any) -> None:
    from ratusha.appeals.actions import check_register_appeal
    from ratusha.appeals.models import Appeal, AppealEvent
    from ratusha.triage.models import AssistantUse

    appeal = check_register_appeal(appeal_input()).appeal
    workflow = list(AppealEvent.objects.values_list("pk", "action").order_by("pk"))
    officer, clerk = world.users["officer"], world.users["clerk"]
    try:
        migrate(BEFORE)
        draft = event(appeal, "assistant_draft", officer, DRAFT, 1)
        summary = event(appeal, "assistant_summary", clerk, FAILED_SUMMARY, 2)
        migrate(AFTER)
        # The workflow events stay; the assistant's are gone from them.
        assert list(AppealEvent.objects.values_list("pk", "action").order_by("pk")) == workflow
        moved = list(AssistantUse.objects.order_by("at"))
        assert [(u.kind, u.appeal_id, u.body_id, u.at) for u in moved] == [
            ("draft", appeal.pk, appeal.body_id, draft.at),
            ("summary", appeal.pk, appeal.body_id, summary.at),
        ]
        first, second = moved
        assert (first.actor, first.actor_role, first.model, first.reply_model) == (
            officer,
            "department_officer",
            "local-model",
            "qwen2.5-7b-instruct",
        )
        assert (first.sent_chars, first.reply_chars, first.prompt_tokens) == (1234, 456, 612)
        assert (first.completion_tokens, first.ok, first.error) == (71, True, "")
        assert first.seconds == 3.1
        assert (first.gaps, first.cluster_appeals) == (2, None)
        assert (second.actor, second.ok, second.error, second.seconds) == (
            clerk,
            False,
            "timeout",
            30.02,
        )
        assert (second.sent_chars, second.reply_chars, second.cluster_appeals) == (900, 0, 3)
        assert second.prompt_tokens is None and second.gaps is None
        # Going back recreates the events, figures and all.
        migrate(BEFORE)
        back = AppealEvent.objects.filter(action__startswith="assistant").order_by("at")
        assert [(e.action, e.actor_id, e.at, e.extra, e.public) for e in back] == [
            ("assistant_draft", officer.pk, draft.at, DRAFT, False),
            ("assistant_summary", clerk.pk, summary.at, FAILED_SUMMARY, False),
        ]
        state = Appeal.objects.values_list("state", flat=True).get(pk=appeal.pk)
        assert {(e.from_state, e.to_state) for e in back} == {(state, state)}  # as it is now
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert AssistantUse.objects.count() == 2
    assert not AppealEvent.objects.filter(action__startswith="assistant").exists()
