"""Fixtures for Open311: a client key for body A, extra questions, appeals filed for real."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

V2 = "/open311/v2"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def api_key(world: Any) -> str:
    """Give the key of a realtime client allowed to file to body A."""
    from ratusha.open311.actions import check_create_client

    return check_create_client("Street app", [world.bodies["A"]])[1]


@pytest.fixture
def questions(world: Any) -> Any:
    """Give category A1 two extra questions: a required list and an optional number."""
    from ratusha.open311.models import AttributeValue, ServiceAttribute

    kind = ServiceAttribute.objects.create(
        category=world.categories["A1"],
        code="LAMP",
        datatype="singlevaluelist",
        required=True,
        order=1,
        description_be="Які ліхтар?",
        description_en="Which lamp?",
    )
    AttributeValue.objects.create(attribute=kind, key="pole", name_be="Слуп", name_en="Pole")
    AttributeValue.objects.create(attribute=kind, key="wall", name_be="Сцяна", name_en="Wall")
    ServiceAttribute.objects.create(
        category=world.categories["A1"],
        code="COUNT",
        datatype="number",
        order=2,
        description_be="Колькі?",
        description_en="How many?",
    )
    return kind


@pytest.fixture
def filed(world: Any) -> Any:
    """Register three appeals in body A (one in category A2) and one in B, by the real actions.

    Each is sent to triage and assigned to its category's department by the workflow, then
    marked processed (the AI triage itself is left out for speed; test_post runs it).
    """
    from ratusha.appeals.actions import AppealInput, check_register_appeal, check_transition
    from ratusha.appeals.choices import Channel, Processing
    from ratusha.appeals.models import Appeal

    def make(body: str = "A", category: str = "A1", **extra: Any) -> Any:
        data = AppealInput(
            body=world.bodies[body],
            channel=Channel.WEB,
            text="На вуліцы Савецкай не працуе ліхтар ужо тыдзень.",
            applicant_name="Ганна Жук",
            applicant_email="hanna@example.org",
            category=world.categories[category],
            **extra,
        )
        pk = check_register_appeal(data).appeal.pk
        check_transition(pk, "start_triage", None, as_system=True)
        department = str(world.departments[category].pk)
        check_transition(pk, "assign", None, {"department": department}, as_system=True)
        Appeal.objects.filter(pk=pk).update(processing=Processing.DONE)
        return Appeal.objects.get(pk=pk)

    pinned = {"latitude": 53.9012, "longitude": 27.5591, "address": "вул. Савецкая, 12, кв. 5"}
    return [make(**pinned), make(), make(category="A2"), make(body="B", category="B1")]


def get(client: Client, path: str, **params: Any) -> Any:
    return client.get(f"{V2}{path}", params, HTTP_ACCEPT_LANGUAGE="en")


def post(client: Client, path: str, data: dict[str, Any], **headers: Any) -> Any:
    return client.post(f"{V2}{path}", data, HTTP_ACCEPT_LANGUAGE="en", **headers)


def filing(api_key: str, **overrides: Any) -> dict[str, Any]:
    """Give a valid POST requests form for category A1 of body A."""
    form = {
        "api_key": api_key,
        "jurisdiction_id": "A",
        "service_code": "CA1",
        "lat": "53.9",
        "long": "27.56",
        "address_string": "vul. Savieckaja 12",
        "email": "smith@example.org",
        "first_name": "John",
        "last_name": "Smith",
        "phone": "+375291112233",
        "description": "A large pothole is destroying the street near the school.",
    }
    form.update(overrides)
    return form
