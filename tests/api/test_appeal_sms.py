"""POST /appeals takes sms_notices: the phone in E.164, one receipt SMS, errors by field."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import Api, appeal_payload

from ratusha import sms
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import tracking_url

pytestmark = pytest.mark.django_db

MOBILE = "+375291234567"
PHONE_ERROR = "Enter a phone number, for example +375 29 123-45-67."
CONSENT_ERROR = "To get text messages, give a mobile phone number."
DISABLED_ERROR = "This installation does not send text messages."
EN = {"Accept-Language": "en"}  # the installation's own language is Belarusian


def field_errors(response: Any) -> list[dict[str, Any]]:
    """Give the field errors of a 422 invalid-input problem."""
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "https://ratusha.example/problems/invalid-input"
    errors: list[dict[str, Any]] = problem["errors"]
    return errors


def test_the_consent_is_stored_and_one_receipt_sms_goes_out_despite_a_retry(
    api: Api, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    payload = appeal_payload(applicant_phone="8 029 123 45 67", sms_notices=True, language="en")
    key = {"Idempotency-Key": "sms-retry-1"}
    with django_capture_on_commit_callbacks(execute=True):
        first = api.post("/appeals", payload, **key)
    with django_capture_on_commit_callbacks(execute=True):
        retry = api.post("/appeals", payload, **key)
    assert first.status_code == 201, first.content
    assert retry.status_code == 200 and retry["Idempotent-Replayed"] == "true"
    appeal = Appeal.objects.get()
    assert appeal.channel == "api" and appeal.applicant_phone == MOBILE and appeal.sms_notices
    [message] = sms.outbox
    assert message.to == MOBILE
    assert message.text == f"Appeal {appeal.number} registered. Track it: {tracking_url(appeal)}"


def test_without_the_field_no_sms_and_the_phone_is_still_normalised(
    api: Api, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/appeals", appeal_payload(applicant_phone="+375 (29) 123-45-67"))
    assert response.status_code == 201, response.content
    appeal = Appeal.objects.get()
    assert appeal.applicant_phone == MOBILE and not appeal.sms_notices
    assert sms.outbox == []


def test_staff_and_the_applicant_read_the_consent_beside_the_phone(
    api: Api, world: Any, tokens: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    payload = appeal_payload(applicant_phone="029 123 45 67", sms_notices=True)
    with django_capture_on_commit_callbacks(execute=True):
        mine = api.post("/appeals", payload, token=tokens["citizen"]).json()
    for who in ("officer", "citizen"):
        detail = api.get(f"/appeals/{mine['id']}", token=tokens[who]).json()
        assert (detail["applicant_phone"], detail["sms_notices"]) == (MOBILE, True)
    assert api.get(f"/appeals/{mine['id']}", token=tokens["officer_b"]).status_code == 404


def test_the_account_s_phone_serves_when_none_is_sent(
    api: Api, world: Any, tokens: dict[str, str]
) -> None:
    citizen = world.users["citizen"]
    citizen.phone = "+375 29 123-45-67"  # the profile form's international writing
    citizen.save(update_fields=["phone"])
    response = api.post("/appeals", appeal_payload(sms_notices=True), token=tokens["citizen"])
    assert response.status_code == 201, response.content
    appeal = Appeal.objects.get()
    assert appeal.applicant_phone == MOBILE and appeal.sms_notices


def test_an_old_account_phone_that_does_not_parse_is_kept_but_gets_no_sms(
    api: Api, world: Any, tokens: dict[str, str]
) -> None:
    citizen = world.users["citizen"]
    citizen.phone = "12-34"
    citizen.save(update_fields=["phone"])
    refused = api.post("/appeals", appeal_payload(sms_notices=True), token=tokens["citizen"], **EN)
    assert field_errors(refused) == [{"field": "sms_notices", "message": CONSENT_ERROR}]
    assert api.post("/appeals", appeal_payload(), token=tokens["citizen"]).status_code == 201
    assert Appeal.objects.get().applicant_phone == "12-34"


def test_an_invalid_phone_is_a_field_error(api: Api, world: Any) -> None:
    response = api.post(
        "/appeals", appeal_payload(applicant_phone="029 12", sms_notices=True), **EN
    )
    # One error, at the phone: the consent is not judged on a number that does not parse.
    assert field_errors(response) == [{"field": "applicant_phone", "message": PHONE_ERROR}]
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("phone", ["", "+375 17 222-33-44"], ids=["no phone", "landline"])
def test_text_messages_need_a_mobile_phone(api: Api, world: Any, phone: str) -> None:
    response = api.post("/appeals", appeal_payload(applicant_phone=phone, sms_notices=True), **EN)
    assert field_errors(response) == [{"field": "sms_notices", "message": CONSENT_ERROR}]
    assert not Appeal.objects.exists()


def test_the_errors_come_in_the_request_s_language(api: Api, world: Any) -> None:
    russian = {"Accept-Language": "ru"}
    bad = api.post("/appeals", appeal_payload(applicant_phone="12345"), **russian)
    assert field_errors(bad) == [
        {
            "field": "applicant_phone",
            "message": "Введите номер телефона, например +375 29 123-45-67.",
        }
    ]
    landline = api.post(
        "/appeals", appeal_payload(applicant_phone="+375172223344", sms_notices=True), **russian
    )
    assert field_errors(landline) == [
        {
            "field": "sms_notices",
            "message": "Чтобы получать SMS, укажите номер мобильного телефона.",
        }
    ]


def test_a_disabled_installation_refuses_the_consent_instead_of_ignoring_it(
    api: Api, world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.RATUSHA_SMS_BACKEND = "disabled"
    asked = api.post("/appeals", appeal_payload(applicant_phone=MOBILE, sms_notices=True), **EN)
    assert field_errors(asked) == [{"field": "sms_notices", "message": DISABLED_ERROR}]
    both = api.post("/appeals", appeal_payload(applicant_phone="029 12", sms_notices=True))
    assert {e["field"] for e in field_errors(both)} == {"applicant_phone", "sms_notices"}
    assert not Appeal.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        plain = api.post("/appeals", appeal_payload(applicant_phone=MOBILE, sms_notices=False))
    assert plain.status_code == 201 and not Appeal.objects.get().sms_notices


def test_the_openapi_document_describes_the_field(api: Api) -> None:
    schemas = api.get("/openapi.json").json()["components"]["schemas"]
    field = schemas["AppealIn"]["properties"]["sms_notices"]
    assert field["type"] == "boolean" and field["default"] is False
    assert "text messages" in field["description"]
    assert "sms_notices" not in schemas["AppealIn"].get("required", [])
    assert "sms_notices" in schemas["AppealDetailOut"]["required"]
