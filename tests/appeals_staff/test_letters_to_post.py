"""An applicant without an e-mail address gets the answer and step notices as letters to post."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader
from tests.appeals_staff.test_undelivered_notices import action_url, answer, queue_url, rows

from ratusha.appeals.actions import (
    check_approve_answer,
    check_draft_answer,
    check_resend_all,
    check_transition,
)
from ratusha.appeals.models import Appeal, AppealEvent, UndeliveredNotice
from ratusha.appeals.tasks import send_answer_notice

pytestmark = pytest.mark.django_db

ADDRESS = "вул. Савецкая, 12, кв. 3, Мінск"
ANSWERED = "Repaired on Monday."


def letter_and_clerk(paper: Appeal, world: Any, as_user: Any, capture: Any) -> tuple[Any, Any]:
    """Answer the paper applicant; give the letter waiting and the clerk (in English)."""
    answer(paper, world, capture)
    [letter] = UndeliveredNotice.objects.all()
    clerk = as_user("clerk")
    clerk.cookies["ratusha_language"] = "en"
    return letter, clerk


@pytest.fixture
def paper(make_appeal: Any) -> Appeal:
    """An appeal written on paper: a postal address, no e-mail."""
    return make_appeal(applicant_email="", applicant_address=ADDRESS, language="be")


def test_a_paper_applicant_s_answer_waits_as_a_letter_to_post(
    paper: Appeal, world: Any, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    answer(paper, world, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    [letter] = UndeliveredNotice.objects.all()
    assert (letter.channel, letter.kind, letter.task_args) == ("post", "answer", [paper.pk])
    assert letter.recipient == ADDRESS and letter.resolved_at is None
    sent = AppealEvent.objects.get(appeal=paper, action="send_answer")
    assert sent.extra["delivery"] == "post"  # the history says how it goes
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "en"
    html = client.get(queue_url(world)).content.decode()
    [row] = rows(html)
    printable = reverse("appeals:answer-letter", args=[paper.pk])
    assert "Answer · letter by post" in row and ADDRESS in row
    assert f'href="{printable}"' in row and action_url(world, letter, "posted") in row
    assert "Send again" not in row and "Send all again" not in html  # nothing to send
    history = client.get(reverse("appeals:appeal", args=[paper.pk])).content.decode()
    assert f'<a href="{printable}">Letter with the answer</a>' in history  # to print it again
    assert "Answer sent (by post)" in history
    page = client.get(printable).content.decode()
    assert ANSWERED in page and ADDRESS in page and 'lang="be"' in page
    assert f"Адказ на ваш зварот {paper.number}" in page  # in the applicant's language
    done = client.post(action_url(world, letter, "posted"), follow=True).content.decode()
    assert f"The letter about {paper.number} is marked as posted." in done
    letter.refresh_from_db()
    assert letter.resolution == "posted" and letter.resolved_by == world.users["clerk"]
    assert rows(done) == []


def test_the_task_run_again_does_not_make_a_second_letter(
    paper: Appeal, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    answer(paper, world, django_capture_on_commit_callbacks)
    assert send_answer_notice.call(paper.pk) == "letter to post"
    assert UndeliveredNotice.objects.count() == 1


def test_a_step_notice_waits_as_a_letter_linking_its_printable_page(
    paper: Appeal, world: Any, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = {"new_due_date": paper.due_date + timedelta(days=10), "reason": "A survey."}
    with django_capture_on_commit_callbacks(execute=True):
        check_transition(paper.pk, "extend_deadline", world.users["head"], data)
    event = AppealEvent.objects.get(appeal=paper, action="extend_deadline")
    [letter] = UndeliveredNotice.objects.all()
    assert (letter.channel, letter.kind, letter.task_args) == ("post", "status", [event.pk])
    [row] = rows(as_user("clerk").get(queue_url(world)).content.decode())
    assert reverse("appeals:step-letter", args=[paper.pk, event.pk]) in row


def test_letters_are_not_sent_again_and_e_mails_are_not_posted(
    paper: Appeal,
    make_appeal: Any,
    world: Any,
    as_user: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    letter, client = letter_and_clerk(paper, world, as_user, django_capture_on_commit_callbacks)
    refused = client.post(action_url(world, letter, "resend"), follow=True).content.decode()
    assert "A letter is printed and posted, not sent again." in refused
    assert check_resend_all(world.users["clerk"], world.bodies["A"]) == 0
    letter.refresh_from_db()
    assert letter.resolved_at is None
    other = make_appeal()
    settings.EMAIL_BACKEND = "tests.appeals_staff.test_undelivered_notices.FailingEmailBackend"
    answer(other, world, django_capture_on_commit_callbacks)
    failed = UndeliveredNotice.objects.get(channel="email")
    refused = client.post(action_url(world, failed, "posted"), follow=True).content.decode()
    assert "Only a letter is posted." in refused
    failed.refresh_from_db()
    assert failed.resolved_at is None


def test_no_letter_for_an_applicant_with_an_e_mail_address(
    make_appeal: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = make_appeal(applicant_address=ADDRESS)  # an e-mail address too
    answer(appeal, world, django_capture_on_commit_callbacks)
    assert len(mail.outbox) >= 1 and not UndeliveredNotice.objects.exists()


@pytest.mark.parametrize("name", ["officer", "head", "auditor", "officer_b"])
def test_only_the_body_s_clerks_mark_letters_posted(
    paper: Appeal, world: Any, as_user: Any, name: str, django_capture_on_commit_callbacks: Any
) -> None:
    answer(paper, world, django_capture_on_commit_callbacks)
    [letter] = UndeliveredNotice.objects.all()
    assert as_user(name).post(action_url(world, letter, "posted")).status_code in (403, 404)
    letter.refresh_from_db()
    assert letter.resolved_at is None


def test_all_waiting_letters_print_on_one_page_and_are_marked_posted_together(
    paper: Appeal,
    make_appeal: Any,
    world: Any,
    as_user: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    second = make_appeal(applicant_email="", applicant_address="Мінск, вул. Леніна, 1")
    answer(paper, world, django_capture_on_commit_callbacks)
    data = {"new_due_date": second.due_date + timedelta(days=10), "reason": "A survey."}
    with django_capture_on_commit_callbacks(execute=True):
        check_transition(second.pk, "extend_deadline", world.users["head"], data)
    emailed = make_appeal()
    settings.EMAIL_BACKEND = "tests.appeals_staff.test_undelivered_notices.FailingEmailBackend"
    answer(emailed, world, django_capture_on_commit_callbacks)
    failed = UndeliveredNotice.objects.get(channel="email")
    letters = list(UndeliveredNotice.objects.filter(channel="post").order_by("failed_at", "pk"))
    assert len(letters) == 2
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "en"
    queue = client.get(queue_url(world)).content.decode()
    url = reverse("appeals:undelivered-letters", args=[world.bodies["A"].pk])
    assert f'<a href="{url}">Print all 2 waiting letters</a>' in queue
    page = client.get(url).content.decode()
    assert page.count('<div class="letter-page">') == 2
    assert ANSWERED in page and "A survey." in page and ADDRESS in page
    assert page.index(paper.number) < page.index(second.number)  # oldest first
    ids = [int(v) for v in re.findall(r'name="notice" value="(\d+)"', page)]
    assert ids == [n.pk for n in letters]
    done_url = reverse("appeals:undelivered-posted-all", args=[world.bodies["A"].pk])
    done = client.post(done_url, {"notice": [*ids, failed.pk]}, follow=True).content.decode()
    assert "2 letters are marked as posted." in done
    assert set(UndeliveredNotice.objects.filter(resolved_at__isnull=True)) == {failed}
    assert "No letter waits to be posted." in client.get(url).content.decode()


@pytest.mark.parametrize("name", ["officer", "head", "officer_b"])
def test_others_may_neither_print_nor_mark_the_letters(
    paper: Appeal, world: Any, as_user: Any, name: str, django_capture_on_commit_callbacks: Any
) -> None:
    answer(paper, world, django_capture_on_commit_callbacks)
    [letter] = UndeliveredNotice.objects.all()
    client = as_user(name)
    body = world.bodies["A"].pk
    assert client.get(reverse("appeals:undelivered-letters", args=[body])).status_code in (
        403,
        404,
    )
    posted = client.post(
        reverse("appeals:undelivered-posted-all", args=[body]), {"notice": [letter.pk]}
    )
    assert posted.status_code in (403, 404)
    letter.refresh_from_db()
    assert letter.resolved_at is None


def test_the_answer_letter_shows_the_answer_sent_not_a_newer_draft(
    paper: Appeal, world: Any, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.appeals.actions import check_draft_answer

    answer(paper, world, django_capture_on_commit_callbacks)
    check_transition(paper.pk, "reopen", world.users["head"], {"reason": "The roof leaks again."})
    department = {"department": str(world.departments["A1"].pk)}
    check_transition(paper.pk, "assign", world.users["head"], department)
    check_draft_answer(paper.pk, world.users["officer"], "A new draft, not yet approved.", [])
    page = as_user("clerk").get(reverse("appeals:answer-letter", args=[paper.pk]))
    text = page.content.decode()
    assert ANSWERED in text and "A new draft" not in text


def test_the_waiting_letters_download_as_one_pdf_for_window_envelopes(
    paper: Appeal,
    make_appeal: Any,
    world: Any,
    as_user: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    long_text = "A long answer. " * 400  # flows on to more sheets, nothing cut off
    second = make_appeal(applicant_email="", applicant_address="Мінск, вул. Леніна, 1")
    answer(paper, world, django_capture_on_commit_callbacks)
    questions = list(second.questions.values_list("pk", flat=True))
    check_draft_answer(second.pk, world.users["officer"], long_text + "THE END.", questions)
    with django_capture_on_commit_callbacks(execute=True):
        check_approve_answer(second.pk, world.users["head"])
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "en"
    url = reverse("appeals:undelivered-letters-pdf", args=[world.bodies["A"].pk])
    assert (
        url
        in client.get(
            reverse("appeals:undelivered-letters", args=[world.bodies["A"].pk])
        ).content.decode()
    )
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3  # one sheet for the first, at least two for the long one
    assert ADDRESS.split(",")[0] in pages[0] and ANSWERED in pages[0]
    assert "THE END." in "".join(pages[1:])
    assert second.number in pages[1] and paper.number not in pages[1]  # a new sheet each
    for name in ("officer", "officer_b"):
        assert as_user(name).get(url).status_code in (403, 404)


def test_no_pdf_when_no_letter_waits(world: Any, as_user: Any) -> None:
    url = reverse("appeals:undelivered-letters-pdf", args=[world.bodies["A"].pk])
    assert as_user("clerk").get(url).status_code == 404


def test_the_body_page_counts_the_letters_posted_by_month_for_its_clerks(
    paper: Appeal, world: Any, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.utils import dateformat, timezone

    letter, clerk = letter_and_clerk(paper, world, as_user, django_capture_on_commit_callbacks)
    url = reverse("pages:staff-body", args=[world.bodies["A"].pk])
    assert "No letter was posted in the last 12 months." in clerk.get(url).content.decode()
    clerk.post(action_url(world, letter, "posted"))
    html = clerk.get(url).content.decode()
    month = dateformat.format(timezone.localtime(timezone.now()), "F Y")
    assert f'<tr><td>{month}</td><td class="num">1</td></tr>' in html
    officer = as_user("officer").get(url).content.decode()
    assert "Letters posted to applicants" not in officer


def test_a_letter_marked_posted_by_mistake_is_taken_back_within_the_week(
    paper: Appeal, world: Any, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta as days

    from django.utils import timezone

    letter, client = letter_and_clerk(paper, world, as_user, django_capture_on_commit_callbacks)
    done = client.post(action_url(world, letter, "posted"), follow=True).content.decode()
    recent = done[done.index('id="recent"') :]
    assert paper.number in recent and "Posted" in recent and "Take back" in recent
    back = client.post(action_url(world, letter, "undo"), follow=True).content.decode()
    assert f"The notice about {paper.number} is waiting again." in back
    letter.refresh_from_db()
    assert (letter.resolved_at, letter.resolved_by, letter.resolution) == (None, None, "")
    [row] = rows(back)
    assert paper.number in row  # waiting in the queue again
    again = client.post(action_url(world, letter, "undo"), follow=True).content.decode()
    assert "This notice is waiting already." in again
    client.post(action_url(world, letter, "posted"))
    old = timezone.now() - days(days=8)
    UndeliveredNotice.objects.filter(pk=letter.pk).update(resolved_at=old)
    late = client.post(action_url(world, letter, "undo"), follow=True).content.decode()
    assert "Only a mark of the last 7 days can be taken back." in late
    assert 'id="recent"' not in late  # older than a week: not listed
    letter.refresh_from_db()
    assert letter.resolution == "posted"


def test_a_notice_sent_again_is_not_taken_back(
    make_appeal: Any,
    world: Any,
    as_user: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    appeal = make_appeal()
    settings.EMAIL_BACKEND = "tests.appeals_staff.test_undelivered_notices.FailingEmailBackend"
    answer(appeal, world, django_capture_on_commit_callbacks)
    failed = UndeliveredNotice.objects.get()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(action_url(world, failed, "resend"), follow=True).content.decode()
    recent = page[page.index('id="recent"') :]
    assert appeal.number in recent and "Sent again" in recent and "Take back" not in recent
    refused = client.post(action_url(world, failed, "undo"), follow=True).content.decode()
    assert "A notice sent again or posted as a letter cannot be taken back." in refused
    for name in ("officer", "officer_b"):
        assert as_user(name).post(action_url(world, failed, "undo")).status_code in (403, 404)


def test_the_register_of_letters_posted_lists_the_day_s_letters_for_the_post_office(
    paper: Appeal, world: Any, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.utils import timezone

    letter, clerk = letter_and_clerk(paper, world, as_user, django_capture_on_commit_callbacks)
    url = reverse("appeals:undelivered-posted-register", args=[world.bodies["A"].pk])
    assert "No letter was marked posted in this period." in clerk.get(url).content.decode()
    clerk.post(action_url(world, letter, "posted"))
    html = clerk.get(url).content.decode()
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    assert paper.number in table and paper.applicant_address in table
    assert paper.applicant_name in table and "Answer" in table
    assert world.users["clerk"].full_name in table
    assert ": 1 letter." in html and "Accepted by the post office" in html
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    later = clerk.get(url, {"from": tomorrow, "to": tomorrow}).content.decode()
    assert paper.number not in later and "No letter was marked posted" in later
    wrong = clerk.get(url, {"from": tomorrow, "to": "2020-01-01"})
    assert wrong.status_code == 400
    assert "The end of the period is before its start." in wrong.content.decode()
    for name in ("officer", "officer_b"):
        assert as_user(name).get(url).status_code in (403, 404)


def test_the_register_of_letters_posted_downloads_as_a_spreadsheet(
    paper: Appeal, world: Any, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    letter, clerk = letter_and_clerk(paper, world, as_user, django_capture_on_commit_callbacks)
    url = reverse("appeals:undelivered-posted-register", args=[world.bodies["A"].pk])
    clerk.post(action_url(world, letter, "posted"))
    response = clerk.get(url, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "letters-posted-A-" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert cells[0] == ["Register of letters posted"] and cells[1] == [world.bodies["A"].name]
    header = cells.index(
        ["No.", "Addressee", "Postal address", "Appeal", "Letter", "Marked posted", "Marked by"]
    )
    [row] = cells[header + 1 :]
    assert row[:5] == [1, paper.applicant_name, paper.applicant_address, paper.number, "Answer"]
    assert row[6] == world.users["clerk"].full_name
    wrong = clerk.get(url, {"from": "2026-03-10", "to": "2020-01-01", "format": "xlsx"})
    assert wrong.status_code == 400 and wrong["Content-Type"].startswith("text/html")
    assert as_user("officer").get(url, {"format": "xlsx"}).status_code in (403, 404)
