"""Each text message is logged for the body's daily limit and the administrator's count."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections
from django.urls import reverse

from ratusha import sms
from ratusha.appeals.actions import check_register_appeal
from ratusha.appeals.models import SentMessage, UndeliveredNotice
from ratusha.appeals.sms_notices import SMSLimitReached, day_start, send_receipt_sms

pytestmark = pytest.mark.django_db

MOBILE = "+375291234567"


def file(appeal_input: Any, capture: Any) -> Any:
    with capture(execute=True):
        return check_register_appeal(
            appeal_input(applicant_phone=MOBILE, sms_notices=True, language="en")
        ).appeal


def test_each_message_sent_is_logged_with_its_parts(
    appeal_input: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = file(appeal_input, django_capture_on_commit_callbacks)
    [message] = sms.outbox
    [logged] = SentMessage.objects.all()
    assert (logged.appeal_id, logged.body_id, logged.kind) == (appeal.pk, appeal.body_id, "receipt")
    assert logged.parts == message.segments() == 1


def test_over_the_daily_limit_the_message_waits_for_the_clerk(
    appeal_input: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.RATUSHA_SMS_DAILY_LIMIT = 2
    for _ in range(3):
        last = file(appeal_input, django_capture_on_commit_callbacks)
    assert len(sms.outbox) == 2 and SentMessage.objects.count() == 2
    [waiting] = UndeliveredNotice.objects.all()
    assert (waiting.appeal_id, waiting.channel, waiting.kind) == (last.pk, "sms", "receipt")
    assert "limit of 2 text messages a day is reached" in waiting.error
    settings.RATUSHA_SMS_DAILY_LIMIT = 0  # no limit
    assert send_receipt_sms.call(last.pk) == "sent"


def test_the_limit_counts_the_body_s_local_day(world: Any) -> None:
    body = world.bodies["A"]
    body.time_zone = "Europe/Minsk"  # UTC+3
    at = datetime(2026, 11, 28, 22, 30, tzinfo=UTC)  # already the 29th in Minsk
    assert day_start(body, at) == datetime(2026, 11, 29, tzinfo=ZoneInfo("Europe/Minsk"))


def test_the_body_page_shows_the_count_to_clerks_only(
    appeal_input: Any,
    world: Any,
    client: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.RATUSHA_SMS_DAILY_LIMIT = 1
    with time_machine.travel(datetime(2026, 11, 10, 9, tzinfo=UTC)):
        file(appeal_input, django_capture_on_commit_callbacks)  # 20 days ago: this month only
    file(appeal_input, django_capture_on_commit_callbacks)
    client.cookies["ratusha_language"] = "en"
    url = reverse("pages:staff-body", args=[world.bodies["A"].pk])
    client.force_login(world.users["clerk"])
    html = client.get(url).content.decode()
    assert "Sent today: 1 of 1 allowed a day." in html
    assert "In the last 30 days: 2 messages, 2 SMS parts billed by the gateway." in html
    assert "The daily limit is reached" in html
    client.force_login(world.users["officer"])
    assert "Sent today" not in client.get(url).content.decode()


def test_a_body_s_own_limit_overrides_the_installation_s(
    appeal_input: Any,
    world: Any,
    settings: Any,
    client: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.RATUSHA_SMS_DAILY_LIMIT = 100
    body = world.bodies["A"]
    body.sms_daily_limit = 1
    body.save(update_fields=["sms_daily_limit"])
    for _ in range(2):
        last = file(appeal_input, django_capture_on_commit_callbacks)
    assert len(sms.outbox) == 1
    [waiting] = UndeliveredNotice.objects.all()
    assert waiting.appeal_id == last.pk and "limit of 1 text messages" in waiting.error
    client.force_login(world.users["clerk"])
    client.cookies["ratusha_language"] = "en"
    page = client.get(reverse("pages:staff-body", args=[body.pk])).content.decode()
    assert "Sent today: 1 of 1 allowed a day." in page
    body.sms_daily_limit = 0  # none for this body, whatever the installation's
    body.save(update_fields=["sms_daily_limit"])
    settings.RATUSHA_SMS_DAILY_LIMIT = 1
    assert send_receipt_sms.call(last.pk) == "sent"


def test_the_body_s_administrator_sets_its_limit_on_the_body_page(
    world: Any, client: Any, settings: Any
) -> None:
    settings.RATUSHA_SMS_DAILY_LIMIT = 200
    body = world.bodies["A"]
    url = reverse("pages:staff-body", args=[body.pk])
    save = reverse("pages:staff-body-sms-limit", args=[body.pk])
    client.cookies["ratusha_language"] = "en"
    client.force_login(world.users["clerk"])
    assert 'id="sms-limit"' not in client.get(url).content.decode()  # clerks read the count
    assert client.post(save, {"limit": "5"}).status_code == 403
    client.force_login(world.users["admin"])
    page = client.get(url).content.decode()
    assert 'id="sms-limit"' in page and "the installation&#x27;s limit (200 a day" in page
    wrong = client.post(save, {"limit": "-3"})
    assert wrong.status_code == 400 and 'value="-3"' in wrong.content.decode()
    assert "Ensure this value is greater than or equal to 0." in wrong.content.decode()
    done = client.post(save, {"limit": "5"}, follow=True).content.decode()
    assert "The limits of text messages are saved." in done
    assert "Sent today: 0 of 5 allowed a day." in done
    body.refresh_from_db()
    assert body.sms_daily_limit == 5
    client.post(save, {"limit": ""})  # back to the installation's
    body.refresh_from_db()
    assert body.sms_daily_limit is None


def test_the_administrators_are_alerted_once_a_month_at_the_budget(
    appeal_input: Any, world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    body = world.bodies["A"]
    admin = world.users["admin"]
    type(admin).objects.filter(pk=admin.pk).update(preferred_language="en")
    client.force_login(admin)
    client.cookies["ratusha_language"] = "en"
    save = reverse("pages:staff-body-sms-limit", args=[body.pk])
    client.post(save, {"limit": "", "budget": "2"})
    body.refresh_from_db()
    assert body.sms_monthly_budget == 2
    mail.outbox.clear()
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=UTC)):
        for _ in range(3):
            file(appeal_input, django_capture_on_commit_callbacks)
        alerts = [m for m in mail.outbox if "monthly budget" in m.subject]
        assert len(alerts) == 1 and alerts[0].to == [admin.email]
        assert "reached 2 SMS parts; the monthly budget is 2." in alerts[0].body
        page = client.get(reverse("pages:staff-body", args=[body.pk])).content.decode()
        assert "This month: 3 SMS parts of the budget of 2." in page
        mail.outbox.clear()
        client.post(save, {"limit": "", "budget": "5"})  # raised: alerts again at 5
        file(appeal_input, django_capture_on_commit_callbacks)
        assert not [m for m in mail.outbox if "monthly budget" in m.subject]
        client.post(save, {"limit": "", "budget": "5"})  # saved unchanged: still waits
        file(appeal_input, django_capture_on_commit_callbacks)
        alerts = [m for m in mail.outbox if "monthly budget" in m.subject]
        assert (
            len(alerts) == 1 and "reached 5 SMS parts; the monthly budget is 5." in alerts[0].body
        )
        file(appeal_input, django_capture_on_commit_callbacks)
        assert len([m for m in mail.outbox if "monthly budget" in m.subject]) == 1
    mail.outbox.clear()
    with time_machine.travel(datetime(2026, 12, 3, 9, tzinfo=UTC)):  # a new month
        for _ in range(5):
            file(appeal_input, django_capture_on_commit_callbacks)
        assert len([m for m in mail.outbox if "monthly budget" in m.subject]) == 1


def test_a_message_the_gateway_refuses_is_not_counted(
    appeal_input: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    def refuse(self: Any, messages: Any) -> int:
        raise sms.SMSError("the gateway answered 503")

    monkeypatch.setattr("ratusha.sms.backends.locmem.SMSBackend.send_messages", refuse)
    appeal = file(appeal_input, django_capture_on_commit_callbacks)
    assert not SentMessage.objects.exists()
    [waiting] = UndeliveredNotice.objects.all()
    assert waiting.appeal_id == appeal.pk and "503" in waiting.error


@pytest.mark.django_db(transaction=True)
def test_parallel_workers_cannot_pass_the_daily_limit_together(
    appeal_input: Any, settings: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database: SQLite serialises every writer anyway")
    settings.RATUSHA_SMS_DAILY_LIMIT = 2
    appeals = [
        check_register_appeal(
            appeal_input(applicant_phone=MOBILE, sms_notices=True, language="en")
        ).appeal
        for _ in range(6)
    ]
    SentMessage.objects.all().delete()  # the receipts sent at registration: a new day
    start = threading.Barrier(len(appeals))
    results: list[str] = []

    def send(appeal_id: int) -> None:
        try:
            start.wait()
            results.append(send_receipt_sms.call(appeal_id))
        except SMSLimitReached:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(appeal.pk,)) for appeal in appeals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused"] * 4 + ["sent"] * 2
    assert SentMessage.objects.count() == 2
