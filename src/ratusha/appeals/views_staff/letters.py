"""Printable letters to the applicant: the answer, and the notice of a step (extension,
forwarding, refusal, merge).

Ratusha e-mails these (``tasks.answer_letter``, ``status_notices``); an applicant who wrote
on paper, or whose e-mail failed, gets the same text on paper: these pages show it in the
applicant's language, with the body, the date and the applicant's name and address, ready
to print. The clerk's queue of letters to post links them (``views_staff.undelivered``).
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Letter:
    """One printable letter: what it says and how it is headed, in the applicant's language."""

    appeal: Appeal
    subject: str
    text: str
    language: str
    body_name: str
    day: str


def letter(appeal: Appeal, notice: tuple[str, str], at: datetime) -> Letter:
    """Head a notice's subject and text with the body's name and the local date."""
    subject, text = notice
    language = language_of(appeal)
    with translation.override(language):  # the letterhead too, as the text
        body_name = appeal.body.name
        day = formats.date_format(timezone.localtime(at, ZoneInfo(appeal.body.time_zone)))
    return Letter(appeal, subject, text, language, body_name, day)


def answer_letter_of(appeal: Appeal) -> Letter | None:
    """Give the letter of the answer sent to the appeal, or None before it is sent."""
    sent = appeal.answers.filter(sent_at__isnull=False).order_by("-sent_at", "-pk").first()
    if sent is None or sent.sent_at is None:
        return None
    return letter(appeal, tasks.answer_letter(appeal, sent), sent.sent_at)


def step_letter_of(event: AppealEvent) -> Letter | None:
    """Give the letter of a noticed step, or None for any other step."""
    notice = notice_of(event)
    return None if notice is None else letter(event.appeal, notice, event.at)


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
    return _page(request, step_letter_of(event))


@staff_view
def answer_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter of the answer sent to an appeal the officer may read."""
    appeal = get_object_or_404(appeals_for(request.user).select_related("body"), pk=pk)
    return _page(request, answer_letter_of(appeal))


def _page(request: HttpRequest, found: Letter | None) -> HttpResponse:
    if found is None:
        raise Http404
    return render(request, "appeals/staff/step_letter.html", {"letter": found})
