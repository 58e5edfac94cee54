"""The extension form ticks "the applicant has been notified" when Ratusha notifies them."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.models import Appeal, AppealEvent

pytestmark = pytest.mark.django_db

MOBILE = "+375291234567"
POST = {"applicant_address": "вул. Савецкая, 12, Мінск"}
BOX = re.compile(r'<input[^>]*name="extend_deadline-applicant_notified"[^>]*>')


def box(client: Any, appeal: Any) -> str:
    html = client.get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()
    [found] = BOX.findall(html)
    return found


@pytest.mark.parametrize(
    ("contact", "ticked"),
    [
        ({}, True),  # the e-mail address of the default input
        ({"applicant_email": "", "applicant_phone": MOBILE, "sms_notices": True, **POST}, True),
        ({"applicant_email": "", "applicant_phone": MOBILE, **POST}, True),  # a letter
        ({"applicant_email": "", **POST}, True),  # a letter in the clerk's queue
        ({"applicant_email": "", "applicant_phone": MOBILE, **POST, "blank": True}, False),
    ],
)
def test_the_box_is_ticked_only_when_ratusha_sends_the_notice(
    make_appeal: Any, as_user: Any, contact: dict[str, Any], ticked: bool
) -> None:
    blank = contact.pop("blank", False)
    appeal = make_appeal(**contact)
    if blank:  # no address left to write to (e.g. removed on the applicant's request)
        Appeal.objects.filter(pk=appeal.pk).update(applicant_address="")
    assert ("checked" in box(as_user("head"), appeal)) is ticked


def test_an_unticked_box_is_refused_and_a_ticked_one_extends(
    make_appeal: Any, as_user: Any
) -> None:
    appeal = make_appeal(applicant_email="", **POST)
    client = as_user("head")
    url = reverse("appeals:act", args=[appeal.pk, "extend_deadline"])
    data = {
        "extend_deadline-expected_version": appeal.version,
        "extend_deadline-new_due_date": (appeal.due_date + timedelta(days=10)).isoformat(),
        "extend_deadline-reason": "A survey of the street lights.",
    }
    client.cookies["ratusha_language"] = "en"
    response = client.post(url, data)
    assert not AppealEvent.objects.filter(appeal=appeal, action="extend_deadline").exists()
    assert "The applicant must be told of the extension." in response.content.decode()
    client.post(url, {**data, "extend_deadline-applicant_notified": "on"})
    assert AppealEvent.objects.filter(appeal=appeal, action="extend_deadline").exists()
