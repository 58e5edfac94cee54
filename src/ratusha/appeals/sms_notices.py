"""Text messages to applicants who asked for them: the receipt, the answer notice, and the
notices of an extension, a forwarding or a refusal (``status_notices``).

A message is short, in the appeal's language, and holds only the registration number and
the tracking link (no name, no text of the appeal). Each message is its own task, queued
next to the matching e-mail: a failing gateway fails that task alone (recorded by the task
queue like any other), never the appeal or its e-mail.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django_tasks import task

from ratusha.appeals.applicant_language import language_of
from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.appeals.status_notices import StepDetails, step_details
from ratusha.sms import phones, send_sms


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


def status_text(details: StepDetails, appeal: Appeal, link: str) -> str:
    """Give the notice of an extension, a forwarding, a refusal or a merge, in the active
    language."""
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
    return _("Appeal %(number)s is left without consideration. The reason: %(link)s") % values


def _send(appeal_id: int, compose: Callable[[Appeal, str], str]) -> str:
    from ratusha.appeals.tasks import tracking_url

    appeal = Appeal.objects.get(pk=appeal_id)
    if not wants_sms(appeal):
        return "not asked"
    try:
        to = phones.to_e164(appeal.applicant_phone)
    except phones.InvalidPhone:
        return "no valid phone"
    with translation.override(language_of(appeal)):
        text = compose(appeal, tracking_url(appeal))
    send_sms(to, text)  # a gateway error fails this task only
    return "sent"


@task()
def send_receipt_sms(appeal_id: int) -> str:
    """Text the applicant the registration number and the tracking link."""
    return _send(appeal_id, receipt_text)


@task()
def send_answer_sms(appeal_id: int) -> str:
    """Text the applicant that the appeal has an answer, with the tracking link."""
    return _send(appeal_id, answer_text)


@task()
def send_status_sms(event_id: int) -> str:
    """Text the applicant that the term is extended, or the appeal forwarded or refused."""
    event = AppealEvent.objects.get(pk=event_id)
    details = step_details(event)
    if details is None:
        return "not a noticed step"
    return _send(event.appeal_id, lambda appeal, link: status_text(details, appeal, link))
