"""The applicant is told of an extension, a forwarding, a refusal or a merge: e-mail, SMS,
tracking page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import translation
from django.utils.formats import date_format
from tests.appeals_citizen.test_tracking import history

from ratusha import sms
from ratusha.appeals.actions import check_register_appeal, check_transition, tracking_token
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal, tracking_url

pytestmark = pytest.mark.django_db

MOBILE = "+375291234567"


def filed(appeal_input: Any, **overrides: Any) -> Appeal:
    """Register an appeal, process it (assigned to A1 by its category) and clear the outboxes."""
    appeal = check_register_appeal(appeal_input(**overrides)).appeal
    process_appeal.call(appeal.pk)
    mail.outbox.clear()
    sms.outbox.clear()
    return Appeal.objects.get(pk=appeal.pk)


def act(capture: Any, appeal: Appeal, action: str, user: Any, data: dict[str, Any]) -> Appeal:
    with capture(execute=True):
        check_transition(appeal.pk, action, user, data)
    return Appeal.objects.get(pk=appeal.pk)


def track(client: Any, appeal: Appeal) -> str:
    client.cookies["ratusha_language"] = "en"  # else the page speaks the appeal's language
    url = f"/appeals/track/{appeal.number}/{tracking_token(appeal)}/"
    return client.get(url).content.decode()


def test_an_extension_is_e_mailed_and_texted_with_the_new_term_and_reasons(
    appeal_input: Any, world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = filed(appeal_input, language="en", applicant_phone=MOBILE, sms_notices=True)
    new_due = appeal.due_date + timedelta(days=10)
    data = {"new_due_date": new_due, "reason": "An expert survey of the lamp posts."}
    act(django_capture_on_commit_callbacks, appeal, "extend_deadline", world.users["head"], data)
    with translation.override("en"):
        long_date, short_date = date_format(new_due), date_format(new_due, "SHORT_DATE_FORMAT")
    [letter] = mail.outbox
    assert letter.to == ["hanna@example.org"]
    assert letter.subject == f"The term for your appeal {appeal.number} is extended"
    assert f"The answer is now due by {long_date}." in letter.body
    assert "An expert survey of the lamp posts." in letter.body
    assert tracking_url(appeal) in letter.body
    [message] = sms.outbox
    assert message.to == MOBILE
    assert message.text == (
        f"Appeal {appeal.number}: the term for the answer is extended to {short_date}. "
        f"{tracking_url(appeal)}"
    )
    step = history(track(client, appeal))[-1]
    assert f"new term: {long_date}" in step and "An expert survey of the lamp posts." in step


def test_a_forwarding_names_the_competent_body_in_the_applicants_language(
    appeal_input: Any, world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = filed(appeal_input, language="be")
    data = {"target_body": world.bodies["B"].pk}
    act(django_capture_on_commit_callbacks, appeal, "forward", world.users["clerk"], data)
    [letter] = mail.outbox
    assert letter.subject == f"Ваш зварот {appeal.number} перасланы ў іншы орган"
    assert "перасланы ў орган «Орган B»" in letter.body  # the target's Belarusian name
    assert sms.outbox == []  # no text messages were asked for
    step = history(track(client, appeal))[-1]
    assert "Forwarded to another body: Body B" in step


def test_a_refusal_gives_the_statutory_reason_and_the_explanation(
    appeal_input: Any, world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = filed(appeal_input, language="en", applicant_phone=MOBILE, sms_notices=True)
    data = {
        "reason": "court_or_administrative_procedure",
        "explanation": "Apply to the district court of Zarechansk.",
    }
    act(
        django_capture_on_commit_callbacks,
        appeal,
        "leave_without_consideration",
        world.users["head"],
        data,
    )
    [letter] = mail.outbox
    assert "left your appeal" in letter.body
    assert "The reason: A matter for a court or an administrative procedure" in letter.body
    assert "Apply to the district court of Zarechansk." in letter.body
    [message] = sms.outbox
    assert message.text.startswith(f"Appeal {appeal.number} is left without consideration.")
    step = history(track(client, appeal))[-1]
    assert "A matter for a court" in step and "district court of Zarechansk" in step


def test_other_steps_and_applicants_without_an_address_get_no_notice(
    appeal_input: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = filed(appeal_input, language="en")
    act(django_capture_on_commit_callbacks, appeal, "start_work", world.users["officer"], {})
    assert mail.outbox == [] and sms.outbox == []
    paper = filed(appeal_input, language="en", applicant_email="", applicant_address="Minsk 1")
    data = {"new_due_date": paper.due_date + timedelta(days=5), "reason": "A survey."}
    act(django_capture_on_commit_callbacks, paper, "extend_deadline", world.users["head"], data)
    assert mail.outbox == []  # a letter on paper is the officer's to send


def test_a_paper_applicant_gets_the_same_notice_as_a_printable_letter(
    appeal_input: Any, world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.urls import reverse

    paper = filed(
        appeal_input, language="be", applicant_email="", applicant_address="Мінск, вул. Леніна, 1"
    )
    data = {"new_due_date": paper.due_date + timedelta(days=5), "reason": "Патрэбна экспертыза."}
    act(django_capture_on_commit_callbacks, paper, "extend_deadline", world.users["head"], data)
    event = paper.events.get(action="extend_deadline")
    letter = reverse("appeals:step-letter", args=[paper.pk, event.pk])
    client.force_login(world.users["head"])
    client.cookies["ratusha_language"] = "en"  # the officer reads English; the letter is in be
    page = client.get(reverse("appeals:appeal", args=[paper.pk])).content.decode()
    assert f'href="{letter}"' in page and "Letter to the applicant" in page
    html = client.get(letter).content.decode()
    assert f"Тэрмін разгляду вашага звароту {paper.number} падоўжаны" in html
    assert "падоўжыў тэрмін адказу" in html and "Патрэбна экспертыза." in html
    assert "Мінск, вул. Леніна, 1" in html and 'lang="be"' in html
    # Only noticed steps have a letter, and only for those who may read the appeal.
    start = paper.events.get(action="start_triage")
    assert client.get(reverse("appeals:step-letter", args=[paper.pk, start.pk])).status_code == 404
    client.force_login(world.users["officer_b"])
    assert client.get(letter).status_code == 404


def test_a_merged_applicant_is_told_the_answer_comes_to_them_but_not_the_other_appeals(
    appeal_input: Any, world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.appeals.actions.clusters import check_merge_appeals

    main = filed(appeal_input, language="en")
    joined = filed(
        appeal_input, language="en", applicant_email="ales@example.org",
        applicant_phone=MOBILE, sms_notices=True,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        check_merge_appeals(world.users["head"], main.pk, [(joined.pk, joined.version)])
    [letter] = mail.outbox
    assert letter.to == ["ales@example.org"]
    assert letter.subject == f"Your appeal {joined.number} is considered together with others"
    assert "together with other appeals on the same question" in letter.body
    assert "One answer is prepared, and it will be sent to you." in letter.body
    [message] = sms.outbox
    assert message.text == (
        f"Appeal {joined.number} is considered with others; you will get the answer. "
        f"{tracking_url(joined)}"
    )
    step = history(track(client, Appeal.objects.get(pk=joined.pk)))[-1]
    assert "Joined with another appeal on the same question" in step
    for text in (letter.subject, letter.body, message.text, step):
        assert main.number not in text  # never which other appeals


def test_a_merged_applicant_s_e_mail_in_belarusian(
    appeal_input: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.appeals.actions.clusters import check_merge_appeals

    main = filed(appeal_input)
    joined = filed(appeal_input, language="be", applicant_email="ales@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        check_merge_appeals(world.users["head"], main.pk, [(joined.pk, joined.version)])
    [letter] = mail.outbox
    assert letter.subject == f"Ваш зварот {joined.number} разглядаецца разам з іншымі"
    assert "Рыхтуецца адзін адказ, і ён будзе дасланы вам." in letter.body


def _overdue_day(appeal: Appeal) -> Any:
    from datetime import datetime, time

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(appeal.due_date, time(12))) + timedelta(days=2)


def test_the_applicant_is_told_once_when_the_answer_is_late(
    appeal_input: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import time_machine

    from ratusha.appeals.tasks import send_deadline_reminders

    appeal = filed(appeal_input, language="en")
    with time_machine.travel(_overdue_day(appeal), tick=False):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                send_deadline_reminders.call()
    [letter] = [m for m in mail.outbox if m.to == ["hanna@example.org"]]
    assert letter.subject == f"The answer to your appeal {appeal.number} is late"
    with translation.override("en"):
        due = date_format(appeal.due_date)
    assert f"was due by {due} and has not been sent yet" in letter.body
    assert "The officers responsible have been reminded" in letter.body
    assert tracking_url(appeal) in letter.body


def test_no_late_notice_when_switched_off_or_answered_meanwhile(
    appeal_input: Any, world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import time_machine

    from ratusha.appeals.tasks import send_deadline_reminders, send_overdue_notice

    appeal = filed(appeal_input, language="en")
    settings.RATUSHA_TELL_APPLICANT_OVERDUE = False
    with time_machine.travel(_overdue_day(appeal), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            send_deadline_reminders.call()
    assert not [m for m in mail.outbox if m.to == ["hanna@example.org"]]
    act(django_capture_on_commit_callbacks, appeal, "withdraw", world.users["clerk"], {})
    assert send_overdue_notice.call(appeal.pk) == "no longer waiting"


def test_the_late_answer_is_texted_once_to_an_applicant_who_asked_for_sms(
    appeal_input: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import time_machine

    from ratusha.appeals.sms_notices import send_overdue_sms
    from ratusha.appeals.tasks import send_deadline_reminders

    appeal = filed(appeal_input, language="en", applicant_phone=MOBILE, sms_notices=True)
    quiet = filed(appeal_input, language="en", applicant_phone=MOBILE)  # no SMS asked
    with time_machine.travel(_overdue_day(appeal), tick=False):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                send_deadline_reminders.call()
    [message] = sms.outbox
    assert message.to == MOBILE
    assert message.text == (
        f"The answer to appeal {appeal.number} is late; the officers were reminded. "
        f"{tracking_url(appeal)}"
    )
    assert quiet.number not in message.text
    act(django_capture_on_commit_callbacks, appeal, "withdraw", world.users["clerk"], {})
    assert send_overdue_sms.call(appeal.pk) == "no longer waiting"
