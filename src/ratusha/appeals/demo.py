"""Demo data for the clerk's queue and the officers: letters to post, common questions,
requests for information and an addition.

The demo history records its answers without running the notice tasks, so the queue would
start empty; here the five latest answers to Zarechensk applicants without an e-mail
address wait as letters to post (``undelivered.do_record_letter``, as the answer task
does), so that the print page and *Posted* can be tried. Two appeals under consideration
get a request for more information from their officer, the older one with the
applicant's reply, so that the inbox badge, the staff page and the tracking page's reply
form can be tried; a third applicant adds information unasked. The town gets six common
questions (three in Belarusian, three in Russian) for the officers' request form.
Idempotent: nothing is added once the body's queue has had a letter, nor requests once
the town has one, nor common questions once it has any.
"""

from __future__ import annotations

from datetime import datetime

from ratusha.accounts.models import RoleGrant, User
from ratusha.appeals.actions import check_transition
from ratusha.appeals.choices import State
from ratusha.appeals.models import (
    AnswerTemplate,
    Appeal,
    AppealEvent,
    NoticeChannel,
    NoticeKind,
    TemplateKind,
    UndeliveredNotice,
)
from ratusha.appeals.tasks import send_answer_notice
from ratusha.appeals.undelivered import do_record_letter
from ratusha.bodies.models import Body

LETTERS = 5
REQUESTS = 2
QUESTIONS = {
    "be": "Удакладніце, калі ласка, нумар пад'езда і паверх, дзе ўзнікла праблема.",
    "ru": "Уточните, пожалуйста, номер подъезда и этаж, где возникла проблема.",
    "en": "Please tell us the entrance and the floor where the problem is.",
}
REPLIES = {
    "be": "Другі пад'езд, чацвёрты паверх.",
    "ru": "Второй подъезд, четвёртый этаж.",
    "en": "The second entrance, the fourth floor.",
}
# What one more applicant adds to an appeal in progress without being asked.
ADDITIONS = {
    "be": "Дадаю: з учорашняга дня стала горш, фота магу даслаць.",
    "ru": "Дополняю: со вчерашнего дня стало хуже, фото могу прислать.",
    "en": "An addition: it has got worse since yesterday; I can send a photo.",
}


# The town's common questions to applicants, in Belarusian and Russian.
COMMON_QUESTIONS = [
    ("Фота (бел.)", "Дашліце, калі ласка, фота праблемы на старонцы вашага звароту."),
    ("Пад'езд і паверх (бел.)", "Удакладніце, калі ласка, нумар пад'езда і паверх."),
    (
        "Доступ у кватэру (бел.)",
        "Калі спецыяліст можа агледзець кватэру? Пакажыце зручны дзень і час.",
    ),
    ("Фото (рус.)", "Пришлите, пожалуйста, фото проблемы на странице вашего обращения."),
    ("Подъезд и этаж (рус.)", "Уточните, пожалуйста, номер подъезда и этаж."),
    (
        "Доступ в квартиру (рус.)",
        "Когда специалист может осмотреть квартиру? Укажите удобный день и время.",
    ),
]


def seed_demo(now: datetime) -> None:
    """Put the latest paper answers of the town in its queue as letters to post; give the
    town its common questions to applicants, and a few requests for information."""
    town = Body.objects.filter(code="ZAR").first()
    if town is None:
        return
    if not AnswerTemplate.objects.filter(body=town, kind=TemplateKind.QUESTION).exists():
        AnswerTemplate.objects.bulk_create(
            AnswerTemplate(body=town, kind=TemplateKind.QUESTION, title=title, text=text)
            for title, text in COMMON_QUESTIONS
        )
    _seed_requests(town, now)
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


def _officer_of(appeal: Appeal) -> User | None:
    if appeal.executor is not None:
        return appeal.executor
    head = RoleGrant.objects.filter(department_id=appeal.department_id, role="department_head")
    grant = head.select_related("user").first()
    return grant.user if grant is not None else None


def _seed_requests(town: Body, now: datetime) -> None:
    """Let officers ask two applicants with an e-mail address for more information, and a
    third applicant add information unasked."""
    if AppealEvent.objects.filter(appeal__body=town, action="ask_applicant").exists():
        return
    considered = list(
        Appeal.objects.filter(body=town, state=State.IN_PROGRESS, registered_at__lte=now)
        .exclude(applicant_email="")
        .select_related("executor")
        .order_by("-registered_at", "-pk")[: REQUESTS + 1]
    )
    for index, appeal in enumerate(reversed(considered[:REQUESTS])):
        officer = _officer_of(appeal)
        if officer is None:
            continue
        moment = max(now, appeal.changed_at or appeal.registered_at)
        language = appeal.language if appeal.language in QUESTIONS else "ru"
        question = {"question": QUESTIONS[language]}
        check_transition(appeal.pk, "ask_applicant", officer, question, now=moment)
        if index == 0:  # the older one has its reply
            reply = {"reply": REPLIES[language]}
            check_transition(appeal.pk, "applicant_reply", None, reply, as_citizen=True, now=moment)
    for appeal in considered[REQUESTS:]:
        moment = max(now, appeal.changed_at or appeal.registered_at)
        language = appeal.language if appeal.language in ADDITIONS else "ru"
        added = {"information": ADDITIONS[language]}
        check_transition(appeal.pk, "add_information", None, added, as_citizen=True, now=moment)
