"""Text messages to applicants who asked for them: the receipt, the answer notice, the
notices of the steps (``status_notices``) and the notice that the answer is late.

A message is short, in the appeal's language, and holds only the registration number and
the tracking link (no name, no text of the appeal). Each message is its own task, queued
next to the matching e-mail: a failing gateway fails that task alone (recorded by the task
queue like any other), never the appeal or its e-mail.

Each message sent is logged (``SentMessage``: the body, the appeal, the kind, the parts)
for the body's daily limit (``Body.sms_daily_limit``, else ``RATUSHA_SMS_DAILY_LIMIT``, per
local day; 0 for none), the body's monthly budget alert (``sms_budget``) and
the administrator's count. Over the limit the task fails, so the notice waits in the
clerk's queue of undelivered ones (send it again the next day, or tell the applicant
otherwise). A message is counted and logged before it goes, under a lock on the body's
row, so parallel workers cannot pass the limit together; a message the gateway refuses is
taken off the log again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from ratusha.appeals.applicant_language import language_of
from ratusha.appeals.models import Appeal, AppealEvent, NoticeKind, SentMessage
from ratusha.appeals.sms_budget import check_budget
from ratusha.appeals.status_notices import StepDetails, step_details
from ratusha.bodies.models import Body
from ratusha.sms import SMSError, phones, send_sms
from ratusha.sms.message import segments


def wants_sms(appeal: Appeal) -> bool:
    """Tell whether the applicant asked for text messages and gave a phone."""
    return appeal.sms_notices and bool(appeal.applicant_phone.strip())


def _asked(appeal_id: int) -> bool:
    wanted = Appeal.objects.filter(pk=appeal_id, sms_notices=True).exclude(applicant_phone="")
    return wanted.exists()


def enqueue_if_asked(notice: Any, appeal_id: int) -> None:
    """Queue a text message task about the appeal (the receipt, the answer, the late answer,
    the reminder to reply) when the applicant asked for text messages."""
    if _asked(appeal_id):
        notice.enqueue(appeal_id)


def enqueue_status_sms(appeal_id: int, event_id: int) -> None:
    """Queue the SMS of a noticed step (``status_notices``) when the applicant asked."""
    if _asked(appeal_id):
        send_status_sms.enqueue(event_id)


def receipt_text(appeal: Appeal, link: str) -> str:
    """Give the receipt message in the active language."""
    return _("Appeal %(number)s registered. Track it: %(link)s") % {
        "number": appeal.number,
        "link": link,
    }


def answer_text(appeal: Appeal, link: str) -> str:
    """Give the answer notice in the active language."""
    return _("Appeal %(number)s has an answer: %(link)s") % {"number": appeal.number, "link": link}


def overdue_text(appeal: Appeal, link: str) -> str:
    """Give the notice that the answer is late, in the active language."""
    return _("The answer to appeal %(number)s is late; the officers were reminded. %(link)s") % {
        "number": appeal.number,
        "link": link,
    }


def reply_text(appeal: Appeal, link: str) -> str:
    """Give the reminder to reply to a request for information, in the active language."""
    return _("Appeal %(number)s still needs more information from you: %(link)s") % {
        "number": appeal.number,
        "link": link,
    }


def status_text(details: StepDetails, appeal: Appeal, link: str) -> str:
    """Give the notice of an extension, a forwarding, a refusal, a merge or a request for
    information, in the active language."""
    values = {"number": appeal.number, "link": link}
    if details.action == "extend_deadline":
        due = details.new_due_date
        values["date"] = formats.date_format(due, "SHORT_DATE_FORMAT") if due else "?"
        return _("Appeal %(number)s: the term for the answer is extended to %(date)s. %(link)s") % (
            values
        )
    if details.action == "forward":
        return _("Appeal %(number)s is forwarded to the competent body. %(link)s") % values
    if details.action == "merge":
        text = _("Appeal %(number)s is considered with others; you will get the answer. %(link)s")
        return text % values
    if details.action == "ask_applicant":
        return _("Appeal %(number)s: more information is needed. Read and reply: %(link)s") % values
    return _("Appeal %(number)s is left without consideration. The reason: %(link)s") % values


class SMSLimitReached(SMSError):
    """The body's daily limit of text messages is reached (``RATUSHA_SMS_DAILY_LIMIT``)."""


