"""Text messages to applicants who ask for them: the form, the receipt and the answer SMS."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django_tasks.signals import task_finished
from tests.appeals_citizen.conftest import form_data

from ratusha import sms
from ratusha.appeals import sms_notices
from ratusha.appeals.actions import (
    AppealInvalid,
    check_approve_answer,
    check_draft_answer,
    check_register_appeal,
)
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal, tracking_url
from ratusha.sms.message import segments

pytestmark = pytest.mark.django_db

MOBILE = "+375291234567"
PHONE_ERROR = "Enter a phone number, for example +375 29 123-45-67."
CONSENT_ERROR = "To get text messages, give a mobile phone number."


def checkbox(html: str) -> str:
    found = re.search(r'<input type="checkbox" name="sms_notices"[^>]*>', html)
    assert found is not None
    return found[0]


def test_the_form_offers_text_messages_unticked_next_to_the_phone(browser: Any, world: Any) -> None:
    html = browser.get("/appeals/new/A/").content.decode()
    assert "checked" not in checkbox(html)
    assert html.index('name="applicant_phone"') < html.index('name="sms_notices"')
    assert html.index('name="sms_notices"') < html.index('name="applicant_address"')
    assert "Send me text messages about this appeal" in html


def test_the_form_does_not_offer_text_messages_when_they_are_disabled(
    browser: Any, world: Any, settings: Any
) -> None:
    settings.RATUSHA_SMS_BACKEND = "disabled"
    assert 'name="sms_notices"' not in browser.get("/appeals/new/A/").content.decode()
    response = browser.post("/appeals/new/A/", form_data(applicant_phone="", sms_notices="on"))
    assert response.status_code == 302 and not Appeal.objects.get().sms_notices


def test_an_invalid_phone_is_refused_keeping_what_was_typed(browser: Any, world: Any) -> None:
    response = browser.post(
        "/appeals/new/A/",
        form_data(applicant_phone="029 12", sms_notices="on", address="Lenina 3"),
    )
    assert response.status_code == 400 and not Appeal.objects.exists()
    html = response.content.decode()
    assert 'id="id_applicant_phone_error"' in html and PHONE_ERROR in html
    assert 'value="029 12"' in html and 'value="Lenina 3"' in html
    assert "checked" in checkbox(html)  # the tick is kept too
    assert CONSENT_ERROR not in html  # one error, at the phone


def test_the_phone_error_is_in_russian_for_a_russian_page(client: Any, world: Any) -> None:
    client.cookies["ratusha_language"] = "ru"
    html = client.post("/appeals/new/A/", form_data(applicant_phone="12345")).content.decode()
    assert "Введите номер телефона, например +375 29 123-45-67." in html
    assert 'value="12345"' in html


@pytest.mark.parametrize("phone", ["", "+375 17 222-33-44"])
def test_text_messages_need_a_mobile_phone(browser: Any, world: Any, phone: str) -> None:
    response = browser.post("/appeals/new/A/", form_data(applicant_phone=phone, sms_notices="on"))
    assert response.status_code == 400 and not Appeal.objects.exists()
    html = response.content.decode()
    assert 'id="id_sms_notices_error"' in html and CONSENT_ERROR in html
    assert 'href="#id_sms_notices"' in html  # listed in the summary at the top


def test_the_action_refuses_text_messages_without_a_phone(appeal_input: Any) -> None:
    # In English whatever an earlier test left active (the default language is be).
    with translation.override("en"), pytest.raises(AppealInvalid) as refused:
        check_register_appeal(appeal_input(sms_notices=True))
    assert refused.value.errors == {"sms_notices": [CONSENT_ERROR]}


def test_a_valid_number_is_stored_in_e164(browser: Any, world: Any) -> None:
    response = browser.post(
        "/appeals/new/A/", form_data(applicant_phone="8 (029) 123-45-67", sms_notices="on")
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.applicant_phone == MOBILE and appeal.sms_notices


def test_a_phone_without_the_tick_is_kept_without_text_messages(browser: Any, world: Any) -> None:
    browser.post("/appeals/new/A/", form_data(applicant_phone="+375 17 222-33-44"))
    appeal = Appeal.objects.get()
    assert appeal.applicant_phone == "+375172223344" and not appeal.sms_notices


def test_filing_with_the_tick_sends_exactly_one_receipt_sms(
    browser: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = form_data(applicant_phone="+375 29 123-45-67", sms_notices="on")
    with django_capture_on_commit_callbacks(execute=True):
        browser.post("/appeals/new/A/", data)
        browser.post("/appeals/new/A/", data)  # a double submit: one appeal, one SMS
    appeal = Appeal.objects.get()
    [message] = sms.outbox
    assert message.to == MOBILE
    assert message.text == (f"Appeal {appeal.number} registered. Track it: {tracking_url(appeal)}")
    assert segments(message.text) == 1
    assert "Hanna" not in message.text and "lamp" not in message.text  # no personal data
    assert [m.to for m in mail.outbox if appeal.number in m.body] == [["hanna@example.org"]]


def test_without_the_tick_no_sms_is_sent(
    browser: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        browser.post("/appeals/new/A/", form_data(applicant_phone="+375 29 123-45-67"))
    assert Appeal.objects.get().applicant_phone == MOBILE
    assert sms.outbox == [] and len(mail.outbox) == 1


def answer(appeal: Appeal, world: Any, capture: Any) -> None:
    process_appeal.call(appeal.pk)
    questions = list(appeal.questions.values_list("pk", flat=True))
    check_draft_answer(appeal.pk, world.users["officer"], "Repaired on Monday.", questions)
    sms.outbox.clear()
    mail.outbox.clear()
    with capture(execute=True):
        check_approve_answer(appeal.pk, world.users["head"])


def test_the_answer_sends_an_sms_and_the_e_mail(
    appeal_input: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = check_register_appeal(
        appeal_input(applicant_phone=MOBILE, sms_notices=True, language="en")
    ).appeal
    answer(appeal, world, django_capture_on_commit_callbacks)
    [message] = sms.outbox
    assert message.to == MOBILE
    assert message.text == f"Appeal {appeal.number} has an answer: {tracking_url(appeal)}"
    assert len(mail.outbox) == 1 and "Repaired on Monday." in mail.outbox[0].body


def test_the_answer_sends_no_sms_without_the_tick(
    appeal_input: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = check_register_appeal(appeal_input(applicant_phone=MOBILE)).appeal
    answer(appeal, world, django_capture_on_commit_callbacks)
    assert sms.outbox == [] and len(mail.outbox) == 1


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_the_message_is_in_the_language_of_the_appeal(
    appeal_input: Any, world: Any, monkeypatch: Any, language: str
) -> None:
    # Tag every message with the language active while it is written.
    real = sms_notices._
    monkeypatch.setattr(
        sms_notices, "_", lambda text: f"[{translation.get_language()}] " + real(text)
    )
    with translation.override("en"):  # the worker's language does not matter
        appeal = check_register_appeal(
            appeal_input(applicant_phone=MOBILE, sms_notices=True, language=language)
        ).appeal
        process_appeal.call(appeal.pk)
    [message] = sms.outbox
    assert message.text.startswith(f"[{language}] ")
    with translation.override(language):
        expected = real("Appeal %(number)s registered. Track it: %(link)s") % {
            "number": appeal.number,
            "link": tracking_url(appeal),
        }
    assert message.text == f"[{language}] {expected}"
    assert segments(expected) <= 3  # a Cyrillic text goes in parts of 67 characters


def test_a_failing_gateway_loses_neither_the_appeal_nor_the_e_mail(
    appeal_input: Any, world: Any, monkeypatch: Any
) -> None:
    def refuse(self: Any, messages: Any) -> int:
        raise sms.SMSError("the gateway answered 503")

    monkeypatch.setattr("ratusha.sms.backends.locmem.SMSBackend.send_messages", refuse)
    finished: list[Any] = []

    def record(sender: Any, task_result: Any, **kwargs: Any) -> None:
        finished.append(task_result)

    task_finished.connect(record)
    try:
        appeal = check_register_appeal(
            appeal_input(applicant_phone=MOBILE, sms_notices=True)
        ).appeal
        process_appeal.call(appeal.pk)
    finally:
        task_finished.disconnect(record)
    appeal.refresh_from_db()
    assert appeal.processing == "done" and appeal.state == "assigned"
    assert len(mail.outbox) == 1 and appeal.number in mail.outbox[0].body
    status = {r.task.name: r.status.value for r in finished}
    assert status["send_receipt"] == "SUCCESSFUL" and status["send_receipt_sms"] == "FAILED"


def test_the_staff_page_tells_whether_the_applicant_wants_sms(
    appeal_input: Any, world: Any, client: Any
) -> None:
    appeal = check_register_appeal(appeal_input(applicant_phone=MOBILE, sms_notices=True)).appeal
    process_appeal.call(appeal.pk)
    client.cookies["ratusha_language"] = "en"
    client.force_login(world.users["officer"])
    html = client.get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    assert re.search(r"<dt>Text messages</dt><dd>yes</dd>", html)


def test_the_applicant_stops_the_text_messages_from_the_tracking_page(
    appeal_input: Any, world: Any, browser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    registration = check_register_appeal(
        appeal_input(applicant_phone=MOBILE, sms_notices=True, language="en")
    )
    appeal = registration.appeal
    html = browser.get(f"/appeals/track/{appeal.number}/{registration.token}/").content.decode()
    assert "Text messages about this appeal go to +375 *** ** 67." in html
    stop = reverse("appeals:stop-sms", args=[appeal.number, registration.token])
    assert stop in html and browser.get(stop).status_code == 405
    wrong = reverse("appeals:stop-sms", args=[appeal.number, "0" * 32])
    assert browser.post(wrong).status_code == 404
    done = browser.post(stop, follow=True).content.decode()
    assert "No more text messages about this appeal will be sent." in done
    assert "Stop text messages" not in done
    appeal.refresh_from_db()
    assert not appeal.sms_notices and appeal.applicant_phone == MOBILE
    answer(appeal, world, django_capture_on_commit_callbacks)
    assert sms.outbox == [] and len(mail.outbox) == 1  # the answer still comes by e-mail


def test_stopping_the_text_messages_is_a_step_in_the_history_and_the_ledger(
    appeal_input: Any, world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.appeals.actions import do_stop_sms
    from ratusha.appeals.models import AppealEvent
    from ratusha.ledger.actions import integrate, log_for_body
    from ratusha.ledger.models import PendingEntry

    appeal = check_register_appeal(appeal_input(applicant_phone=MOBILE, sms_notices=True)).appeal
    process_appeal.call(appeal.pk)
    appeal.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert do_stop_sms(appeal) is True
    with django_capture_on_commit_callbacks(execute=True):
        assert do_stop_sms(appeal) is False  # already stopped: no second step
    [event] = AppealEvent.objects.filter(appeal=appeal, action="stop_sms")
    assert (event.actor_role, event.public) == ("citizen", False)
    assert (event.from_state, event.to_state) == (appeal.state, "")
    entries = PendingEntry.objects.filter(subject=appeal.number, event_type="appeal.transition")
    assert sum('"action":"stop_sms"' in e.leaf_input for e in entries) == 1
    client.cookies["ratusha_language"] = "en"
    client.force_login(world.users["officer"])
    html = client.get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    [row] = re.findall(
        r"<tr>(?:(?!</tr>).)*Text messages stopped by the applicant.*?</tr>", html, re.S
    )
    assert "<td>Assigned</td>" in row and "→" not in row  # no change of state
    assert re.search(r"<dt>Text messages</dt><dd>no</dd>", html)
    log = log_for_body(appeal.body)
    integrate(log)
    read = client.get(f"/ledger/{log.name}/read/", {"subject": appeal.number}).content.decode()
    [entry] = re.findall(r"<dd>Text messages stopped by the applicant</dd>.*?</dl>", read, re.S)
    assert "<dd>Assigned</dd>" in entry and "→" not in entry  # no change of state
