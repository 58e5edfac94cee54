"""The clerk's form asks whether the applicant wants text messages, checked as the citizen's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from tests.appeals_staff.test_clerk_entry import form_data

from ratusha import sms
from ratusha.appeals.forms_citizen import AppealForm
from ratusha.appeals.forms_staff import ClerkEntryForm
from ratusha.appeals.models import Appeal
from ratusha.appeals.phone_fields import PhoneConsentMixin
from ratusha.appeals.tasks import tracking_url

pytestmark = pytest.mark.django_db

MOBILE = "+375291234567"
LABEL = "The applicant wants text messages about this appeal"
PHONE_ERROR = "Enter a phone number, for example +375 29 123-45-67."
CONSENT_ERROR = "To get text messages, give a mobile phone number."


@pytest.fixture
def url(world: Any) -> str:
    return reverse("appeals:register-appeal", args=[world.bodies["A"].pk])


def oral(**overrides: Any) -> dict[str, Any]:
    """Give an oral appeal (no scan needed) with the given fields."""
    return form_data(channel="oral", **overrides)


def checkbox(html: str) -> str:
    found = re.search(r'<input type="checkbox" name="sms_notices"[^>]*>', html)
    assert found is not None
    return found[0]


def test_both_forms_share_one_check_of_the_phone_and_the_consent() -> None:
    for form in (AppealForm, ClerkEntryForm):
        assert issubclass(form, PhoneConsentMixin)
        assert form.clean_applicant_phone is PhoneConsentMixin.clean_applicant_phone


def test_the_form_offers_the_box_unticked_after_the_phone(url: str, as_user: Any) -> None:
    html = as_user("clerk").get(url).content.decode()
    assert LABEL in html and "checked" not in checkbox(html)
    assert html.index('name="applicant_phone"') < html.index('name="sms_notices"')


def test_no_box_where_text_messages_are_disabled(url: str, as_user: Any, settings: Any) -> None:
    settings.RATUSHA_SMS_BACKEND = "disabled"
    client = as_user("clerk")
    assert 'name="sms_notices"' not in client.get(url).content.decode()
    response = client.post(url, oral(applicant_phone="", sms_notices="on"))
    assert response.status_code == 302 and not Appeal.objects.get().sms_notices


def test_the_consent_is_stored_with_the_phone_in_e164(
    url: str, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = as_user("clerk")
    data = oral(applicant_phone="8 (029) 123-45-67", sms_notices="on", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        second = client.post(url, data)  # a double submit: one appeal, one SMS
    assert first.status_code == second.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.applicant_phone == MOBILE and appeal.sms_notices
    assert appeal.registered_by is not None and appeal.channel == "oral"
    [message] = sms.outbox
    assert message.to == MOBILE
    assert message.text == f"Appeal {appeal.number} registered. Track it: {tracking_url(appeal)}"


def test_a_phone_without_the_tick_sends_no_sms(
    url: str, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        as_user("clerk").post(url, oral(applicant_phone="+375 29 123 45 67"))
    appeal = Appeal.objects.get()
    assert appeal.applicant_phone == MOBILE and not appeal.sms_notices
    assert sms.outbox == []


def test_an_invalid_phone_is_refused_keeping_what_was_typed(url: str, as_user: Any) -> None:
    response = as_user("clerk").post(
        url, oral(applicant_phone="029 12", sms_notices="on", address="вул. Леніна, 3")
    )
    assert response.status_code == 400 and not Appeal.objects.exists()
    html = response.content.decode()
    assert 'id="id_applicant_phone_error"' in html and PHONE_ERROR in html
    assert CONSENT_ERROR not in html  # one error, at the phone
    assert 'value="029 12"' in html and 'value="вул. Леніна, 3"' in html
    assert "Прашу адрамантаваць дах" in html
    assert "checked" in checkbox(html)  # the tick is kept too


@pytest.mark.parametrize("phone", ["", "+375 17 222-33-44"], ids=["no phone", "landline"])
def test_text_messages_need_a_mobile_phone(url: str, as_user: Any, phone: str) -> None:
    response = as_user("clerk").post(url, oral(applicant_phone=phone, sms_notices="on"))
    assert response.status_code == 400 and not Appeal.objects.exists()
    html = response.content.decode()
    assert 'id="id_sms_notices_error"' in html and CONSENT_ERROR in html
    assert f'value="{phone}"' in html and "checked" in checkbox(html)


def test_the_errors_are_in_russian_for_a_russian_page(url: str, as_user: Any) -> None:
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "ru"
    bad = client.post(url, oral(applicant_phone="12345")).content.decode()
    assert "Введите номер телефона, например +375 29 123-45-67." in bad
    landline = client.post(url, oral(applicant_phone="+375172223344", sms_notices="on"))
    assert "Чтобы получать SMS, укажите номер мобильного телефона." in landline.content.decode()
    assert not Appeal.objects.exists()
