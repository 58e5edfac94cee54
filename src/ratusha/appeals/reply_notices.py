"""The executor learns at once when the applicant replies to a request for more information
or adds information unasked, and an applicant who has not replied is reminded once.

The applicant replies or adds on the tracking page (or a clerk enters what was given on
paper); once the ``applicant_reply`` or ``add_information`` step commits, one task e-mails
the appeal's executor and its department's heads (the body's registry clerks while no
department has it), each in their language, with the text and the link to the appeal.
``RATUSHA_REPLY_REMINDER_DAYS`` days after a request without a reply (5 by default; 0:
never), the hourly ``remind_silent_applicants`` e-mails the applicant the question again
(and texts them when they asked for text messages), once per request.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from ratusha.accounts.people import people_with_role
from ratusha.appeals import sms_notices
from ratusha.appeals.applicant_language import language_of
from ratusha.appeals.models import Appeal, AppealEvent, ReminderSent
from ratusha.appeals.policy import local_today
from ratusha.appeals.tasks import executor_and_heads, tracking_url
from ratusha_core.permissions import Role

REPLY = "applicant_reply"
ADDED = "add_information"
REMINDER = "reply"  # the kind of ``ReminderSent`` for a request's one reminder


@task()
def send_reply_to_staff(event_id: int) -> int:
    """E-mail the executor and the heads the applicant's reply, or what they added unasked;
    give how many e-mails went."""
    event = AppealEvent.objects.select_related("appeal__body").get(pk=event_id)
    appeal = event.appeal
    link = settings.RATUSHA_BASE_URL.rstrip("/") + reverse("appeals:appeal", args=[appeal.pk])
    added = event.action == ADDED
    sent = 0
    for email, language in _readers(appeal):
        with translation.override(language or "be"):
            subject = (
                _("The applicant added information: appeal %(number)s")
                if added
                else _("The applicant replied: appeal %(number)s")
            ) % {"number": appeal.number}
            context = {"appeal": appeal, "reply": event.said, "link": link, "added": added}
            body = render_to_string("appeals/email/applicant_reply.txt", context)
        send_mail(subject, body, None, [email])
        sent += 1
    return sent


def _readers(appeal: Appeal) -> list[tuple[str, str]]:
    """Give (e-mail, language) of the executor and heads, or else of the body's clerks."""
    people = [p for p in executor_and_heads(appeal) if p[0]]
    return people or people_with_role(appeal.body_id, Role.REGISTRY_CLERK)


@task()
def remind_silent_applicants() -> int:
    """Queue one reminder for each request for information left without a reply for
    ``RATUSHA_REPLY_REMINDER_DAYS`` days; give how many."""
    days = int(settings.RATUSHA_REPLY_REMINDER_DAYS)
    if days <= 0:
        return 0
    now = timezone.now()
    silent = Appeal.objects.filter(
        information_requested_at__lte=now - timedelta(days=days)
    ).select_related("body")
    queued = 0
    for appeal in list(silent):  # read whole before writing (SQLite)
        asked_on = local_today(appeal.body, appeal.information_requested_at)
        with transaction.atomic():
            _row, created = ReminderSent.objects.get_or_create(
                appeal=appeal, kind=REMINDER, due_date=asked_on
            )
            if created:
                transaction.on_commit(lambda pk=appeal.pk: send_reply_reminder.enqueue(pk))
                transaction.on_commit(
                    lambda pk=appeal.pk: sms_notices.enqueue_if_asked(
                        sms_notices.send_reply_sms, pk
                    )
                )
                queued += 1
    return queued


@task()
def send_reply_reminder(appeal_id: int) -> str:
    """E-mail the applicant the department's question again, with the link to reply."""
    appeal = Appeal.objects.select_related("body").get(pk=appeal_id)
    if appeal.information_requested_at is None:
        return "replied meanwhile"
    if not appeal.applicant_email:
        return "no e-mail address"
    asked = appeal.events.filter(action="ask_applicant").order_by("-at", "-pk").first()
    context = {
        "appeal": appeal,
        "link": tracking_url(appeal),
        "question": asked.said if asked else "",
    }
    with translation.override(language_of(appeal)):
        subject = _("Reminder: your appeal %(number)s needs more information") % {
            "number": appeal.number
        }
        text = render_to_string("appeals/email/reply_reminder.txt", context)
    send_mail(subject, text, None, [appeal.applicant_email])
    return "sent"


def on_appeal_event(sender: Any, event: AppealEvent, **_kwargs: Any) -> None:
    """Queue the e-mail to the staff after a reply or an addition commits (a receiver)."""
    if event.action in (REPLY, ADDED):
        send_reply_to_staff.enqueue(event.pk)


def connect() -> None:
    """Connect the receiver (called once from ``AppealsConfig.ready``)."""
    from ratusha.appeals.signals import appeal_event_committed

    appeal_event_committed.connect(on_appeal_event, dispatch_uid="appeals.reply_notices")
