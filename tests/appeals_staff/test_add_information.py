"""The applicant adds information to their appeal unasked (a new fact, a photo) on the
tracking page until the answer, or a clerk enters one given on paper; the department is told."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse
from tests.appeals_staff.test_information_request import QUESTION, REPLY, ask, track_url

from ratusha.appeals.actions import check_add_information, check_transition
from ratusha.appeals.actions.citizen import MAX_ADDITIONS
from ratusha.appeals.actions.errors import TransitionNotAllowed
from ratusha.appeals.models import AppealEvent

pytestmark = pytest.mark.django_db

ADDED = "The hole is now half a metre wide; a car damaged its wheel there yesterday."


def added(appeal: Any) -> Any:
    return AppealEvent.objects.filter(appeal=appeal, action="add_information")


def add_earlier(appeal: Any, count: int) -> None:
    """Store ``count`` additions the applicant made before (straight into the history)."""
    AppealEvent.objects.bulk_create(
        AppealEvent(
            appeal=appeal,
            at=appeal.registered_at,
            actor_role="citizen",
            action="add_information",
            from_state=appeal.state,
            to_state=appeal.state,
            extra={"information": str(n)},
            public=True,
        )
        for n in range(count)
    )


def test_the_applicant_adds_a_fact_and_a_photo_and_the_department_is_told(
    make_appeal: Any,
    client: Any,
    world: Any,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    appeal = make_appeal(language="en")
    client.cookies["ratusha_language"] = "en"
    page = client.get(track_url(appeal)).content.decode()
    assert "Add information to your appeal" in page and "<details>" in page
    empty = client.post(track_url(appeal, "add-information"), {"information": " "})
    html = empty.content.decode()
    assert empty.status_code == 400 and "Write what you want to add." in html
    assert "<details open>" in html  # the form opens on its error
    photo = SimpleUploadedFile("hole.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    head = world.users["head"]
    type(head).objects.filter(pk=head.pk).update(preferred_language="en")  # read in English
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            track_url(appeal, "add-information"),
            {"information": ADDED, "files": [photo]},
            follow=True,
        )
    html = done.content.decode()
    assert "Thank you: what you added was passed to the department." in html
    assert "You added information to the appeal" in html and ADDED in html and "hole.png" in html
    [event] = added(appeal)
    assert event.public and event.actor_role == "citizen" and event.extra == {"information": ADDED}
    [file] = appeal.attachments.all()
    assert file.reply_id == event.pk
    appeal.refresh_from_db()
    assert appeal.state == "assigned" and appeal.information_requested_at is None
    [told] = mail.outbox
    assert told.to == [world.users["head"].email]  # no executor yet: the department's head
    assert told.subject == f"The applicant added information: appeal {appeal.number}"
    assert ADDED in told.body and "added information to it" in told.body
    staff = client.get(reverse("appeals:appeal", args=[appeal.pk]))
    assert staff.status_code in (302, 403, 404)  # the tracking token opens no staff page


def test_the_staff_page_lists_the_addition_and_the_clerk_enters_a_paper_one(
    make_appeal: Any, as_user: Any, world: Any
) -> None:
    appeal = make_appeal(language="en")
    check_add_information(appeal, ADDED)
    clerk = as_user("clerk")
    clerk.cookies["ratusha_language"] = "en"
    page = clerk.get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    exchange = page[page.index('id="exchange"') : page.index('id="questions"')]
    assert "Information added by the applicant" in exchange and ADDED in exchange
    assert "Enter information the applicant added" in page
    appeal.refresh_from_db()
    url = reverse("appeals:act", args=[appeal.pk, "add_information"])
    data = {
        "add_information-expected_version": appeal.version,
        "add_information-information": "By letter: the hole is by the second entrance.",
    }
    clerk.post(url, data)
    paper = added(appeal).latest("pk")
    assert paper.actor == world.users["clerk"] and paper.actor_role == "registry_clerk"
    assert paper.said == "By letter: the hole is by the second entrance."


def test_an_unassigned_appeal_tells_the_clerks(
    make_appeal: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = make_appeal(process=False)
    assert appeal.department_id is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        check_add_information(appeal, ADDED)
    assert {m.to[0] for m in mail.outbox} == {world.users["clerk"].email}


def test_while_a_question_waits_only_the_reply_form_is_shown(
    make_appeal: Any, as_user: Any, client: Any
) -> None:
    appeal = make_appeal(language="en")
    ask(as_user("officer"), appeal)
    client.logout()
    client.cookies["ratusha_language"] = "en"
    page = client.get(track_url(appeal)).content.decode()
    assert QUESTION in page and "Add information to your appeal" not in page
    client.post(track_url(appeal, "reply"), {"reply": REPLY})
    assert "Add information to your appeal" in client.get(track_url(appeal)).content.decode()


def test_nothing_is_added_after_the_answer_or_beyond_the_limit(
    make_appeal: Any, world: Any, client: Any
) -> None:
    appeal = make_appeal(language="en")
    check_transition(appeal.pk, "withdraw", world.users["clerk"], {})
    client.cookies["ratusha_language"] = "en"
    assert "Add information" not in client.get(track_url(appeal)).content.decode()
    refused = client.post(track_url(appeal, "add-information"), {"information": ADDED}, follow=True)
    assert refused.status_code == 200 and not added(appeal).exists()
    assert "until the appeal is answered" in refused.content.decode()
    other = make_appeal(language="en")
    add_earlier(other, MAX_ADDITIONS)
    with pytest.raises(TransitionNotAllowed) as many:
        check_add_information(other, ADDED)
    assert many.value.code == "too_many_additions"


def test_the_thanks_come_in_the_appeal_s_language_from_a_link_without_a_cookie(
    make_appeal: Any, client: Any
) -> None:
    appeal = make_appeal(language="ru")
    done = client.post(track_url(appeal, "add-information"), {"information": ADDED}, follow=True)
    assert "Спасибо: добавленное вами передано в отдел." in done.content.decode()


def test_the_inbox_marks_new_information_until_an_executor_acts_or_reads_it(
    make_appeal: Any, as_user: Any, world: Any
) -> None:
    from tests.appeals_staff.test_undelivered_notices import rows

    fresh, other, read = make_appeal(), make_appeal(), make_appeal()
    for appeal in (fresh, other, read):
        check_add_information(appeal, ADDED)
    check_transition(other.pk, "start_work", world.users["officer"], {})  # acted on
    client = as_user("officer")
    client.cookies["ratusha_language"] = "en"
    page = client.get(reverse("appeals:appeal", args=[read.pk])).content.decode()
    assert "New information on" in page and "Mark as read" in page
    client.post(reverse("appeals:news-read", args=[read.pk]))
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    marked = [r for r in rows(client.get(url).content.decode()) if "new information from" in r]
    assert len(marked) == 1 and fresh.number in marked[0]
    only = client.get(url, {"status": "applicant_news"}).content.decode()
    assert fresh.number in only and other.number not in only and read.number not in only
    clerk = as_user("clerk")
    clerk.cookies["ratusha_language"] = "en"
    refused = clerk.post(reverse("appeals:news-read", args=[fresh.pk]), follow=True)
    assert "Your role does not allow this action" in refused.content.decode()
    fresh.refresh_from_db()
    assert fresh.applicant_news_at is not None  # only an executor's reading counts
    to_a1 = {"department": world.departments["A1"].pk, "reason": "the same department"}
    check_transition(fresh.pk, "reassign", world.users["head"], to_a1)
    fresh.refresh_from_db()
    assert fresh.applicant_news_at is None  # the head acted


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_cannot_both_take_the_last_free_place(make_appeal: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database: SQLite serialises every writer anyway")
    appeal = make_appeal(language="en")
    add_earlier(appeal, MAX_ADDITIONS - 1)
    start = threading.Barrier(4)
    refused: list[str] = []

    def send(n: int) -> None:
        try:
            start.wait()
            check_add_information(appeal, f"{ADDED} ({n})")
        except TransitionNotAllowed as error:
            refused.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert added(appeal).count() == MAX_ADDITIONS
    assert refused == ["too_many_additions"] * 3
