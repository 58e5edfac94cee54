"""Clusters of appeals on one question: merge several into one, answer them all at once.

Merging is the workflow's ``merge`` action on each appeal (``check_transition``), so the
roles, states and events are the workflow's own. A merged appeal owes no answer of its
own (``merged`` is a final state, off the deadline clock), but its applicant is still
owed one: when the answer of the appeal they were merged into is approved and sent,
``do_answer_merged`` gives each merged appeal a copy of that answer, signed and recorded
like any other (the ``answer_approved`` signal, a public ``send_answer`` event that the
ledger and publication hear, the e-mail to the applicant, the date of the answer).
Appeals merged into a merged appeal get it too.

One public answer to a mass appeal is the main appeal's answer with ``is_public``: the
publication app summarises it for the open data; the copies stay private, and merged
appeals never appear in public.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from ratusha.accounts.models import User
from ratusha.appeals.actions.errors import AppealConflict, TransitionNotAllowed
from ratusha.appeals.actions.transitions import (
    announce,
    check_transition,
    refuse_unless_it_takes_merged,
)
from ratusha.appeals.choices import ASSIGN_STATES, State
from ratusha.appeals.joined import MAX_DEPTH
from ratusha.appeals.models import Answer, Appeal, AppealEvent
from ratusha_core.workflow import ActorRole

MAX_MERGE = 100  # appeals merged in one go


def check_merge_appeals(
    user: User, main_id: int, appeals: Iterable[tuple[int, int | None]]
) -> list[Appeal]:
    """Merge the appeals (id, expected version) into the main one; all or none.

    The main appeal must belong to the same body and still be waiting for its answer, so
    that the merged applicants receive it. Each merge is the workflow's ``merge`` action
    with the person's own roles; the first refusal undoes the others. An appeal not yet
    routed is first assigned to the main appeal's department (when the person may), so
    that the department answering it sees it.
    """
    chosen = [(pk, version) for pk, version in dict(appeals).items() if pk != main_id]
    if not chosen:
        raise TransitionNotAllowed(_("Select at least one appeal to merge."), "nothing_chosen")
    if len(chosen) > MAX_MERGE:
        raise TransitionNotAllowed(
            _("Merge at most %(n)d appeals at a time.") % {"n": MAX_MERGE}, "too_many"
        )
    merged = []
    with transaction.atomic():
        main = Appeal.objects.select_for_update().get(pk=main_id)
        refuse_unless_it_takes_merged(main)
        for pk, version in chosen:
            other = Appeal.objects.filter(pk=pk).values_list("number", "body_id").first()
            if other is None or other[1] != main.body_id:
                raise TransitionNotAllowed(_("Choose an appeal of this body."), "bad_target_appeal")
            try:
                version = _join_department(user, pk, main, version)
                merged.append(
                    check_transition(
                        pk,
                        "merge",
                        user,
                        {"target_appeal": str(main.pk)},
                        expected_version=version,
                    )
                )
            except (AppealConflict, TransitionNotAllowed) as refused:
                refused.message = f"{other[0]}: {refused.message}"
                raise
    return merged


def _join_department(user: User, pk: int, main: Appeal, version: int | None) -> int | None:
    """Assign an appeal still without a department to the main appeal's, where the person may.

    The merged appeal then stays in sight of the department that answers it.
    """
    appeal = Appeal.objects.filter(pk=pk).only("department_id", "state", "version").first()
    if appeal is None or appeal.department_id is not None or main.department_id is None:
        return version
    if appeal.state not in ASSIGN_STATES:
        return version
    if version is not None and appeal.version != version:
        raise AppealConflict(
            _("Someone else changed this appeal meanwhile. Reload it and try again.")
        )
    try:
        changed = check_transition(pk, "assign", user, {"department": str(main.department_id)})
    except TransitionNotAllowed:
        return version
    return changed.version


def merged_into_tree(main: Appeal) -> list[Appeal]:
    """Give the appeals merged into the main one, directly or through another merged one."""
    found: list[Appeal] = []
    level = [main.pk]
    for _depth in range(MAX_DEPTH):
        rows = list(
            Appeal.objects.select_for_update()
            .filter(merged_into_id__in=level, state=State.MERGED)
            .order_by("pk")
        )
        if not rows:
            break
        found.extend(rows)
        level = [a.pk for a in rows]
    return found


def do_answer_merged(main: Appeal, answer: Answer, approver: User, now: datetime) -> list[Answer]:
    """Send the main appeal's approved answer to every appeal merged into it (in its transaction).

    Each copy is approved and sent at the same moment, signed through ``answer_approved``
    and recorded as a public ``send_answer`` step of the merged appeal; its questions count
    as answered (they were merged as the same question). The e-mails leave after commit.
    """
    from ratusha.appeals import tasks
    from ratusha.appeals.actions.answers import answer_approved, delivery_of

    copies = []
    for appeal in merged_into_tree(main):
        copy = Answer.objects.create(
            appeal=appeal,
            text=answer.text,
            drafted_by=answer.drafted_by,
            drafted_at=answer.drafted_at,
            approved_by=approver,
            approved_at=now,
            sent_at=now,
            is_public=False,  # one public answer: the main appeal's
        )
        answer_approved.send(sender=Answer, answer=copy, approver=approver)
        appeal.questions.filter(answered=False).update(answered=True)
        appeal.answered_at = now
        appeal.version += 1
        appeal.changed_at = now
        appeal.save(update_fields=["answered_at", "version", "changed_at"])
        event = AppealEvent.objects.create(
            appeal=appeal,
            at=now,
            actor=None,
            actor_role=str(ActorRole.SYSTEM),
            action="send_answer",
            from_state=State.MERGED,
            to_state=State.MERGED,
            reason="",
            extra={
                "answer": str(copy.pk),
                "delivery": delivery_of(appeal),
                "answer_of": main.number,
            },
            public=True,
        )
        announce(event)
        appeal_id = appeal.pk
        transaction.on_commit(lambda pk=appeal_id: tasks.enqueue_answer_notice(pk))  # type: ignore[misc]
        copies.append(copy)
    return copies


def check_answer_cluster(
    main_id: int, user: User, public: bool, expected_version: int | None = None
) -> Answer:
    """Approve and send the main appeal's draft to its applicant and every merged one.

    ``public`` makes it the one public answer of the mass appeal (``Answer.is_public``).
    """
    from ratusha.appeals.actions.answers import check_approve_answer

    with transaction.atomic():
        draft = Answer.objects.filter(appeal_id=main_id).order_by("-drafted_at", "-pk").first()
        if draft is not None and draft.approved_at is None and draft.is_public != public:
            draft.is_public = public
            draft.save(update_fields=["is_public"])
        return check_approve_answer(main_id, user, expected_version=expected_version)
