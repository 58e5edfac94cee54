"""Internal notes in an appeal's history: what staff did that is not a step of the workflow.

Such an event (say, an officer asked the assistant for a draft) shows in the staff
history only. It never changes the appeal (state, version, the officer's open form stay as
they are), it is not public, and it is not announced: the ledger and publication, which
record workflow steps, never hear of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import timezone

from ratusha.accounts.models import User
from ratusha.appeals.actions.transitions import acting_roles
from ratusha.appeals.models import Appeal, AppealEvent

# The actions recorded here. Whatever replays history into the ledger (its reconciliation)
# or into public feeds must leave these out.
OFF_RECORD_ACTIONS = frozenset({"assistant_draft", "assistant_summary"})


def do_record_internal_event(
    appeal: Appeal,
    action: str,
    actor: User | None,
    extra: Mapping[str, Any],
    now: datetime | None = None,
) -> AppealEvent:
    """Record an internal event on the appeal in its current state; give the event.

    ``extra`` holds figures (sizes, a model's name, success), never texts: it is shown to
    staff and kept as long as the appeal.
    """
    if action not in OFF_RECORD_ACTIONS:
        raise ValueError(f"{action!r} is not an internal event")
    state = Appeal.objects.filter(pk=appeal.pk).values_list("state", flat=True).get()
    roles = acting_roles(actor, appeal)
    return AppealEvent.objects.create(
        appeal=appeal,
        at=now or timezone.now(),
        actor=actor,
        actor_role=str(roles[0]) if roles else "",
        action=action,
        from_state=state,
        to_state=state,
        reason="",
        extra=dict(extra),
        public=False,
    )
