"""Keep every failed notice to an applicant until a clerk deals with it.

A notice (the receipt, the answer, the notice of an extension, a forwarding or a refusal,
by e-mail or by SMS) is its own task; when the mail server or the SMS gateway fails, the
task fails and the task queue keeps the failure only for a day (``pages.tasks``). The
receiver here stores an ``UndeliveredNotice`` for each such failure, so the body's clerk
sees it in the queue of undelivered notices and sends it again or delivers it otherwise
(the rules ask for an answer on paper when electronic delivery fails).

An applicant without an e-mail address (a letter, a personal reception) gets the answer
and the notices of steps on paper, and one who asked for it gets the answer on paper too:
the answer and step notice tasks record a letter to post (``do_record_letter``) in the
same queue, where the clerk prints it and marks it posted. A failed e-mail or text
message of the answer or of a step can be posted as a letter instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus

from ratusha.appeals.models import (
    Appeal,
    AppealEvent,
    NoticeChannel,
    NoticeKind,
    UndeliveredNotice,
)

log = logging.getLogger(__name__)

ERROR_CHARS = 2000


@dataclass(frozen=True)
class NoticeTask:
    """What a notice task sends, and whether its argument is an appeal or an event."""

    channel: NoticeChannel
    kind: NoticeKind
    by_event: bool = False
    # Whether the clerk can post its text as a letter instead (``views_staff.letters`` prints
    # the answer and the notices of steps; not the receipt nor the late-answer e-mail).
    letter: bool = False


NOTICE_TASKS: dict[str, NoticeTask] = {
    "ratusha.appeals.tasks.send_receipt": NoticeTask(NoticeChannel.EMAIL, NoticeKind.RECEIPT),
    "ratusha.appeals.tasks.send_answer_notice": NoticeTask(
        NoticeChannel.EMAIL, NoticeKind.ANSWER, letter=True
    ),
    "ratusha.appeals.tasks.send_overdue_notice": NoticeTask(NoticeChannel.EMAIL, NoticeKind.STATUS),
    "ratusha.appeals.status_notices.send_status_notice": NoticeTask(
        NoticeChannel.EMAIL, NoticeKind.STATUS, by_event=True, letter=True
    ),
    "ratusha.appeals.sms_notices.send_receipt_sms": NoticeTask(
        NoticeChannel.SMS, NoticeKind.RECEIPT
    ),
    "ratusha.appeals.sms_notices.send_answer_sms": NoticeTask(
        NoticeChannel.SMS, NoticeKind.ANSWER, letter=True
    ),
    "ratusha.appeals.reply_notices.send_reply_reminder": NoticeTask(
        NoticeChannel.EMAIL, NoticeKind.STATUS
    ),
    "ratusha.appeals.sms_notices.send_reply_sms": NoticeTask(NoticeChannel.SMS, NoticeKind.STATUS),
    "ratusha.appeals.sms_notices.send_overdue_sms": NoticeTask(
        NoticeChannel.SMS, NoticeKind.STATUS
    ),
    "ratusha.appeals.sms_notices.send_status_sms": NoticeTask(
        NoticeChannel.SMS, NoticeKind.STATUS, by_event=True, letter=True
    ),
}


def error_text(result: TaskResult[Any]) -> str:
    """Give the last error's final line ("SMTPException: ..."), at most ERROR_CHARS long."""
    if not result.errors:
        return ""
    error = result.errors[-1]
    lines = [line for line in error.traceback.splitlines() if line.strip()]
    return (lines[-1] if lines else error.exception_class_path)[:ERROR_CHARS]


def appeal_of(notice: NoticeTask, args: list[Any]) -> Appeal | None:
    """Give the appeal a notice task was about, from its first argument (an appeal or event)."""
    if not args:
        return None
    if notice.by_event:
        event = AppealEvent.objects.filter(pk=args[0]).select_related("appeal").first()
        return event.appeal if event else None
    return Appeal.objects.filter(pk=args[0]).first()


