"""The executor asks the applicant for more information; the applicant replies on the
tracking page (or a clerk enters a reply given on paper), and the executor is told."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from tests.appeals_staff.test_undelivered_notices import queue_url, rows

from ratusha.appeals.actions import check_reply, check_transition, tracking_token
from ratusha.appeals.actions.errors import TransitionNotAllowed
from ratusha.appeals.models import Appeal, AppealEvent, UndeliveredNotice
from ratusha.ledger.models import PendingEntry

pytestmark = pytest.mark.django_db

QUESTION = "Which entrance of house 12 has no light: the first or the second?"
REPLY = "The second entrance, on the yard side."
ADDRESS = "вул. Савецкая, 12, кв. 3, Мінск"


def track_url(appeal: Appeal, name: str = "track") -> str:
    return reverse(f"appeals:{name}", args=[appeal.number, tracking_token(appeal)])


def ask(client: Any, appeal: Appeal, question: str = QUESTION) -> Any:
    url = reverse("appeals:act", args=[appeal.pk, "ask_applicant"])
    data = {"ask_applicant-expected_version": appeal.version, "ask_applicant-question": question}
    return client.post(url, data, follow=True)


def test_the_officer_asks_and_the_applicant_is_told_with_the_question(
    make_appeal: Any, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = make_appeal(language="en")
    client = as_user("officer")
    client.cookies["ratusha_language"] = "en"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = ask(client, appeal).content.decode()
    assert "Asked for more information on" in page  # beside the status
    assert "More information from the applicant" in page and QUESTION in page
    event = AppealEvent.objects.get(appeal=appeal, action="ask_applicant")
    assert event.public and event.extra["question"] == QUESTION and event.to_state == "assigned"
    appeal.refresh_from_db()
    assert appeal.information_requested_at == event.at and appeal.state == "assigned"
    [sent] = mail.outbox
    assert sent.to == [appeal.applicant_email]
    assert sent.subject == f"Your appeal {appeal.number}: more information is needed"
    assert QUESTION in sent.body and track_url(appeal) in sent.body
    entry = PendingEntry.objects.filter(subject=appeal.number).order_by("-pk").first()
    assert entry is not None and "entrance" not in str(entry.__dict__)  # no free text


def test_the_applicant_replies_on_the_tracking_page_and_the_head_is_told(
    make_appeal: Any,
    as_user: Any,
    client: Any,
    world: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    appeal = make_appeal(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        ask(as_user("officer"), appeal)
    client.logout()
    client.cookies["ratusha_language"] = "en"
    page = client.get(track_url(appeal)).content.decode()
    assert "The department needs more information" in page and QUESTION in page
    assert "The department asked you for more information" in page  # in the history
    empty = client.post(track_url(appeal, "reply"), {"reply": "  "})
    assert empty.status_code == 400 and "Write your reply." in empty.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(track_url(appeal, "reply"), {"reply": REPLY}, follow=True)
    html = done.content.decode()
    assert "Thank you: your reply was passed to the department." in html
    assert "The department needs more information" not in html  # no form any more
    assert "Your reply was passed to the department" in html and REPLY in html
    event = AppealEvent.objects.get(appeal=appeal, action="applicant_reply")
    assert event.actor_role == "citizen" and event.extra["reply"] == REPLY and event.public
    appeal.refresh_from_db()
    assert appeal.information_requested_at is None
    [told] = mail.outbox
    assert told.to == [world.users["head"].email]  # no executor yet: the department's head
    assert REPLY in told.body and reverse("appeals:appeal", args=[appeal.pk]) in told.body
    again = client.post(track_url(appeal, "reply"), {"reply": "Once more."}, follow=True)
    assert "or the reply has already been given" in again.content.decode()
    assert AppealEvent.objects.filter(appeal=appeal, action="applicant_reply").count() == 1


def test_no_reply_is_taken_when_nothing_was_asked(make_appeal: Any, client: Any) -> None:
    appeal = make_appeal()
    client.cookies["ratusha_language"] = "en"
    assert (
        "The department needs more information"
        not in client.get(track_url(appeal)).content.decode()
    )
    refused = client.post(track_url(appeal, "reply"), {"reply": REPLY}, follow=True)
    assert "Nobody has asked for more information" in refused.content.decode()
    assert not AppealEvent.objects.filter(appeal=appeal, action="applicant_reply").exists()
    with pytest.raises(TransitionNotAllowed):
        check_reply(appeal, REPLY)


def test_a_paper_applicant_gets_the_question_as_a_letter_and_the_clerk_enters_the_reply(
    make_appeal: Any, as_user: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = make_appeal(applicant_email="", applicant_address=ADDRESS, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        ask(as_user("officer"), appeal)
    event = AppealEvent.objects.get(appeal=appeal, action="ask_applicant")
    [letter] = UndeliveredNotice.objects.all()
    assert (letter.channel, letter.kind, letter.task_args) == ("post", "status", [event.pk])
    clerk = as_user("clerk")
    clerk.cookies["ratusha_language"] = "en"
    [row] = rows(clerk.get(queue_url(world)).content.decode())
    printable = reverse("appeals:step-letter", args=[appeal.pk, event.pk])
    assert printable in row
    printed = clerk.get(printable).content.decode()
    assert QUESTION in printed and ADDRESS in printed and "by letter or in person" in printed
    page = clerk.get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    assert "Enter the applicant&#x27;s reply" in page or "Enter the applicant's reply" in page
    appeal.refresh_from_db()
    url = reverse("appeals:act", args=[appeal.pk, "applicant_reply"])
    data = {"applicant_reply-expected_version": appeal.version, "applicant_reply-reply": REPLY}
    clerk.post(url, data)
    reply = AppealEvent.objects.get(appeal=appeal, action="applicant_reply")
    assert reply.actor == world.users["clerk"] and reply.actor_role == "registry_clerk"


def test_an_officer_of_another_department_cannot_ask(make_appeal: Any, as_user: Any) -> None:
    appeal = make_appeal()
    response = ask(as_user("officer_b"), appeal)
    assert response.status_code in (403, 404)
    assert not AppealEvent.objects.filter(appeal=appeal, action="ask_applicant").exists()


def test_asked_again_the_request_waits_since_the_first_and_one_reply_ends_it(
    make_appeal: Any, world: Any
) -> None:
    appeal = make_appeal()
    check_transition(appeal.pk, "ask_applicant", world.users["officer"], {"question": QUESTION})
    first = Appeal.objects.get(pk=appeal.pk).information_requested_at
    check_transition(appeal.pk, "ask_applicant", world.users["officer"], {"question": "And?"})
    assert Appeal.objects.get(pk=appeal.pk).information_requested_at == first
    check_transition(appeal.pk, "applicant_reply", world.users["clerk"], {"reply": REPLY})
    assert Appeal.objects.get(pk=appeal.pk).information_requested_at is None


def test_the_inbox_marks_and_filters_the_appeals_that_wait_for_the_applicant(
    make_appeal: Any, as_user: Any, world: Any
) -> None:
    waiting, other = make_appeal(), make_appeal()
    check_transition(waiting.pk, "ask_applicant", world.users["officer"], {"question": QUESTION})
    client = as_user("officer")
    client.cookies["ratusha_language"] = "en"
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    html = client.get(url).content.decode()
    marked = [row for row in rows(html) if "waiting for the applicant&#x27;s reply" in row]
    assert len(marked) == 1 and waiting.number in marked[0] and other.number in html
    filtered = client.get(url, {"status": "waiting_applicant"}).content.decode()
    assert waiting.number in filtered and other.number not in filtered
    assert "Waiting for the applicant&#x27;s reply</option>" in filtered
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now() + timedelta(days=3, hours=1), tick=False):
        later = rows(client.get(url).content.decode())
    [marked] = [row for row in later if waiting.number in row]
    assert "waiting for the applicant&#x27;s reply: 3 days" in marked


def test_the_reply_brings_a_photo_and_a_fake_one_is_refused_keeping_the_text(
    make_appeal: Any, as_user: Any, client: Any, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    appeal = make_appeal(language="en")
    ask(as_user("officer"), appeal)
    client.logout()
    client.cookies["ratusha_language"] = "en"
    fake = SimpleUploadedFile("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    refused = client.post(track_url(appeal, "reply"), {"reply": REPLY, "files": [fake]})
    html = refused.content.decode()
    assert refused.status_code == 400 and "photo.png is not a PDF, JPEG, PNG or HEIC file." in html
    assert REPLY in html and 'enctype="multipart/form-data"' in html  # the text is kept
    assert not AppealEvent.objects.filter(appeal=appeal, action="applicant_reply").exists()
    photo = SimpleUploadedFile("entrance.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    done = client.post(track_url(appeal, "reply"), {"reply": REPLY, "files": [photo]}, follow=True)
    event = AppealEvent.objects.get(appeal=appeal, action="applicant_reply")
    [file] = appeal.attachments.all()
    assert (file.original_name, file.content_type, file.reply_id) == (
        "entrance.png",
        "image/png",
        event.pk,
    )
    assert "Files: <a href=" in done.content.decode() and "entrance.png" in done.content.decode()
    staff = as_user("officer").get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    exchange = staff[staff.index('id="exchange"') : staff.index('id="questions"')]
    assert "entrance.png" in exchange and REPLY in exchange


def test_a_withdrawal_ends_the_request_and_its_reply_form(
    make_appeal: Any, world: Any, client: Any
) -> None:
    appeal = make_appeal(language="en")
    check_transition(appeal.pk, "ask_applicant", world.users["officer"], {"question": QUESTION})
    check_transition(appeal.pk, "withdraw", world.users["clerk"], {})
    appeal.refresh_from_db()
    assert appeal.state == "withdrawn" and appeal.information_requested_at is None
    client.cookies["ratusha_language"] = "en"
    assert (
        "The department needs more information"
        not in client.get(track_url(appeal)).content.decode()
    )


def test_a_silent_applicant_is_reminded_once_after_five_days(
    make_appeal: Any, world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from ratusha import sms
    from ratusha.appeals.reply_notices import remind_silent_applicants, send_reply_reminder

    silent = make_appeal(language="en", applicant_phone="+375291234567", sms_notices=True)
    replied = make_appeal(language="en")
    for appeal in (silent, replied):
        check_transition(appeal.pk, "ask_applicant", world.users["officer"], {"question": QUESTION})
    check_reply(replied, REPLY)
    mail.outbox.clear()
    sms.outbox.clear()
    with time_machine.travel(timezone.now() + timedelta(days=4), tick=False):
        assert remind_silent_applicants.call() == 0  # too early
    with time_machine.travel(timezone.now() + timedelta(days=6), tick=False):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                remind_silent_applicants.call()
    [reminder] = mail.outbox
    assert reminder.to == [silent.applicant_email]
    assert reminder.subject == f"Reminder: your appeal {silent.number} needs more information"
    assert QUESTION in reminder.body and track_url(silent) in reminder.body
    [text] = sms.outbox
    assert text.text.startswith(f"Appeal {silent.number} still needs more information from you")
    settings.RATUSHA_REPLY_REMINDER_DAYS = 0
    assert remind_silent_applicants.call() == 0
    check_reply(silent, REPLY)
    assert send_reply_reminder.call(silent.pk) == "replied meanwhile"


def test_the_officer_picks_a_common_question_of_the_body(
    make_appeal: Any, as_user: Any, world: Any
) -> None:
    from ratusha.appeals.models import AnswerTemplate

    body = world.bodies["A"]
    AnswerTemplate.objects.create(body=body, kind="question", title="Photo", text="Send a photo.")
    AnswerTemplate.objects.create(body=body, title="Repaired", text="The road was repaired.")
    appeal = make_appeal(language="en")
    client = as_user("officer")
    client.cookies["ratusha_language"] = "en"
    page = client.get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    assert 'data-fills="id_ask_applicant-question"' in page
    assert 'data-text="Send a photo."' in page and "Or a common question" in page
    answer_templates = page[page.index('id="template-select"') :]
    answer_templates = answer_templates[: answer_templates.index("</select>")]
    assert "Repaired" in answer_templates and "Photo" not in answer_templates
    url = reverse("appeals:act", args=[appeal.pk, "ask_applicant"])
    data = {"ask_applicant-expected_version": appeal.version, "ask_applicant-question": ""}
    neither = client.post(url, data)
    assert neither.status_code == 400
    assert "Write the question or choose a common one." in neither.content.decode()
    client.post(url, {**data, "ask_applicant-common_question": "0"})  # no JavaScript
    asked = AppealEvent.objects.get(appeal=appeal, action="ask_applicant")
    assert asked.said == "Send a photo."
    appeal.refresh_from_db()
    edited = "Send a photo of the hole, please, with the house number in it."
    client.post(
        url,
        {
            "ask_applicant-expected_version": appeal.version,
            "ask_applicant-common_question": "0",
            "ask_applicant-question": edited,  # chosen, then edited in the box
        },
    )
    assert AppealEvent.objects.filter(appeal=appeal, action="ask_applicant").latest("pk").said == (
        edited
    )
