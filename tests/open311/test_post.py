"""POST requests: an api_key per client, spec errors, an ordinary appeal, idempotency, tokens."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

import pytest
from django.core import mail

from tests.open311.conftest import filing, get, post

pytestmark = pytest.mark.django_db


def test_a_request_becomes_an_ordinary_appeal_the_citizen_can_follow(
    client: Any, world: Any, api_key: str, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.appeals.choices import Channel, Processing
    from ratusha.appeals.models import Appeal
    from ratusha.ledger.models import PendingEntry
    from ratusha.open311.models import Submission

    with django_capture_on_commit_callbacks(execute=True):
        answer = post(client, "/requests.json", filing(api_key))
    assert answer.status_code == 200, answer.content
    (filed,) = answer.json()
    assert set(filed) == {"service_request_id", "service_notice", "account_id"}
    appeal = Appeal.objects.get(number=filed["service_request_id"])
    assert appeal.channel == Channel.OPEN311
    assert (appeal.applicant_name, appeal.applicant_email) == ("John Smith", "smith@example.org")
    assert appeal.category == world.categories["A1"]
    assert str(appeal.latitude) == "53.900000" and appeal.address == "vul. Savieckaja 12"
    assert appeal.processing == Processing.DONE  # triaged and routed
    assert appeal.department == world.departments["A1"]
    assert PendingEntry.objects.filter(subject=appeal.number).exists()  # in the ledger
    assert Submission.objects.get(appeal=appeal).client.name == "Street app"
    # The receipt e-mail carries the tracking link, and the link opens the appeal.
    (receipt,) = mail.outbox
    link = re.search(r"https?://\S+/appeals/track/\S+/", receipt.body).group(0)
    assert link in filed["service_notice"]
    page = client.get(link[link.index("/appeals/") :])
    assert page.status_code == 200 and appeal.number in page.content.decode()
    # The public list shows it (processed), without the applicant.
    listed = get(client, "/requests.json", jurisdiction_id="A").content.decode()
    assert appeal.number in listed and "Smith" not in listed


@pytest.mark.parametrize("typed", ["8 (029) 111-22-33", "+375 29 111 22 33", ""])
def test_the_phone_is_kept_in_e164_as_on_every_channel(
    client: Any, world: Any, api_key: str, typed: str
) -> None:
    from ratusha.appeals.models import Appeal

    answer = post(client, "/requests.json", filing(api_key, phone=typed))
    assert answer.status_code == 200, answer.content
    assert Appeal.objects.get().applicant_phone == ("+375291112233" if typed else "")


def test_xml_answer_follows_the_spec(client: Any, world: Any, api_key: str) -> None:
    answer = post(client, "/requests.xml", filing(api_key))
    root = ElementTree.fromstring(answer.content)
    assert root.tag == "service_requests"
    assert [e.tag for e in root.find("request")] == [
        "service_request_id",
        "service_notice",
        "account_id",
    ]


@pytest.mark.parametrize("key", ["", "wrong"])
def test_a_missing_or_wrong_key_is_403(client: Any, world: Any, api_key: str, key: str) -> None:
    answer = post(client, "/requests.json", filing(key))
    assert answer.status_code == 403
    assert answer.json() == [
        {
            "code": 403,
            "description": "Invalid api_key received -- can't proceed with create_request.",
        }
    ]


def test_a_key_works_only_for_its_bodies(client: Any, world: Any, api_key: str) -> None:
    answer = post(
        client, "/requests.json", filing(api_key, jurisdiction_id="B", service_code="CB1")
    )
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("overrides", "status", "words"),
    [
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "NOPE"}, 404, "service_code"),
        ({"jurisdiction_id": ""}, 400, "jurisdiction_id"),
        ({"lat": "", "long": "", "address_string": ""}, 400, "location"),
        ({"lat": "95"}, 400, "lat"),
        ({"long": ""}, 400, "lat and long"),
        ({"first_name": "", "last_name": ""}, 400, "name"),
        ({"email": "not-an-address"}, 400, "email"),
        ({"description": "short"}, 400, "description"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"phone": "call me"}, 400, "phone"),
    ],
)
def test_refusals_use_the_spec_error_format(
    client: Any, world: Any, api_key: str, overrides: Any, status: int, words: str
) -> None:
    from ratusha.appeals.models import Appeal

    answer = post(client, "/requests.json", filing(api_key, **overrides))
    assert answer.status_code == status
    (error,) = answer.json()
    assert error["code"] == status and words in error["description"]
    assert not Appeal.objects.exists()


def test_extra_questions_are_checked_and_kept_in_the_text(
    client: Any, world: Any, api_key: str, questions: Any
) -> None:
    from ratusha.appeals.models import Appeal

    missing = post(client, "/requests.json", filing(api_key))
    assert missing.status_code == 400 and "LAMP" in missing.json()[0]["description"]
    wrong = post(client, "/requests.json", filing(api_key, **{"attribute[LAMP]": "tree"}))
    assert wrong.status_code == 400
    good = post(
        client,
        "/requests.json",
        filing(api_key, **{"attribute[LAMP]": "pole", "attribute[COUNT]": "2"}),
    )
    assert good.status_code == 200, good.content
    appeal = Appeal.objects.get(number=good.json()[0]["service_request_id"])
    assert "Which lamp?: Pole" in appeal.text and "How many?: 2" in appeal.text


def test_a_retried_post_does_not_duplicate(client: Any, world: Any, api_key: str) -> None:
    from ratusha.appeals.models import Appeal

    first = post(client, "/requests.json", filing(api_key), HTTP_IDEMPOTENCY_KEY="k-1")
    again = post(client, "/requests.json", filing(api_key), HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.json() == again.json()
    assert Appeal.objects.count() == 1
    other = post(
        client,
        "/requests.json",
        filing(api_key, description="Another problem entirely, a tree fell."),
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert other.status_code == 400 and other.json()[0]["code"] == 409


def test_batch_clients_get_a_token_and_ask_for_the_number(
    client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.open311.actions import check_create_client
    from ratusha.open311.models import Submission

    _client, key = check_create_client("Call centre", [world.bodies["A"]], batch=True)
    services = get(client, "/services.json", jurisdiction_id="A", api_key=key).json()
    assert {s["type"] for s in services} == {"batch"}
    with django_capture_on_commit_callbacks(execute=False) as queued:
        answer = post(client, "/requests.json", filing(key))
    (filed,) = answer.json()
    assert "service_request_id" not in filed
    pending = get(client, f"/tokens/{filed['token']}.json", jurisdiction_id="A").json()
    assert pending == [{"service_request_id": None, "token": filed["token"]}]
    for callback in queued:
        callback()  # the background registration
    done = get(client, f"/tokens/{filed['token']}.xml", jurisdiction_id="A")
    root = ElementTree.fromstring(done.content)
    number = root.find("request/service_request_id").text
    assert number.startswith("A-") and root.find("request/token").text == filed["token"]
    assert Submission.objects.get(token=filed["token"]).payload == {}  # personal data dropped
    assert get(client, "/tokens/unknown.json", jurisdiction_id="A").status_code == 404


def test_other_methods_are_refused_in_the_spec_format(client: Any, world: Any) -> None:
    answer = client.delete("/open311/v2/requests.json?jurisdiction_id=A")
    assert answer.status_code == 405 and answer.json()[0]["code"] == 405
    assert client.get("/open311/v2/nothing.json").status_code == 404
