"""Writes of the assistant's audit records: each use, with its figures, in its own table.

A use never changes the appeal (state, version, the officer's open form stay as they are),
is not public and is not announced: it is no workflow step, so it is kept out of the
appeal's events, and the ledger, publication and reports never meet it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from django.utils import timezone

from ratusha.accounts.models import User
from ratusha.appeals.actions import acting_roles
from ratusha.appeals.models import Appeal
from ratusha.triage.models import AssistantKind, AssistantUse


@dataclass(frozen=True)
class UseFigures:
    """What one use of the assistant measured: sizes, tokens, time and outcome, no texts."""

    model: str
    sent_chars: int
    seconds: float
    ok: bool
    reply_model: str = ""
    reply_chars: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    error: str = ""  # why it failed: an AssistantError kind
    gaps: int | None = None  # a draft's bracketed places left to fill
    cluster_appeals: int | None = None  # how many appeals a summary covered


def do_record_assistant_use(
    appeal: Appeal,
    kind: AssistantKind,
    actor: User | None,
    figures: UseFigures,
    now: datetime | None = None,
) -> AssistantUse:
    """Record one use of the assistant on the appeal it was asked from; give the record.

    The appeal is read afresh, since the model may have taken a while: the use counts for
    the body the appeal is in now, and the actor's role is the one they hold on it now.
    """
    current = Appeal.objects.select_related("body").get(pk=appeal.pk)
    roles = acting_roles(actor, current)
    return AssistantUse.objects.create(
        appeal=current,
        body_id=current.body_id,
        at=now or timezone.now(),
        actor=actor,
        actor_role=str(roles[0]) if roles else "",
        kind=kind,
        **asdict(figures),
    )