def do_record(result: TaskResult[Any]) -> UndeliveredNotice | None:
    """Store the failed notice task of ``result``; give None for any other result."""
    path = result.task.module_path
    notice = NOTICE_TASKS.get(path)
    if notice is None or result.status != TaskResultStatus.FAILED:
        return None
    args = list(result.args)
    appeal = appeal_of(notice, args)
    if appeal is None:
        log.warning("Failed notice task %s %s: its appeal is gone", path, args)
        return None
    return UndeliveredNotice.objects.create(
        appeal=appeal,
        body_id=appeal.body_id,
        channel=notice.channel,
        kind=notice.kind,
        task_path=path,
        task_args=args,
        error=error_text(result),
        failed_at=result.finished_at or timezone.now(),
    )


def posts_letters(appeal: Appeal, kind: str) -> bool:
    """Tell whether a notice of ``kind`` goes to the applicant as a letter to post.

    It does for an applicant with a postal address and no e-mail address, and, for the
    answer, for one who asked for it on paper (``Appeal.answer_by_post``): the rules send
    the answer on paper when asked.
    """
    if not appeal.applicant_address.strip():
        return False
    asked = kind == NoticeKind.ANSWER and appeal.answer_by_post
    return asked or not appeal.applicant_email.strip()


def may_post_instead(notice: UndeliveredNotice) -> bool:
    """Tell whether a failed e-mail or text message can go as a letter instead."""
    task = NOTICE_TASKS.get(notice.task_path)
    return (
        notice.channel != NoticeChannel.POST
        and task is not None
        and task.letter
        and bool(notice.appeal.applicant_address.strip())
    )


def answer_letters(appeal: Appeal, sent_at: Any) -> Any:
    """Give the letters recorded for the answer sent at ``sent_at`` (a reopened appeal's
    later answer has letters of its own)."""
    return UndeliveredNotice.objects.filter(
        appeal=appeal, channel=NoticeChannel.POST, kind=NoticeKind.ANSWER, failed_at__gte=sent_at
    )


def wait_letter(appeal: Appeal, kind: str, task_path: str, args: list[Any]) -> UndeliveredNotice:
    """Put a letter to post in the clerk's queue, once per notice.

    A letter of the same notice (the same step, or the same sent answer) that waits or was
    already posted is not recorded twice: a task run again, or a failed e-mail posted
    instead after its letter, gives the existing one.
    """
    same = UndeliveredNotice.objects.filter(
        appeal=appeal, channel=NoticeChannel.POST, kind=kind, task_args=args
    )
    if kind == NoticeKind.ANSWER:  # a reopened appeal's next answer is a new letter
        sent = appeal.answers.filter(sent_at__isnull=False).order_by("-sent_at").first()
        if sent is not None and sent.sent_at is not None:
            same = answer_letters(appeal, sent.sent_at).filter(task_args=args)
    existing = same.order_by("-pk").first()
    if existing is not None:
        return existing
    return UndeliveredNotice.objects.create(
        appeal=appeal,
        body_id=appeal.body_id,
        channel=NoticeChannel.POST,
        kind=kind,
        task_path=task_path,
        task_args=args,
        failed_at=timezone.now(),
    )


def do_record_letter(appeal: Appeal, kind: NoticeKind, task_path: str, args: list[Any]) -> bool:
    """Put a letter to post in the clerk's queue when the notice goes on paper.

    Gives whether a letter is recorded for it (``posts_letters``): nothing is for an
    applicant without a postal address (there is nowhere to post it).
    """
    if not posts_letters(appeal, kind):
        return False
    wait_letter(appeal, kind, task_path, args)
    return True


def on_task_finished(sender: Any, task_result: TaskResult[Any], **_kwargs: Any) -> None:
    """Record a failed notice (a receiver of ``task_finished``); never raises.

    A savepoint keeps a caller's transaction usable when the write fails (the immediate
    backend runs a task inside the enqueueing transaction); the task's own failure is
    already logged and stored by the task queue.
    """
    try:
        with transaction.atomic():
            do_record(task_result)
    except Exception:
        log.exception("Could not record the failed notice task %s", task_result.id)


def connect() -> None:
    """Connect the receiver (called once from ``AppealsConfig.ready``)."""
    from django_tasks.signals import task_finished

    task_finished.connect(on_task_finished, dispatch_uid="appeals.undelivered")
