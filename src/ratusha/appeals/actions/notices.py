"""What a clerk does with a notice that failed (``appeals.undelivered``): send it again, post
it as a letter instead, or record that the applicant was told otherwise (on paper, by
phone); and with a letter to post: record that it was posted. A mark set by mistake
("posted", "delivered otherwise") can be taken back for a few days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ratusha.accounts.models import User
from ratusha.appeals.access import appeals_for
from ratusha.appeals.actions.errors import TransitionNotAllowed
from ratusha.appeals.models import NoticeChannel, NoticeResolution, UndeliveredNotice
from ratusha.bodies.models import Body

# How many notices one "send all again" queues: a bounded transaction; the rest wait for
# the next click (the queue shows how many are left).
RESEND_BATCH = 500


def _refuse_unless_allowed(user: User, notice: UndeliveredNotice) -> None:
    """Let in those who work the body's queues and may read the appeal."""
    from ratusha.appeals.selectors import may_register

    if (
        not may_register(user, notice.body)
        or not appeals_for(user).filter(pk=notice.appeal_id).exists()
    ):
        raise TransitionNotAllowed(
            _("Your role does not allow this action on this appeal."), "role_not_permitted"
        )


def _locked(user: User, notice: UndeliveredNotice) -> UndeliveredNotice:
    """Lock the notice's row for one who may act on it (call inside a transaction)."""
    locked = (
        UndeliveredNotice.objects.select_for_update(of=("self",))
        .select_related("body", "appeal")
        .get(pk=notice.pk)
    )
    _refuse_unless_allowed(user, locked)
    return locked


def _resolve(user: User, notice: UndeliveredNotice, resolution: str) -> UndeliveredNotice:
    """Mark an unresolved notice resolved (call inside a transaction)."""
    locked = _locked(user, notice)
    if locked.resolved_at is not None:
        raise TransitionNotAllowed(_("This notice has already been dealt with."), "notice_resolved")
    locked.resolved_at, locked.resolved_by, locked.resolution = timezone.now(), user, resolution
    locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return locked


def _task(path: str) -> Any:
    """Give the notice task stored as ``path``; only the known notice tasks are imported."""
    from ratusha.appeals.undelivered import NOTICE_TASKS

    if path not in NOTICE_TASKS:
        raise TransitionNotAllowed(_("This notice cannot be sent again."), "unknown_task")
    return import_string(path)


def check_resend_notice(user: User, notice: UndeliveredNotice) -> UndeliveredNotice:
    """Queue the same notice task again and mark the notice resent.

    The task is queued in the same transaction (the database queue's row commits with the
    mark), so a notice is never marked resent without its task. If it fails again, the
    receiver records a new undelivered notice.
    """
    with transaction.atomic():
        resolved = _resolve(user, notice, NoticeResolution.RESENT)
        if resolved.channel == NoticeChannel.POST:
            raise TransitionNotAllowed(
                _("A letter is printed and posted, not sent again."), "letter_to_post"
            )
        _task(resolved.task_path).enqueue(*resolved.task_args)
    return resolved


def check_mark_delivered_otherwise(user: User, notice: UndeliveredNotice) -> UndeliveredNotice:
    """Record that the applicant got the notice otherwise (on paper, by phone)."""
    with transaction.atomic():
        return _resolve(user, notice, NoticeResolution.OTHERWISE)


def check_mark_posted(user: User, notice: UndeliveredNotice) -> UndeliveredNotice:
    """Record that the printed letter was posted to the applicant."""
    with transaction.atomic():
        resolved = _resolve(user, notice, NoticeResolution.POSTED)
        if resolved.channel != NoticeChannel.POST:
            raise TransitionNotAllowed(_("Only a letter is posted."), "not_a_letter")
        return resolved