def day_start(body: Body, now: datetime | None = None) -> datetime:
    """Give the start of the body's local day (the limit counts per local day)."""
    zone = ZoneInfo(body.time_zone)
    local = (now or timezone.now()).astimezone(zone)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def month_start(body: Body, now: datetime | None = None) -> datetime:
    """Give the start of the body's local calendar month (the monthly budget counts it)."""
    return day_start(body, now).replace(day=1)


def daily_limit(body: Body) -> int:
    """Give the body's daily limit of text messages: its own, else the installation's
    (``RATUSHA_SMS_DAILY_LIMIT``); 0 for none."""
    own = body.sms_daily_limit
    return int(settings.RATUSHA_SMS_DAILY_LIMIT if own is None else own)


def sent_since(body: Body, start: datetime) -> tuple[int, int]:
    """Give how many text messages the body sent since ``start``, and in how many parts."""
    counts = SentMessage.objects.filter(body=body, sent_at__gte=start).aggregate(
        messages=Count("pk"), parts=Sum("parts")
    )
    return counts["messages"] or 0, counts["parts"] or 0


def _count_in(appeal: Appeal, kind: NoticeKind, text: str) -> SentMessage:
    """Log the message about to go, or refuse it over the body's daily limit: counted under
    a lock on the body's row, so two workers cannot both take the last message of the day."""
    limit = daily_limit(appeal.body)
    with transaction.atomic():
        if limit:
            Body.objects.select_for_update().filter(pk=appeal.body_id).values_list("pk").first()
            if sent_since(appeal.body, day_start(appeal.body))[0] >= limit:
                # The task fails, so the notice waits in the clerk's queue of undelivered ones.
                raise SMSLimitReached(f"the body's limit of {limit} text messages a day is reached")
        return SentMessage.objects.create(
            body_id=appeal.body_id,
            appeal=appeal,
            kind=kind,
            parts=segments(text),
            sent_at=timezone.now(),
        )


def _send(appeal_id: int, kind: NoticeKind, compose: Callable[[Appeal, str], str]) -> str:
    from ratusha.appeals.tasks import tracking_url

    appeal = Appeal.objects.select_related("body").get(pk=appeal_id)
    if not wants_sms(appeal):
        return "not asked"
    try:
        to = phones.to_e164(appeal.applicant_phone)
    except phones.InvalidPhone:
        return "no valid phone"
    with translation.override(language_of(appeal)):
        text = compose(appeal, tracking_url(appeal))
    logged = _count_in(appeal, kind, text)
    try:
        send_sms(to, text)  # a gateway error fails this task only
    except BaseException:
        logged.delete()
        raise
    if appeal.body.sms_monthly_budget:
        month = month_start(appeal.body)
        check_budget(appeal.body, month.date(), sent_since(appeal.body, month)[1])
    return "sent"


@task()
def send_receipt_sms(appeal_id: int) -> str:
    """Text the applicant the registration number and the tracking link."""
    return _send(appeal_id, NoticeKind.RECEIPT, receipt_text)


@task()
def send_answer_sms(appeal_id: int) -> str:
    """Text the applicant that the appeal has an answer, with the tracking link."""
    return _send(appeal_id, NoticeKind.ANSWER, answer_text)


@task()
def send_overdue_sms(appeal_id: int) -> str:
    """Text the applicant, once, that the answer is late (next to the e-mail)."""
    from ratusha_core.workflow import CLOCK_RUNNING_STATES

    state = Appeal.objects.filter(pk=appeal_id).values_list("state", flat=True).first()
    if state not in {str(s) for s in CLOCK_RUNNING_STATES}:
        return "no longer waiting"  # answered or closed since the reminder
    return _send(appeal_id, NoticeKind.STATUS, overdue_text)


@task()
def send_reply_sms(appeal_id: int) -> str:
    """Text the applicant, once, that the request for information still waits."""
    if not Appeal.objects.filter(pk=appeal_id, information_requested_at__isnull=False).exists():
        return "replied meanwhile"
    return _send(appeal_id, NoticeKind.STATUS, reply_text)


@task()
def send_status_sms(event_id: int) -> str:
    """Text the applicant that the term is extended, or the appeal forwarded or refused."""
    event = AppealEvent.objects.get(pk=event_id)
    details = step_details(event)
    if details is None:
        return "not a noticed step"
    return _send(
        event.appeal_id,
        NoticeKind.STATUS,
        lambda appeal, link: status_text(details, appeal, link),
    )
