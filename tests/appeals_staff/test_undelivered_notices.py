"""Notices to applicants that failed wait for a clerk: send again, or delivered otherwise."""

from __future__ import annotations

import logging
import re
import smtplib
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.template.defaultfilters import date as date_filter
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from ratusha import sms
from ratusha.appeals import tasks, undelivered
from ratusha.appeals.actions import (
    TransitionNotAllowed,
    check_approve_answer,
    check_draft_answer,
    check_mark_delivered_otherwise,
    check_resend_notice,
    check_transition,
)
from ratusha.appeals.models import Appeal, AppealEvent, UndeliveredNotice

pytestmark = pytest.mark.django_db

MOBILE = "+375291234567"
FAILING = "tests.appeals_staff.test_undelivered_notices.FailingEmailBackend"
WORKING = "django.core.mail.backends.locmem.EmailBackend"
LAW = "The law requires the answer to be delivered on paper when electronic delivery fails"


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that drops the connection."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def answer(appeal: Appeal, world: Any, capture: Any) -> None:
    """Draft and approve an answer; the answer notice is queued after the commit."""
    questions = list(appeal.questions.values_list("pk", flat=True))
    check_draft_answer(appeal.pk, world.users["officer"], "Repaired on Monday.", questions)
    with capture(execute=True):
        check_approve_answer(appeal.pk, world.users["head"])


