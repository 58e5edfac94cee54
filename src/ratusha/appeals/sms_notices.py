"""Text messages to applicants who asked for them: the receipt and the answer notice.

A message is short, in the appeal's language, and holds only the registration number and
the tracking link (no name, no text of the appeal). Each message is its own task, queued
next to the matching e-mail: a failing gateway fails that task alone (recorded by the task
queue like any other), never the appeal or its e-mail.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ratusha.appeals.models import Appeal
from ratusha.sms import phones, send_sms

LANGUAGES = ("be", "ru", "en")


def wants_sms(appeal: Appeal) -> bool:
    """Tell whether the applicant asked for text messages and gave a phone."""
    return appeal.sms_notices and bool(appeal.applicant_phone.strip())


def _asked(appeal_id: int) -> bool:
    wanted = Appeal.objects.filter(pk=appeal_id, sms_notices=True).exclude(applicant_phone="")
    return wanted.exists()


def enqueue_receipt_sms(appeal_id: int) -> None:
    """Queue the receipt SMS when the applicant asked for text messages."""
    if _asked(appeal_id):
        send_receipt_sms.enqueue(appeal_id)


def enqueue_answer_sms(appeal_id: int) -> None:
    """Queue the answer SMS when the applicant asked for text messages."""
    if _asked(appeal_id):
        send_answer_sms.enqueue(appeal_id)


def sms_text(kind: str, appeal: Appeal, link: str) -> str:
    """Give the message in the active language."""
    if kind == "receipt":
        return _("Appeal %(number)s registered. Track it: %(link)s") % {
            "number": appeal.number,
            "link": link,
        }
    return _("Appeal %(number)s has an answer: %(link)s") % {"number": appeal.number, "link": link}


def _send(appeal_id: int, kind: str) -> str:
    from ratusha.appeals.tasks import tracking_url

    appeal = Appeal.objects.get(pk=appeal_id)
    if not wants_sms(appeal):
        return "not asked"
    try:
        to = phones.to_e164(appeal.applicant_phone)
    except phones.InvalidPhone:
        return "no valid phone"
    with translation.override(appeal.language if appeal.language in LANGUAGES else "be"):
        text = sms_text(kind, appeal, tracking_url(appeal))
    send_sms(to, text)  # a gateway error fails this task only
    return "sent"


@task()
def send_receipt_sms(appeal_id: int) -> str:
    """Text the applicant the registration number and the tracking link."""
    return _send(appeal_id, "receipt")


@task()
def send_answer_sms(appeal_id: int) -> str:
    """Text the applicant that the appeal has an answer, with the tracking link."""
    return _send(appeal_id, "answer")
