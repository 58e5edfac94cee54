"""The privacy guarantee: nothing the public can fetch holds a citizen's personal details.

Appeals full of names, phones, e-mails, identification, passport and card numbers and
flat numbers (in be, ru and en) are filed by the real actions with consent to publish,
answered with public answers that repeat those details, their redacted texts approved
by a clerk, and exported. Then every public page, every REST API and Open311 response
(JSON and XML) and every open-data file in every format is searched for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from ratusha.appeals.actions import (
    AppealInput,
    check_approve_answer,
    check_draft_answer,
    check_register_appeal,
)
from ratusha.appeals.choices import Channel
from ratusha.ledger.actions import integrate_everything
from ratusha.opendata.actions import check_export_dumps
from ratusha.opendata.catalog import download_path
from ratusha.opendata.models import Dump
from tests.privacy import collect
from tests.privacy.seeds import DIGITS, OPEN311, PATTERNS, PEOPLE, WORDS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.RATUSHA_LEDGER_SITE = "ratusha.test"


def _file_and_answer(world: Any, capture: Any) -> list[Any]:
    appeals = []
    for person in PEOPLE:
        with capture(execute=True):
            appeal = check_register_appeal(
                AppealInput(
                    body=world.bodies["A"],
                    channel=Channel.WEB,
                    text=person.text,
                    applicant_name=person.name,
                    applicant_email=person.email,
                    applicant_phone=person.phone,
                    applicant_address=person.home,
                    address=person.place,
                    latitude=Decimal("53.901234"),
                    longitude=Decimal("27.561234"),
                    language=person.language,
                    consent_to_publish=True,
                    category=world.categories["A1"],
                )
            ).appeal
        questions = list(appeal.questions.values_list("pk", flat=True))
        check_draft_answer(appeal.pk, world.users["officer"], person.answer, questions)
        with capture(execute=True):
            check_approve_answer(appeal.pk, world.users["head"])
        appeals.append(appeal)
    return appeals


def _file_through_open311(world: Any, client: Client, capture: Any) -> list[str]:
    """File one request by Open311 POST; give its number if the endpoint answers with one."""
    try:
        from ratusha.open311.actions import check_create_client
    except ImportError:  # Open311 not built yet
        return []
    key = check_create_client("Street app", [world.bodies["A"]])[1]
    form = {"api_key": key, "jurisdiction_id": "A", "service_code": "CA1", **OPEN311}
    form |= {"lat": "53.9", "long": "27.56"}
    with capture(execute=True):
        answer = client.post("/open311/v2/requests.json", form)
    assert answer.status_code == 200, answer.content
    return [item["service_request_id"] for item in answer.json() if "service_request_id" in item]


def _approve_publications(world: Any) -> int:
    """Approve, as the clerk, every proposed redaction that the approval accepts as it is."""
    try:
        from ratusha.publication.access import review_queue
        from ratusha.publication.actions import PublicationRefused, check_approve_publication
    except ImportError:  # the publication app has no review yet: approve nothing
        return 0
    approved = 0
    for publication in list(review_queue(world.users["clerk"])):
        try:
            check_approve_publication(world.users["clerk"], publication)
            approved += 1
        except PublicationRefused:
            continue
    return approved


def _everything(client: Client, world: Any, numbers: list[str]) -> Iterator[tuple[str, str]]:
    values = {
        "code": list(world.bodies),
        "category": [c.code for c in world.categories.values()],
        "number": numbers,
        "appeal_id": numbers,
        "attachment_id": ["1"],
    }
    downloads = [download_path(dump) for dump in Dump.objects.all()]
    yield from collect.crawl(client)
    yield from collect.rest_api(client, values)
    yield from collect.open311(client, values)
    yield from collect.open_data(client, downloads)


def test_no_personal_detail_is_ever_published(
    world: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    appeals = _file_and_answer(world, django_capture_on_commit_callbacks)
    numbers = [a.number for a in appeals]
    numbers += _file_through_open311(world, client, django_capture_on_commit_callbacks)
    approved = _approve_publications(world)
    with django_capture_on_commit_callbacks(execute=True):
        dumps = check_export_dumps()
    integrate_everything()
    assert {d.format for d in dumps} == {"csv", "jsonl", "parquet"}

    leaks: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for address, text in _everything(client, world, numbers):
        seen[address] = text
        decoded, digits = collect.normalised(text)
        leaks += [(address, word) for word in WORDS if word in decoded]
        leaks += [(address, number) for number in DIGITS if number in digits]
        leaks += [(address, p.pattern) for p in PATTERNS if p.search(decoded)]
    assert not leaks, "personal data published:\n" + "\n".join(f"{a}: {w}" for a, w in leaks)

    # The search looked where the appeals are: they are listed, with their answers.
    everything = "\n".join(seen.values())
    for number in numbers:
        assert number in everything
    assert any("ліхтар" in text for address, text in seen.items() if "/download/" in address)
    assert len([a for a in seen if "/download/" in a]) == len(dumps)
    assert any(a.startswith("/open311/v2/requests") and a.endswith(".xml") for a in seen)
    assert approved >= 0  # how many redactions the clerk could approve as proposed
