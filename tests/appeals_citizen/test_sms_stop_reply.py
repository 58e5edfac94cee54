"""The gateway's callback with replies: "STOP" stops the text messages to that number."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.appeals.views_sms import is_stop

pytestmark = pytest.mark.django_db

MOBILE = "+375291234567"
URL = "/appeals/sms/inbound/"
TOKEN = "gateway-secret-0123456789"


@pytest.fixture(autouse=True)
def _token(settings: Any) -> None:
    settings.RATUSHA_SMS_INBOUND_TOKEN = TOKEN


def send(client: Any, data: dict[str, Any], token: str = TOKEN, as_json: bool = True) -> Any:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if as_json:
        return client.post(URL, json.dumps(data), content_type="application/json", **auth)
    return client.post(URL, data, **auth)


def test_stop_ends_the_messages_of_every_appeal_to_that_number(
    client: Any, appeal_input: Any, world: Any
) -> None:
    from ratusha.appeals.actions import check_register_appeal

    def filed(**fields: Any) -> Appeal:
        return check_register_appeal(appeal_input(**fields)).appeal

    first = filed(applicant_phone=MOBILE, sms_notices=True)
    second = filed(applicant_phone=MOBILE, sms_notices=True)
    quiet = filed(applicant_phone=MOBILE)  # never asked for messages
    other = filed(applicant_phone="+375297654321", sms_notices=True)
    response = send(client, {"from": "8 029 123-45-67", "text": " Stop! "})
    assert response.status_code == 200 and response.json() == {"stopped": 2}
    assert not Appeal.objects.filter(pk__in=[first.pk, second.pk], sms_notices=True).exists()
    assert Appeal.objects.get(pk=other.pk).sms_notices
    stops = AppealEvent.objects.filter(action="stop_sms")
    assert {e.appeal_id for e in stops} == {first.pk, second.pk}
    assert all(e.extra == {"via": "sms"} and not e.public for e in stops)
    assert not stops.filter(appeal=quiet).exists()
    again = send(client, {"from": MOBILE, "text": "СТОП"}, as_json=False)  # a form post too
    assert again.json() == {"stopped": 0}
    client.force_login(world.users["clerk"])
    client.cookies["ratusha_language"] = "en"
    history = client.get(reverse("appeals:appeal", args=[first.pk])).content.decode()
    assert "Text messages stopped by the applicant (by an SMS reply)" in history


def test_other_replies_are_ignored_and_bad_requests_refused(client: Any, settings: Any) -> None:
    assert send(client, {"from": MOBILE, "text": "When will it be fixed?"}).json() == {
        "stopped": 0,
        "ignored": True,
    }
    assert send(client, {"from": MOBILE, "text": "STOP"}, token="wrong").status_code == 403
    assert send(client, {"text": "STOP"}).status_code == 400
    assert send(client, {"from": "not a number", "text": "STOP"}).status_code == 400
    assert client.get(URL).status_code == 405
    settings.RATUSHA_SMS_INBOUND_TOKEN = ""
    assert send(client, {"from": MOBILE, "text": "STOP"}, token="").status_code == 404


@pytest.mark.parametrize(
    ("text", "stop"),
    [("STOP", True), ("stop.", True), ("Стоп", True), ("stop all", True), ("no stop", False)],
)
def test_the_stop_words(text: str, stop: bool) -> None:
    assert is_stop(text) is stop