def check_post_instead(user: User, notice: UndeliveredNotice) -> UndeliveredNotice:
    """Post a failed e-mail or text message as a letter: the rules ask for the answer on
    paper when electronic delivery fails.

    The failed notice is resolved and a letter of the same notice waits in the queue (or
    the one already recorded for it, say for its e-mail and its text message both), in
    one transaction. Gives the letter.
    """
    from ratusha.appeals.undelivered import may_post_instead, wait_letter

    with transaction.atomic():
        resolved = _resolve(user, notice, NoticeResolution.LETTER)
        if resolved.channel == NoticeChannel.POST:
            raise TransitionNotAllowed(_("This is a letter already."), "letter_to_post")
        if not resolved.appeal.applicant_address.strip():
            raise TransitionNotAllowed(
                _("The applicant gave no postal address: tell them otherwise."), "no_address"
            )
        if not may_post_instead(resolved):
            raise TransitionNotAllowed(
                _("Only the answer and the notices of steps can be posted as letters."),
                "no_letter",
            )
        return wait_letter(
            resolved.appeal, resolved.kind, resolved.task_path, list(resolved.task_args)
        )


# The resolutions a clerk may take back: nothing was sent, only a mark was set.
UNDOABLE = frozenset({NoticeResolution.POSTED, NoticeResolution.OTHERWISE})


def check_undo(user: User, notice: UndeliveredNotice) -> UndeliveredNotice:
    """Put a notice marked "posted" or "delivered otherwise" by mistake back in the queue,
    within ``selectors.UNDO_DAYS`` days of the mark."""
    from ratusha.appeals.selectors import UNDO_DAYS

    with transaction.atomic():
        locked = _locked(user, notice)
        if locked.resolved_at is None:
            raise TransitionNotAllowed(_("This notice is waiting already."), "notice_waiting")
        if locked.resolution not in UNDOABLE:
            raise TransitionNotAllowed(
                _("A notice sent again or posted as a letter cannot be taken back."),
                "not_undoable",
            )
        if locked.resolved_at < timezone.now() - timedelta(days=UNDO_DAYS):
            raise TransitionNotAllowed(
                _("Only a mark of the last %(days)d days can be taken back.") % {"days": UNDO_DAYS},
                "undo_too_late",
            )
        locked.resolved_at, locked.resolved_by, locked.resolution = None, None, ""
        locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        return locked


def check_resend_all(user: User, body: Body, limit: int = RESEND_BATCH) -> int:
    """Queue every waiting e-mail and text message of the body again, oldest first; give how
    many.

    For the morning after the mail server or the gateway was down: the notices the user
    may read are marked resent and their tasks queued in one transaction, at most
    ``limit`` at a time. Those that fail again come back as new rows.
    """
    from ratusha.appeals.selectors import may_register

    if not may_register(user, body):
        raise TransitionNotAllowed(
            _("Your role does not allow this action on this appeal."), "role_not_permitted"
        )
    with transaction.atomic():
        waiting = list(
            UndeliveredNotice.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(body=body, resolved_at__isnull=True, appeal__in=appeals_for(user).values("pk"))
            .exclude(channel=NoticeChannel.POST)  # letters are printed, not sent
            .order_by("failed_at", "pk")
            .only("pk", "task_path", "task_args")[:limit]
        )
        tasks = [(notice, _task(notice.task_path)) for notice in waiting]
        UndeliveredNotice.objects.filter(pk__in=[n.pk for n in waiting]).update(
            resolved_at=timezone.now(), resolved_by=user, resolution=NoticeResolution.RESENT
        )
        for notice, task in tasks:
            task.enqueue(*notice.task_args)
    return len(waiting)


def check_mark_all_posted(user: User, body: Body, notice_ids: Iterable[int]) -> int:
    """Record that the printed letters among ``notice_ids`` were posted; give how many.

    Only the body's waiting letters of appeals the user may read count; anything else in
    the list (an e-mail, a letter already marked, another body's) is left as it is.
    """
    from ratusha.appeals.selectors import may_register

    if not may_register(user, body):
        raise TransitionNotAllowed(
            _("Your role does not allow this action on this appeal."), "role_not_permitted"
        )
    with transaction.atomic():
        return UndeliveredNotice.objects.filter(
            pk__in=list(notice_ids),
            body=body,
            channel=NoticeChannel.POST,
            resolved_at__isnull=True,
            appeal__in=appeals_for(user).values("pk"),
        ).update(resolved_at=timezone.now(), resolved_by=user, resolution=NoticeResolution.POSTED)
