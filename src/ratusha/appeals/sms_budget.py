"""A body's monthly budget of text messages: its administrators are e-mailed once when the
SMS parts of a calendar month (the body's local month; what the gateway bills) reach
``Body.sms_monthly_budget``.

The alert does not stop sending (the daily limit does that); it tells the administrators
in time to lower the daily limit or to top up the gateway's account. Each body is alerted
at most once a month: ``Body.sms_budget_alerted`` holds the month of the last alert, set
by one conditional update, so two workers logging messages at once send one e-mail.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ratusha.accounts.people import people_with_role
from ratusha.bodies.models import Body
from ratusha_core.permissions import Role


def check_budget(body: Body, month: date, parts_this_month: int) -> bool:
    """After a message is logged: queue the one alert of the body's local ``month`` (its
    first day) once the budget is reached; give whether this call queued it."""
    budget = body.sms_monthly_budget
    if not budget or parts_this_month < budget:
        return False
    first = (
        Body.objects.filter(pk=body.pk)
        .exclude(sms_budget_alerted=month)
        .update(sms_budget_alerted=month)
    )
    if first:
        transaction.on_commit(lambda: send_budget_alert.enqueue(body.pk, parts_this_month))
    return bool(first)


@task()
def send_budget_alert(body_id: int, parts: int) -> int:
    """E-mail the body's administrators that the month's SMS budget is reached."""
    body = Body.objects.get(pk=body_id)
    link = settings.RATUSHA_BASE_URL.rstrip("/") + reverse("pages:staff-body", args=[body.pk])
    people = people_with_role(body.pk, Role.BODY_ADMIN)
    for email, language in people:
        with translation.override(language or "be"):
            subject = _("Text messages of %(body)s: the monthly budget is reached") % {
                "body": body.name
            }
            context = {"body": body, "parts": parts, "link": link}
            text = render_to_string("appeals/email/sms_budget.txt", context)
        send_mail(subject, text, None, [email])
    return len(people)
