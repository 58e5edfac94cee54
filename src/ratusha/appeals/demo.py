"""Demo data for the clerk's queue: letters to post for the latest paper appeals answered.

The demo history records its answers without running the notice tasks, so the queue would
start empty; here the five latest answers to Zarechensk applicants without an e-mail
address wait as letters to post (``undelivered.do_record_letter``, as the answer task
does), so that the print page and *Posted* can be tried. Idempotent: nothing is added
once the body's queue has had a letter.
"""

from __future__ import annotations

from datetime import datetime

from ratusha.appeals.models import Appeal, NoticeChannel, NoticeKind, UndeliveredNotice
from ratusha.appeals.tasks import send_answer_notice
from ratusha.appeals.undelivered import do_record_letter
from ratusha.bodies.models import Body

LETTERS = 5


def seed_demo(now: datetime) -> None:
    """Put the latest paper answers of the town in its queue as letters to post."""
    town = Body.objects.filter(code="ZAR").first()
    if town is None:
        return
    if UndeliveredNotice.objects.filter(body=town, channel=NoticeChannel.POST).exists():
        return
    paper = (
        Appeal.objects.filter(
            body=town, applicant_email="", answers__sent_at__lte=now, answers__isnull=False
        )
        .exclude(applicant_address="")
        .distinct()
        .order_by("-answered_at", "-pk")[:LETTERS]
    )
    for appeal in paper:
        do_record_letter(appeal, NoticeKind.ANSWER, send_answer_notice.module_path, [appeal.pk])
