"""The tracking page and what the holder of the link can do: rate, withdraw, complain."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.appeals_citizen.conftest import PNG

from ratusha.appeals.actions import check_approve_answer, check_draft_answer
from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal, AppealEvent, Rating
from ratusha.appeals.tasks import process_appeal

pytestmark = pytest.mark.django_db

ANSWER = "The lamp on Savetskaya 12 will be repaired by Friday."


def answer(appeal: Appeal, world: Any, text: str = ANSWER, approve: bool = True) -> None:
    """Draft the answer as the officer and (optionally) approve and send it as the head."""
    process_appeal.call(appeal.pk)
    questions = list(appeal.questions.values_list("pk", flat=True))
    check_draft_answer(appeal.pk, world.users["officer"], text, questions)
    if approve:
        check_approve_answer(appeal.pk, world.users["head"])
    appeal.refresh_from_db()


def history(html: str) -> list[str]:
    block = re.search(r'<ol class="history">(.*?)</ol>', html, re.S)
    assert block is not None
    return re.findall(r"<li>(.*?)</li>", block[1], re.S)


def test_a_wrong_token_or_number_is_not_found(browser: Any, filed: Any) -> None:
    appeal, url = filed
    assert browser.get(url).status_code == 200
    assert browser.get(f"/appeals/track/{appeal.number}/{'0' * 32}/").status_code == 404
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert browser.get(f"/appeals/track/A-1999-000001/{token}/").status_code == 404
    assert browser.get(f"/appeals/receipt/{appeal.number}/{'0' * 32}/").status_code == 404


def test_the_page_shows_status_term_and_attachments(browser: Any, filed: Any) -> None:
    appeal, url = filed
    html = browser.get(url).content.decode()
    assert f"Appeal {appeal.number}" in html and "Registered" in html
    assert appeal.due_date.strftime("%Y") in html
    assert "Rate the answer" not in html  # nothing to rate yet
    token = url.rstrip("/").rsplit("/", 1)[1]
    attachment = appeal.attachments.get()
    download = f"/appeals/staff/attachments/{attachment.pk}/{token}/"
    assert f'href="{download}"' in html and "lamp.png" in html
    response = browser.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG


def test_the_public_history_hides_internal_steps_and_staff(
    browser: Any, filed: Any, world: Any
) -> None:
    appeal, url = filed
    officer = world.users["officer"]
    officer.full_name = "Ivan Staffname"
    officer.save()
    answer(appeal, world, text="A draft the head has not approved yet.", approve=False)
    AppealEvent.objects.create(
        appeal=appeal,
        at=appeal.changed_at,
        actor=officer,
        actor_role="department_head",
        action="reassign",
        from_state="in_progress",
        to_state="assigned",
        reason="Internal note: the officer is on leave",
        public=False,
    )
    assert AppealEvent.objects.filter(appeal=appeal, public=False).count() >= 3
    html = browser.get(url).content.decode()
    steps = history(html)
    assert len(steps) == 3  # registered, sent to the department, work started
    assert "registered" in steps[0] and "department" in steps[1]
    assert "Sent to another department" not in html and "on leave" not in html
    assert "Ivan Staffname" not in html and "officer@example.org" not in html
    assert "A draft the head has not approved yet." not in html  # a draft is not the answer
    assert "Being considered" in html


def test_rating_only_after_the_answer(browser: Any, filed: Any, world: Any) -> None:
    appeal, url = filed
    early = browser.post(url + "rate/", {"score": "5"})
    assert early.status_code == 302 and not Rating.objects.exists()
    assert "once it has been sent" in browser.get(url).content.decode()

    answer(appeal, world)
    html = browser.get(url).content.decode()
    assert ANSWER in html and "Answered" in html
    assert re.search(r"<fieldset[^>]*>\s*<legend>How do you rate the answer\?", html)
    assert html.count('name="score"') == 5

    missing = browser.post(url + "rate/", {"comment": "No score"})
    assert missing.status_code == 400 and 'id="id_score_error"' in missing.content.decode()
    assert browser.post(url + "rate/", {"score": "2", "comment": "Slow"}).status_code == 302
    assert browser.post(url + "rate/", {"score": "4", "comment": "Fixed"}).status_code == 302
    rating = Rating.objects.get(appeal=appeal)
    assert (rating.score, rating.comment) == (4, "Fixed")
    assert re.search(r'value="4"[^>]*checked', browser.get(url).content.decode())
    assert browser.get(url + "rate/").status_code == 405  # a change needs a POST


def test_withdrawal_asks_for_confirmation_first(browser: Any, filed: Any, world: Any) -> None:
    appeal, url = filed
    process_appeal.call(appeal.pk)
    assert f'action="{url}withdraw/"' in browser.get(url).content.decode()
    confirm = browser.get(url + "withdraw/")
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "Are you sure" in html and "cannot undo" in html
    appeal.refresh_from_db()
    assert appeal.state == State.ASSIGNED  # looking at the question changes nothing

    done = browser.post(url + "withdraw/", {"reason": "Solved by neighbours"})
    assert done.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == State.WITHDRAWN
    html = browser.get(url).content.decode()
    assert "Withdrawn" in html and "withdraw/" not in html
    assert "You withdrew the appeal" in history(html)[-1]
    again = browser.get(url + "withdraw/")
    assert again.status_code == 302 and again["Location"] == url


def test_withdrawal_is_refused_after_the_answer(browser: Any, filed: Any, world: Any) -> None:
    appeal, url = filed
    answer(appeal, world)
    assert "withdraw/" not in browser.get(url).content.decode()
    browser.post(url + "withdraw/", {"reason": "Too late"})
    appeal.refresh_from_db()
    assert appeal.state == State.ANSWERED


def test_a_complaint_goes_to_the_higher_body(browser: Any, filed: Any, world: Any) -> None:
    appeal, url = filed
    assert browser.get(url + "complain/").status_code == 302  # not before the answer
    answer(appeal, world)
    assert f'action="{url}complain/"' in browser.get(url).content.decode()
    form = browser.get(url + "complain/").content.decode()
    assert world.bodies["D"].name_en in form or world.bodies["D"].name_be in form

    short = browser.post(url + "complain/", {"text": ""})
    assert short.status_code == 400 and 'id="id_text_error"' in short.content.decode()
    response = browser.post(url + "complain/", {"text": "The lamp is still not repaired."})
    complaint = Appeal.objects.get(complaint_about=appeal)
    assert complaint.body == world.bodies["D"] and complaint.applicant_name == "Hanna Zhuk"
    assert response.status_code == 302
    assert response["Location"].startswith(f"/appeals/receipt/{complaint.number}/")
    receipt = browser.get(response["Location"]).content.decode()
    assert complaint.number in receipt and appeal.number in receipt
    assert f"/appeals/track/{complaint.number}/" in receipt
    appeal.refresh_from_db()
    assert appeal.state == State.COMPLAINT
    original = browser.get(url).content.decode()
    assert complaint.number in original and "complain/" not in original
    # A second submit of the same complaint adds nothing.
    browser.post(url + "complain/", {"text": "The lamp is still not repaired."})
    assert Appeal.objects.filter(complaint_about=appeal).count() == 1


def test_pages_follow_the_language_cookie(client: Any, filed: Any, world: Any) -> None:
    _appeal, url = filed
    client.cookies["ratusha_language"] = "ru"
    for page in [url, "/appeals/new/", "/appeals/new/A/", url + "withdraw/"]:
        response = client.get(page)
        assert response.status_code == 200, page
        assert '<html lang="ru">' in response.content.decode(), page


def test_a_link_from_the_e_mail_speaks_the_appeals_language(client: Any, filed: Any) -> None:
    _appeal, url = filed  # filed in English; no language cookie in this browser
    assert '<html lang="en">' in client.get(url).content.decode()
    assert '<html lang="be">' in client.get("/appeals/new/").content.decode()


def test_an_extended_term_is_shown(browser: Any, filed: Any, world: Any) -> None:
    from datetime import timedelta

    from django.utils import translation
    from django.utils.formats import date_format

    from ratusha.appeals.actions import check_transition

    appeal, url = filed
    process_appeal.call(appeal.pk)
    assert "The term was extended." not in browser.get(url).content.decode()
    new_due = appeal.due_date + timedelta(days=10)
    check_transition(
        appeal.pk,
        "extend_deadline",
        world.users["head"],
        {"new_due_date": new_due, "reason": "An expert survey", "applicant_notified": True},
    )
    html = browser.get(url).content.decode()
    assert "The term was extended." in html
    with translation.override("en"):
        shown = date_format(new_due)
    assert f"The answer is due by {shown}" in html
    steps = history(html)
    assert "extended" in steps[-1] and f"new term: {shown}" in steps[-1]


def test_tracking_page_shows_the_ledger_check(
    client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.appeals.actions import AppealInput, check_register_appeal
    from ratusha.appeals.choices import Channel
    from ratusha.ledger.actions import integrate_everything

    with django_capture_on_commit_callbacks(execute=True):
        registration = check_register_appeal(
            AppealInput(
                body=world.bodies["A"],
                channel=Channel.WEB,
                text="The street lamp at house 12 has been dark for a week.",
                applicant_name="Hanna Zhuk",
                applicant_email="hanna@example.org",
                language="en",
            )
        )
    appeal, token = registration.appeal, registration.token
    pending = client.get(f"/appeals/track/{appeal.number}/{token}/").content.decode()
    assert "being recorded in the public ledger" in pending
    integrate_everything()
    page = client.get(f"/appeals/track/{appeal.number}/{token}/").content.decode()
    assert "Verified in the public ledger" in page
    assert f"/ledger/receipt/{appeal.number}/{token}/" in page


def test_a_tracking_link_with_letters_outside_ascii_is_not_found(browser: Any, world: Any) -> None:
    from tests.appeals_citizen.conftest import form_data

    filed = browser.post("/appeals/new/A/", form_data())
    number = filed["Location"].split("/")[3]
    assert browser.get(f"/appeals/track/{number}/ж/").status_code == 404