@pytest.fixture
def failed_answer(
    make_appeal: Any, world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> UndeliveredNotice:
    """An appeal whose answer e-mail failed (the receipt went out before)."""
    appeal = make_appeal()
    settings.EMAIL_BACKEND = FAILING
    mail.outbox.clear()
    answer(appeal, world, django_capture_on_commit_callbacks)
    return UndeliveredNotice.objects.get()


def queue_url(world: Any, body: str = "A") -> str:
    return reverse("appeals:undelivered", args=[world.bodies[body].pk])


def action_url(world: Any, notice: UndeliveredNotice, name: str, body: str = "A") -> str:
    return reverse(f"appeals:undelivered-{name}", args=[world.bodies[body].pk, notice.pk])


def rows(html: str) -> list[str]:
    return re.findall(r"<tr>\s*<td>.*?</tr>", html, re.S)


def test_a_failing_answer_e_mail_is_recorded_and_listed_for_the_clerk(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any
) -> None:
    notice = failed_answer
    appeal = notice.appeal
    assert (notice.kind, notice.channel, notice.body_id) == ("answer", "email", appeal.body_id)
    assert notice.task_path == "ratusha.appeals.tasks.send_answer_notice"
    assert notice.task_args == [appeal.pk] and notice.resolved_at is None
    assert notice.error.endswith("SMTPServerDisconnected: Connection unexpectedly closed")
    assert Appeal.objects.get(pk=appeal.pk).state == "answered"  # the answer itself stands
    html = as_user("clerk").get(queue_url(world)).content.decode()
    [row] = rows(html)
    assert f'<a href="{reverse("appeals:appeal", args=[appeal.pk])}">{appeal.number}</a>' in row
    assert "Answer · e-mail" in row and "hanna@example.org" in row
    assert (
        '<code class="break">smtplib.SMTPServerDisconnected: Connection unexpectedly closed' in row
    )
    assert LAW in row
    assert f'aria-label="Send again: Answer · e-mail, {appeal.number}"' in row
    assert f'aria-label="Delivered otherwise: Answer · e-mail, {appeal.number}"' in row
    assert row.count('method="post"') == 2 and row.count("csrfmiddlewaretoken") == 2
    assert '<caption class="visually-hidden">' in html and html.count('<th scope="col">') == 6
    assert "<h1>Undelivered notices</h1>" in html


def test_the_failure_time_is_shown_in_the_bodys_time_zone(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any
) -> None:
    body = world.bodies["A"]
    body.time_zone = "Asia/Tokyo"
    body.save(update_fields=["time_zone"])
    local = timezone.localtime(failed_answer.failed_at, timezone=ZoneInfo("Asia/Tokyo"))
    [row] = rows(as_user("clerk").get(queue_url(world)).content.decode())
    with translation.override("en"):
        assert f"<td>{date_filter(local, 'SHORT_DATETIME_FORMAT')}</td>" in row


@pytest.mark.parametrize("name", ["admin", "district_admin", "sysadmin"])
def test_body_admins_see_the_queue_too(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any, name: str
) -> None:
    html = as_user(name).get(queue_url(world)).content.decode()
    assert failed_answer.appeal.number in html


@pytest.mark.parametrize("name", ["officer", "head", "auditor", "officer_b"])
def test_officers_and_other_bodies_may_neither_see_nor_act(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any, name: str
) -> None:
    client = as_user(name)
    assert client.get(queue_url(world)).status_code in (403, 404)
    for action in ("resend", "otherwise"):
        assert client.post(action_url(world, failed_answer, action)).status_code in (403, 404)
    failed_answer.refresh_from_db()
    assert failed_answer.resolved_at is None


def test_a_notice_of_another_body_is_not_found_through_this_body(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any
) -> None:
    # The sysadmin may work both queues, but the notice belongs to body A only.
    client = as_user("sysadmin")
    assert client.post(action_url(world, failed_answer, "resend", body="B")).status_code == 404
    assert failed_answer.appeal.number not in client.get(queue_url(world, "B")).content.decode()
    with pytest.raises(TransitionNotAllowed):  # the action checks on its own too
        check_resend_notice(world.users["officer_b"], failed_answer)


def test_the_actions_take_only_posts_with_the_csrf_token(
    failed_answer: UndeliveredNotice, world: Any
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["clerk"])
    assert client.get(action_url(world, failed_answer, "resend")).status_code == 405
    assert client.post(action_url(world, failed_answer, "otherwise")).status_code == 403
    failed_answer.refresh_from_db()
    assert failed_answer.resolved_at is None


def test_send_again_with_a_working_server_delivers_and_leaves_the_queue(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = WORKING
    client = as_user("clerk")
    response = client.post(action_url(world, failed_answer, "resend"), follow=True)
    number = failed_answer.appeal.number
    html = response.content.decode()
    assert f"The notice about {number} was queued to be sent again." in html
    [letter] = mail.outbox
    assert letter.to == ["hanna@example.org"] and "Repaired on Monday." in letter.body
    failed_answer.refresh_from_db()
    assert failed_answer.resolution == "resent" and failed_answer.resolved_at is not None
    assert failed_answer.resolved_by == world.users["clerk"]
    assert rows(client.get(queue_url(world)).content.decode()) == []
    assert UndeliveredNotice.objects.count() == 1


@pytest.fixture
def two_failed(
    make_appeal: Any, world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> list[UndeliveredNotice]:
    """Two appeals whose answer e-mails failed while the mail server was down."""
    appeals = [make_appeal(applicant_email=e) for e in ("hanna@example.org", "ales@example.org")]
    settings.EMAIL_BACKEND = FAILING
    for appeal in appeals:
        answer(appeal, world, django_capture_on_commit_callbacks)
    return list(UndeliveredNotice.objects.order_by("failed_at", "pk"))


def resend_all_url(world: Any, body: str = "A") -> str:
    return reverse("appeals:undelivered-resend-all", args=[world.bodies[body].pk])


def test_send_all_again_after_an_outage(
    two_failed: list[UndeliveredNotice], world: Any, as_user: Any, settings: Any
) -> None:
    client = as_user("clerk")
    before = client.get(queue_url(world)).content.decode()
    assert "2 notices are waiting." in before and resend_all_url(world) in before
    assert client.get(resend_all_url(world)).status_code == 405
    settings.EMAIL_BACKEND = WORKING
    mail.outbox.clear()
    html = client.post(resend_all_url(world), follow=True).content.decode()
    assert "2 notices were queued to be sent again." in html
    assert sorted(m.to[0] for m in mail.outbox) == ["ales@example.org", "hanna@example.org"]
    for notice in two_failed:
        notice.refresh_from_db()
        assert notice.resolution == "resent" and notice.resolved_by == world.users["clerk"]
    assert rows(html) == [] and "Send all again" not in html


def test_send_all_again_goes_oldest_first_in_batches(
    two_failed: list[UndeliveredNotice], world: Any
) -> None:
    from ratusha.appeals.actions import check_resend_all

    assert check_resend_all(world.users["admin"], world.bodies["A"], limit=1) == 1
    oldest, newest = two_failed
    oldest.refresh_from_db()
    assert oldest.resolution == "resent"
    waiting = UndeliveredNotice.objects.filter(resolved_at__isnull=True)
    assert newest in waiting and waiting.count() == 2  # the resent one failed again: a new row


@pytest.mark.parametrize("name", ["officer", "head", "auditor", "officer_b"])
def test_others_may_not_send_all_again(
    two_failed: list[UndeliveredNotice], world: Any, as_user: Any, name: str
) -> None:
    assert as_user(name).post(resend_all_url(world)).status_code in (403, 404)
    assert UndeliveredNotice.objects.filter(resolved_at__isnull=True).count() == 2


def test_a_second_failure_makes_a_new_row(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any
) -> None:
    client = as_user("clerk")
    client.post(action_url(world, failed_answer, "resend"))
    first, second = UndeliveredNotice.objects.order_by("pk")
    assert first.pk == failed_answer.pk and first.resolution == "resent"
    assert second.resolved_at is None and second.task_args == first.task_args
    assert (second.kind, second.channel, second.appeal_id) == ("answer", "email", first.appeal_id)
    html = client.get(queue_url(world)).content.decode()
    [row] = rows(html)
    assert action_url(world, second, "resend") in row


def test_delivered_otherwise_leaves_the_queue(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any
) -> None:
    client = as_user("admin")
    response = client.post(action_url(world, failed_answer, "otherwise"), follow=True)
    number = failed_answer.appeal.number
    html = response.content.decode()
    assert f"The notice about {number} is marked as delivered otherwise." in html
    assert "Nothing is undelivered" in html and rows(html) == []
    failed_answer.refresh_from_db()
    assert failed_answer.resolution == "otherwise"
    assert failed_answer.resolved_by == world.users["admin"]
    assert mail.outbox == []


def test_an_already_resolved_notice_is_refused(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any, settings: Any
) -> None:
    clerk = world.users["clerk"]
    check_mark_delivered_otherwise(clerk, failed_answer)
    for action in (check_resend_notice, check_mark_delivered_otherwise):
        with pytest.raises(TransitionNotAllowed) as refused:
            action(clerk, failed_answer)
        assert refused.value.code == "notice_resolved"
    settings.EMAIL_BACKEND = WORKING
    response = as_user("clerk").post(action_url(world, failed_answer, "resend"), follow=True)
    number = failed_answer.appeal.number
    assert f"{number}: This notice has already been dealt with." in response.content.decode()
    assert mail.outbox == []  # nothing sent again
    failed_answer.refresh_from_db()
    assert failed_answer.resolution == "otherwise"


def test_a_failing_status_sms_is_recorded_against_its_appeal(
    make_appeal: Any,
    world: Any,
    as_user: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    make_appeal(applicant_phone=MOBILE, sms_notices=True)  # another appeal, first in the table
    appeal = make_appeal(applicant_phone="+375297654321", sms_notices=True)

    def refuse(self: Any, messages: Any) -> int:
        raise sms.SMSError("the gateway answered 503")

    monkeypatch.setattr("ratusha.sms.backends.locmem.SMSBackend.send_messages", refuse)
    data = {"new_due_date": appeal.due_date + timedelta(days=10), "reason": "A survey."}
    with django_capture_on_commit_callbacks(execute=True):
        check_transition(appeal.pk, "extend_deadline", world.users["head"], data)
    event = AppealEvent.objects.get(appeal=appeal, action="extend_deadline")
    [notice] = UndeliveredNotice.objects.all()  # the status e-mail went out
    assert notice.appeal_id == appeal.pk and notice.task_args == [event.pk]
    assert (notice.kind, notice.channel) == ("status", "sms")
    assert notice.task_path == "ratusha.appeals.sms_notices.send_status_sms"
    assert "SMSError: the gateway answered 503" in notice.error
    client = as_user("clerk")
    [row] = rows(client.get(queue_url(world)).content.decode())
    assert appeal.number in row and "Notice of a step · text message" in row
    assert "+375297654321" in row and LAW not in row
    monkeypatch.undo()
    sms.outbox.clear()
    client.post(action_url(world, notice, "resend"))
    [message] = sms.outbox
    assert message.to == "+375297654321" and appeal.number in message.text


def test_a_failing_receipt_sms_is_recorded_with_the_appeal(
    make_appeal: Any, monkeypatch: Any
) -> None:
    def refuse(self: Any, messages: Any) -> int:
        raise sms.SMSError("the gateway answered 503")

    monkeypatch.setattr("ratusha.sms.backends.locmem.SMSBackend.send_messages", refuse)
    appeal = make_appeal(applicant_phone=MOBILE, sms_notices=True)
    [notice] = UndeliveredNotice.objects.all()
    assert (notice.appeal_id, notice.kind, notice.channel) == (appeal.pk, "receipt", "sms")
    assert notice.recipient == MOBILE
    assert appeal.processing == "done"  # the appeal went on regardless


def test_the_page_in_russian(failed_answer: UndeliveredNotice, world: Any, as_user: Any) -> None:
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "ru"
    html = client.get(queue_url(world)).content.decode()
    with translation.override("ru"):
        heading = translation.gettext("Undelivered notices")
        send_again = translation.gettext("Send again")
    assert '<html lang="ru">' in html and f"<h1>{heading}</h1>" in html
    assert '<th scope="col">Номер</th>' in html  # an existing translation
    [row] = rows(html)
    assert failed_answer.appeal.number in row and f">{send_again}</button>" in row


def test_the_queue_pages_like_the_others(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any
) -> None:
    copies = []
    for n in range(51):
        copy = UndeliveredNotice.objects.get(pk=failed_answer.pk)
        copy.pk, copy.failed_at = None, copy.failed_at + timedelta(seconds=n + 1)
        copies.append(copy)
    UndeliveredNotice.objects.bulk_create(copies)
    client = as_user("clerk")
    first = client.get(queue_url(world)).content.decode()
    assert len(rows(first)) == 50 and 'rel="next"' in first
    assert action_url(world, failed_answer, "resend") in first  # the oldest first
    assert len(rows(client.get(queue_url(world) + "?page=2").content.decode())) == 2


def test_the_staff_home_links_the_queue(world: Any, as_user: Any) -> None:
    link = f'<a href="{queue_url(world)}">Undelivered notices</a>'
    assert link in as_user("clerk").get(reverse("pages:staff-home")).content.decode()
    assert link in as_user("sysadmin").get(reverse("pages:staff-home")).content.decode()
    assert link not in as_user("officer").get(reverse("pages:staff-home")).content.decode()


def test_the_staff_home_counts_the_waiting_notices(
    failed_answer: UndeliveredNotice, world: Any, as_user: Any
) -> None:
    counted = f'<a href="{queue_url(world)}">Undelivered notices: 1</a>'
    home = reverse("pages:staff-home")
    assert counted in as_user("clerk").get(home).content.decode()
    assert counted in as_user("sysadmin").get(home).content.decode()
    as_user("clerk").post(action_url(world, failed_answer, "otherwise"))
    failed_answer.refresh_from_db()
    assert failed_answer.resolved_at is not None
    plain = f'<a href="{queue_url(world)}">Undelivered notices</a>'
    assert plain in as_user("clerk").get(home).content.decode()


def test_the_receiver_ignores_successful_and_other_tasks(
    make_appeal: Any, monkeypatch: Any
) -> None:
    make_appeal()  # the receipt e-mail succeeds
    assert len(mail.outbox) == 1 and not UndeliveredNotice.objects.exists()

    def broken(appeal: Any) -> None:
        raise RuntimeError("triage service unavailable")

    monkeypatch.setattr(tasks, "do_process", broken)
    appeal = make_appeal(process=False)
    result = tasks.process_appeal.enqueue(appeal.pk)  # another task that fails
    assert result.status == TaskResultStatus.FAILED
    assert undelivered.do_record(result) is None
    assert not UndeliveredNotice.objects.exists()


def test_the_receiver_never_raises(
    make_appeal: Any, settings: Any, monkeypatch: Any, caplog: Any
) -> None:
    appeal = make_appeal()

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("the table is gone")

    monkeypatch.setattr(UndeliveredNotice.objects, "create", broken)
    settings.EMAIL_BACKEND = FAILING
    finished: list[Any] = []

    def record(sender: Any, task_result: Any, **kwargs: Any) -> None:
        finished.append(task_result)

    task_finished.connect(record)
    try:
        with caplog.at_level(logging.ERROR, logger="ratusha.appeals.undelivered"):
            result = tasks.send_receipt.enqueue(appeal.pk)
    finally:
        task_finished.disconnect(record)
    assert result.status == TaskResultStatus.FAILED  # the task's own failure stands
    assert [r.status for r in finished] == [TaskResultStatus.FAILED]
    assert "Could not record the failed notice task" in caplog.text
    assert Appeal.objects.filter(pk=appeal.pk).exists()


def test_a_notice_whose_appeal_is_gone_is_skipped(world: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = FAILING
    result = tasks.send_receipt.enqueue(999_999)  # no such appeal: the task fails first
    assert result.status == TaskResultStatus.FAILED
    assert undelivered.do_record(result) is None
    assert not UndeliveredNotice.objects.exists()


def test_a_long_error_is_cut(make_appeal: Any, settings: Any, monkeypatch: Any) -> None:
    appeal = make_appeal()

    def refuse(self: Any, messages: Any) -> int:
        raise smtplib.SMTPException("x" * 5000)

    monkeypatch.setattr(FailingEmailBackend, "send_messages", refuse)
    settings.EMAIL_BACKEND = FAILING
    tasks.send_receipt.enqueue(appeal.pk)
    notice = UndeliveredNotice.objects.get()
    assert len(notice.error) == undelivered.ERROR_CHARS
    assert notice.error.startswith("smtplib.SMTPException: xxx")


def test_an_answer_failing_on_both_channels_makes_two_rows(
    make_appeal: Any,
    world: Any,
    as_user: Any,
    settings: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    appeal = make_appeal(applicant_phone=MOBILE, sms_notices=True)

    def refuse(self: Any, messages: Any) -> int:
        raise sms.SMSError("the gateway answered 503")

    monkeypatch.setattr("ratusha.sms.backends.locmem.SMSBackend.send_messages", refuse)
    settings.EMAIL_BACKEND = FAILING
    answer(appeal, world, django_capture_on_commit_callbacks)
    html = as_user("clerk").get(queue_url(world)).content.decode()
    by_what = {("e-mail" in row): row for row in rows(html)}
    assert len(rows(html)) == 2
    assert "Answer · e-mail" in by_what[True] and LAW in by_what[True]
    assert "Answer · text message" in by_what[False] and MOBILE in by_what[False]
    assert LAW not in by_what[False]  # the answer itself goes by e-mail or on paper
