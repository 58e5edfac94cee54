"""The answer goes on paper when the applicant asks for it, or when electronic delivery fails.

The rules on appeals send the answer to an electronic appeal to the e-mail address, "or
on paper if asked for or if electronic delivery fails". The applicant's request is a
tick on every intake form; a failed e-mail or text message becomes a letter to post at
the clerk's click.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from tests.appeals_citizen.conftest import form_data as citizen_form
from tests.appeals_staff.test_clerk_entry import form_data as clerk_form
from tests.appeals_staff.test_undelivered_notices import (
    FAILING,
    WORKING,
    action_url,
    answer,
    queue_url,
    rows,
)

from ratusha.appeals.actions import (
    AppealInvalid,
    TransitionNotAllowed,
    check_post_instead,
    check_register_appeal,
    check_transition,
    tracking_token,
)
from ratusha.appeals.models import Appeal, AppealEvent, UndeliveredNotice
from ratusha.appeals.status_notices import send_status_notice
from ratusha.appeals.tasks import send_answer_notice

pytestmark = pytest.mark.django_db

ADDRESS = "вул. Савецкая, 12, кв. 3, Мінск"
NEEDS_ADDRESS = "To get the answer on paper, give a postal address."


def track_url(appeal: Appeal) -> str:
    return reverse("appeals:track", args=[appeal.number, tracking_token(appeal)])


def test_the_citizen_form_offers_the_paper_answer_after_the_postal_address(
    client: Any, world: Any
) -> None:
    client.cookies["ratusha_language"] = "en"
    html = client.get("/appeals/new/A/").content.decode()
    assert html.index('name="applicant_address"') < html.index('name="answer_by_post"')
    assert "Send me the answer on paper by post" in html
    response = client.post("/appeals/new/A/", citizen_form(answer_by_post="on"))
    assert response.status_code == 400 and not Appeal.objects.exists()
    page = response.content.decode()
    assert 'id="id_answer_by_post_error"' in page and NEEDS_ADDRESS in page
    assert 'value="Savetskaya 12"' in page  # what was typed is kept
    data = citizen_form(answer_by_post="on", applicant_address=ADDRESS)
    assert client.post("/appeals/new/A/", data).status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.answer_by_post and appeal.applicant_address == ADDRESS


def test_the_error_speaks_russian_on_a_russian_page(client: Any, world: Any) -> None:
    client.cookies["ratusha_language"] = "ru"
    html = client.post("/appeals/new/A/", citizen_form(answer_by_post="on")).content.decode()
    assert "Чтобы получить ответ на бумаге, укажите почтовый адрес." in html


def test_the_action_refuses_a_paper_answer_without_an_address(appeal_input: Any) -> None:
    with translation.override("en"), pytest.raises(AppealInvalid) as refused:
        check_register_appeal(appeal_input(answer_by_post=True, applicant_address=" "))
    assert refused.value.errors == {"answer_by_post": [NEEDS_ADDRESS]}


def test_the_clerk_records_the_request_and_staff_see_it(
    world: Any, as_user: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "en"
    url = reverse("appeals:register-appeal", args=[world.bodies["A"].pk])
    data = clerk_form(channel="oral", applicant_email="petr@example.org", answer_by_post="on")
    assert client.post(url, data).status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.answer_by_post
    page = client.get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    assert "The applicant asked for the answer on paper: it is posted." in page


def test_asked_for_on_paper_the_answer_is_e_mailed_and_waits_as_a_letter(
    make_appeal: Any, world: Any, client: Any, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = make_appeal(applicant_address=ADDRESS, answer_by_post=True, language="en")
    mail.outbox.clear()
    answer(appeal, world, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[appeal.applicant_email]]  # the e-mail too
    [letter] = UndeliveredNotice.objects.all()
    assert (letter.channel, letter.kind, letter.resolved_at) == ("post", "answer", None)
    sent = AppealEvent.objects.get(appeal=appeal, action="send_answer")
    assert sent.extra["delivery"] == "email_post"
    staff = as_user("clerk")
    staff.cookies["ratusha_language"] = "en"
    history = staff.get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    assert "Answer sent (by e-mail and by post)" in history
    client.logout()
    client.cookies["ratusha_language"] = "en"
    waiting = client.get(track_url(appeal)).content.decode()
    assert "The letter with the answer is being prepared for posting" in waiting
    as_user("clerk").post(action_url(world, letter, "posted"))
    client.logout()
    posted = client.get(track_url(appeal)).content.decode()
    assert "The letter with the answer was posted to your postal address on" in posted
    assert send_answer_notice.call(appeal.pk) == "sent and letter to post"  # run again
    assert UndeliveredNotice.objects.count() == 1  # the posted letter is not made twice


def test_without_the_request_an_e_mailed_answer_has_no_letter(
    make_appeal: Any, world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = make_appeal(applicant_address=ADDRESS, language="en")
    answer(appeal, world, django_capture_on_commit_callbacks)
    assert not UndeliveredNotice.objects.exists()
    client.cookies["ratusha_language"] = "en"
    assert "The letter with the answer" not in client.get(track_url(appeal)).content.decode()


@pytest.fixture
def failed_with_address(
    make_appeal: Any, world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> UndeliveredNotice:
    """The failed answer e-mail of an applicant who gave a postal address too."""
    appeal = make_appeal(applicant_address=ADDRESS)
    settings.EMAIL_BACKEND = FAILING
    answer(appeal, world, django_capture_on_commit_callbacks)
    failed = UndeliveredNotice.objects.get()
    assert failed.channel == "email"
    return failed


def test_a_failed_answer_e_mail_is_posted_instead_and_printed_with_the_letters(
    failed_with_address: UndeliveredNotice, world: Any, as_user: Any
) -> None:
    failed, appeal = failed_with_address, failed_with_address.appeal
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "en"
    [row] = rows(client.get(queue_url(world)).content.decode())
    assert "Post a letter instead" in row and action_url(world, failed, "post-instead") in row
    done = client.post(action_url(world, failed, "post-instead"), follow=True).content.decode()
    assert f"The notice about {appeal.number} waits among the letters to post." in done
    failed.refresh_from_db()
    assert (failed.resolution, failed.resolved_by) == ("letter", world.users["clerk"])
    [letter] = UndeliveredNotice.objects.filter(resolved_at__isnull=True)
    assert (letter.channel, letter.kind, letter.task_args) == ("post", "answer", [appeal.pk])
    [waiting] = rows(done)
    assert "Answer · letter by post" in waiting and ADDRESS in waiting
    printed = client.get(reverse("appeals:undelivered-letters", args=[world.bodies["A"].pk]))
    assert "Repaired on Monday." in printed.content.decode()


def test_a_failed_step_e_mail_becomes_its_step_letter(
    make_appeal: Any,
    world: Any,
    as_user: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from datetime import timedelta

    appeal = make_appeal(applicant_address=ADDRESS)
    settings.EMAIL_BACKEND = FAILING
    data = {"new_due_date": appeal.due_date + timedelta(days=10), "reason": "A survey."}
    with django_capture_on_commit_callbacks(execute=True):
        check_transition(appeal.pk, "extend_deadline", world.users["head"], data)
    event = AppealEvent.objects.get(appeal=appeal, action="extend_deadline")
    failed = UndeliveredNotice.objects.get(channel="email")
    letter = check_post_instead(world.users["clerk"], failed)
    assert (letter.channel, letter.kind, letter.task_args) == ("post", "status", [event.pk])
    [row] = rows(as_user("clerk").get(queue_url(world)).content.decode())
    assert reverse("appeals:step-letter", args=[appeal.pk, event.pk]) in row
    settings.EMAIL_BACKEND = WORKING
    assert send_status_notice.call(event.pk) == "sent"  # sent again later: still one letter
    assert UndeliveredNotice.objects.filter(channel="post").count() == 1


def test_the_letter_asked_for_is_not_made_twice_when_its_e_mail_fails(
    make_appeal: Any,
    world: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    appeal = make_appeal(applicant_address=ADDRESS, answer_by_post=True)
    settings.EMAIL_BACKEND = FAILING
    answer(appeal, world, django_capture_on_commit_callbacks)
    letter = UndeliveredNotice.objects.get(channel="post")  # recorded before the e-mail
    failed = UndeliveredNotice.objects.get(channel="email")
    assert check_post_instead(world.users["clerk"], failed) == letter
    assert UndeliveredNotice.objects.filter(channel="post").count() == 1


def test_without_a_postal_address_nothing_is_posted_instead(
    make_appeal: Any,
    world: Any,
    as_user: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    appeal = make_appeal(applicant_address="")
    settings.EMAIL_BACKEND = FAILING
    answer(appeal, world, django_capture_on_commit_callbacks)
    failed_answer = UndeliveredNotice.objects.get()
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "en"
    [row] = rows(client.get(queue_url(world)).content.decode())
    assert "Post a letter instead" not in row and "Delivered otherwise" in row
    refused = client.post(action_url(world, failed_answer, "post-instead"), follow=True)
    assert "The applicant gave no postal address: tell them otherwise." in refused.content.decode()
    failed_answer.refresh_from_db()
    assert failed_answer.resolved_at is None
    assert not UndeliveredNotice.objects.filter(channel="post").exists()


def test_a_receipt_has_no_letter_and_a_letter_is_not_posted_instead(
    make_appeal: Any,
    world: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        appeal = make_appeal(applicant_address=ADDRESS)
    receipt = UndeliveredNotice.objects.get(appeal=appeal, kind="receipt")
    with translation.override("en"), pytest.raises(TransitionNotAllowed) as refused:
        check_post_instead(world.users["clerk"], receipt)
    assert refused.value.code == "no_letter"
    paper = make_appeal(applicant_email="", applicant_address=ADDRESS)
    answer(paper, world, django_capture_on_commit_callbacks)
    letter = UndeliveredNotice.objects.get(channel="post")
    with pytest.raises(TransitionNotAllowed) as again:
        check_post_instead(world.users["clerk"], letter)
    assert again.value.code == "letter_to_post"
    receipt.refresh_from_db()
    letter.refresh_from_db()
    assert receipt.resolved_at is None and letter.resolved_at is None


@pytest.mark.parametrize("name", ["officer", "head", "auditor", "officer_b"])
def test_only_the_body_s_clerks_post_instead(
    failed_with_address: UndeliveredNotice, world: Any, as_user: Any, name: str
) -> None:
    failed = failed_with_address
    response = as_user(name).post(action_url(world, failed, "post-instead"))
    assert response.status_code in (403, 404)
    failed.refresh_from_db()
    assert failed.resolved_at is None and UndeliveredNotice.objects.count() == 1
