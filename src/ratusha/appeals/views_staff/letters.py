"""Printable letters to the applicant: the answer, and the notice of a step (extension,
forwarding, refusal, merge).

Ratusha e-mails these (``tasks.answer_letter``, ``status_notices``); an applicant who wrote
on paper, or whose e-mail failed, gets the same text on paper: these pages show it in the
applicant's language, with the body, the date and the applicant's name and address, ready
to print. The clerk's queue of letters to post links them (``views_staff.undelivered``).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone, translation

from ratusha.appeals import tasks
from ratusha.appeals.access import appeals_for
from ratusha.appeals.applicant_language import language_of
from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.appeals.status_notices import NOTICE_ACTIONS, notice_of
from ratusha.appeals.views_staff.common import staff_view


@staff_view
def step_letter(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    """The letter of one noticed step of an appeal the officer may read."""
    appeal = get_object_or_404(appeals_for(request.user).select_related("body"), pk=pk)
    event = get_object_or_404(
        AppealEvent.objects.select_related("appeal__body"),
        pk=event_pk,
        appeal=appeal,
        action__in=NOTICE_ACTIONS,
    )
    notice = notice_of(event)
    if notice is None:
        raise Http404
    return _letter(request, appeal, notice, event.at)


@staff_view
def answer_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter of the answer sent to an appeal the officer may read."""
    appeal = get_object_or_404(appeals_for(request.user).select_related("body"), pk=pk)
    sent = appeal.answers.filter(sent_at__isnull=False).order_by("-sent_at", "-pk").first()
    if sent is None:
        raise Http404
    return _letter(request, appeal, tasks.answer_letter(appeal), sent.sent_at)


def _letter(
    request: HttpRequest, appeal: Appeal, letter: tuple[str, str], at: datetime
) -> HttpResponse:
    subject, text = letter
    language = language_of(appeal)
    with translation.override(language):  # the letterhead too, as the text
        body_name = appeal.body.name
        day = formats.date_format(timezone.localtime(at, ZoneInfo(appeal.body.time_zone)))
    context = {
        "appeal": appeal,
        "subject": subject,
        "text": text,
        "letter_language": language,
        "body_name": body_name,
        "day": day,
    }
    return render(request, "appeals/staff/step_letter.html", context)
