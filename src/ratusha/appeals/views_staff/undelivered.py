"""The clerk's queue of notices to applicants that failed: send again, or delivered otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ratusha.appeals import selectors
from ratusha.appeals.actions import (
    TransitionNotAllowed,
    check_mark_all_posted,
    check_mark_delivered_otherwise,
    check_mark_posted,
    check_post_instead,
    check_resend_all,
    check_resend_notice,
    check_undo,
)
from ratusha.appeals.actions.notices import UNDOABLE
from ratusha.appeals.models import AppealEvent, NoticeChannel, NoticeKind, UndeliveredNotice
from ratusha.appeals.undelivered import may_post_instead
from ratusha.appeals.views_staff.common import paginate, staff_view
from ratusha.appeals.views_staff.letters import Letter, answer_letter_of, step_letter_of
from ratusha.appeals.views_staff.queues import queue_body

# The letters one print page holds (oldest first); the rest wait for the next page.
LETTERS_PER_PRINT = 100


@staff_view
def undelivered(request: HttpRequest, pk: int) -> HttpResponse:
    """E-mails and text messages to applicants that failed, oldest first, with the error, and
    letters to post."""
    body = queue_body(request, pk)
    queue = selectors.undelivered_queue(request.user, body)
    page = paginate(request, queue, selectors.PAGE_SIZE)
    page.object_list = rows = list(page.object_list)
    sendable = queue.exclude(channel=NoticeChannel.POST).exists()  # letters are not sent
    letters = queue.filter(channel=NoticeChannel.POST).count()
    postable = {notice.pk for notice in rows if may_post_instead(notice)}
    context = {
        "body": body,
        "page": page,
        "sendable": sendable,
        "letters": letters,
        "postable": postable,
        "recent": selectors.recently_resolved(request.user, body),
        "undoable": {str(r) for r in UNDOABLE},
        "undo_days": selectors.UNDO_DAYS,
    }
    return render(request, "appeals/staff/undelivered.html", context)


@staff_view
def letters_to_post(request: HttpRequest, pk: int) -> HttpResponse:
    """The waiting letters on one page, oldest first, one per printed sheet."""
    body = queue_body(request, pk)
    context = {"body": body, "printed": _printed(request, body), "limit": LETTERS_PER_PRINT}
    return render(request, "appeals/staff/letters_to_post.html", context)


@staff_view
def letters_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same letters as one A4 PDF, the address placed for a window envelope."""
    from weasyprint import HTML

    body = queue_body(request, pk)
    printed = _printed(request, body)
    if not printed:
        raise Http404
    context = {"body": body, "printed": printed, "language": printed[0][1].language}
    html = render_to_string("appeals/pdf/letters.html", context)
    pdf = HTML(string=html).write_pdf()
    response = HttpResponse(bytes(pdf or b""), content_type="application/pdf")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="letters-{body.code}-{day}.pdf"'
    return response


def _printed(request: HttpRequest, body: Any) -> list[tuple[UndeliveredNotice, Letter]]:
    """Give the body's waiting letters the user may read, oldest first, with their text."""
    notices = (
        selectors.undelivered_queue(request.user, body)
        .filter(channel=NoticeChannel.POST)
        .select_related("appeal__body")[:LETTERS_PER_PRINT]
    )
    return [(n, found) for n in notices if (found := _letter_of(n)) is not None]


def _letter_of(notice: UndeliveredNotice) -> Letter | None:
    if notice.kind == NoticeKind.ANSWER:
        return answer_letter_of(notice.appeal)
    event = (
        AppealEvent.objects.select_related("appeal__body")
        .filter(pk=next(iter(notice.task_args), None), appeal_id=notice.appeal_id)
        .first()
    )
    return step_letter_of(event) if event is not None else None


@require_POST
@staff_view
def posted_all(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the printed letters (the ids the print page listed) were posted."""
    body = queue_body(request, pk)
    ids = [int(v) for v in request.POST.getlist("notice") if v.isdigit()]

    def done(count: int) -> str:
        text = ngettext(
            "%(count)d letter is marked as posted.",
            "%(count)d letters are marked as posted.",
            count,
        )
        return text % {"count": count}

    return _act_on_all(request, body, lambda: check_mark_all_posted(request.user, body, ids), done)


def _act_on_all(
    request: HttpRequest, body: Any, act: Callable[[], int], done: Callable[[int], str]
) -> HttpResponse:
    try:
        count = act()
    except TransitionNotAllowed as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, done(count))
    return redirect("appeals:undelivered", body.pk)


def _act(
    request: HttpRequest, pk: int, notice_pk: int, action: Callable[..., Any], done: str
) -> HttpResponse:
    body = queue_body(request, pk)
    notice = selectors.body_notices(request.user, body).filter(pk=notice_pk).first()
    if notice is None:
        raise Http404
    number = {"number": notice.appeal.number}
    try:
        action(request.user, notice)
    except TransitionNotAllowed as refused:
        messages.error(request, f"{notice.appeal.number}: {refused.message}")
    else:
        messages.success(request, done % number)
    return redirect("appeals:undelivered", body.pk)


@require_POST
@staff_view
def resend(request: HttpRequest, pk: int, notice_pk: int) -> HttpResponse:
    """Queue the failed notice again."""
    done = _("The notice about %(number)s was queued to be sent again.")
    return _act(request, pk, notice_pk, check_resend_notice, done)


@require_POST
@staff_view
def delivered_otherwise(request: HttpRequest, pk: int, notice_pk: int) -> HttpResponse:
    """Record that the applicant got the notice otherwise (on paper, by phone)."""
    done = _("The notice about %(number)s is marked as delivered otherwise.")
    return _act(request, pk, notice_pk, check_mark_delivered_otherwise, done)


@require_POST
@staff_view
def posted(request: HttpRequest, pk: int, notice_pk: int) -> HttpResponse:
    """Record that the printed letter was posted."""
    done = _("The letter about %(number)s is marked as posted.")
    return _act(request, pk, notice_pk, check_mark_posted, done)


@require_POST
@staff_view
def post_instead(request: HttpRequest, pk: int, notice_pk: int) -> HttpResponse:
    """Post the failed e-mail or text message as a letter: it joins the letters to print."""
    done = _("The notice about %(number)s waits among the letters to post.")
    return _act(request, pk, notice_pk, check_post_instead, done)


@require_POST
@staff_view
def undo(request: HttpRequest, pk: int, notice_pk: int) -> HttpResponse:
    """Put a notice marked posted or delivered otherwise by mistake back in the queue."""
    done = _("The notice about %(number)s is waiting again.")
    return _act(request, pk, notice_pk, check_undo, done)


@require_POST
@staff_view
def resend_all(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue every waiting notice of the body again (after an outage of the mail server)."""
    body = queue_body(request, pk)

    def done(count: int) -> str:
        text = ngettext(
            "%(count)d notice was queued to be sent again.",
            "%(count)d notices were queued to be sent again.",
            count,
        )
        return text % {"count": count}

    return _act_on_all(request, body, lambda: check_resend_all(request.user, body), done)
