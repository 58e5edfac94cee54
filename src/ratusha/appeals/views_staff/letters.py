"""A printable letter of a noticed step (extension, forwarding, refusal) for the applicant.

Ratusha e-mails these notices (``status_notices``); an applicant who wrote on paper, or
whose e-mail failed, gets the same text on paper: this page shows it in the applicant's
language, with the body, the date and the applicant's name and address, ready to print.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone, translation

from ratusha.appeals.access import appeals_for
from ratusha.appeals.applicant_language import language_of
from ratusha.appeals.models import AppealEvent
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
    subject, text = notice
    language = language_of(appeal)
    with translation.override(language):  # the letterhead too, as the text
        body_name = appeal.body.name
        day = formats.date_format(timezone.localtime(event.at, ZoneInfo(appeal.body.time_zone)))
    context = {
        "appeal": appeal,
        "subject": subject,
        "text": text,
        "letter_language": language,
        "body_name": body_name,
        "day": day,
    }
    return render(request, "appeals/staff/step_letter.html", context)
