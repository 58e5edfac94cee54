"""The executor learns at once when the applicant replies to a request for more information.

The applicant replies on the tracking page (or a clerk enters a reply given on paper);
once the ``applicant_reply`` step commits, one task e-mails the appeal's executor and its
department's heads, each in their language, with the reply and the link to the appeal.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ratusha.appeals.models import AppealEvent
from ratusha.appeals.tasks import executor_and_heads

REPLY = "applicant_reply"


@task()
def send_reply_to_staff(event_id: int) -> int:
    """E-mail the executor and the heads the applicant's reply; give how many e-mails went."""
    event = AppealEvent.objects.select_related("appeal__body").get(pk=event_id)
    appeal = event.appeal
    link = settings.RATUSHA_BASE_URL.rstrip("/") + reverse("appeals:appeal", args=[appeal.pk])
    reply = str((event.extra or {}).get("reply") or "")
    sent = 0
    for email, language in executor_and_heads(appeal):
        with translation.override(language):
            subject = _("The applicant replied: appeal %(number)s") % {"number": appeal.number}
            context = {"appeal": appeal, "reply": reply, "link": link}
            body = render_to_string("appeals/email/applicant_reply.txt", context)
        send_mail(subject, body, None, [email])
        sent += 1
    return sent


def on_appeal_event(sender: Any, event: AppealEvent, **_kwargs: Any) -> None:
    """Queue the e-mail to the staff after a reply commits (a signal receiver)."""
    if event.action == REPLY:
        send_reply_to_staff.enqueue(event.pk)


def connect() -> None:
    """Connect the receiver (called once from ``AppealsConfig.ready``)."""
    from ratusha.appeals.signals import appeal_event_committed

    appeal_event_committed.connect(on_appeal_event, dispatch_uid="appeals.reply_notices")
