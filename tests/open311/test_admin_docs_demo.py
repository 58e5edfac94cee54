"""The admin site for clients and extra questions, discovery, the OpenAPI document, the demo."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.messages import get_messages

from tests.open311.conftest import filing, get, post

pytestmark = pytest.mark.django_db


def test_a_client_made_in_the_admin_gets_a_key_shown_once(client: Any, world: Any) -> None:
    from ratusha.accounts.models import User
    from ratusha.open311.models import Open311Client

    root = User.objects.create_superuser("root@example.org", "x")
    client.force_login(root)
    answer = client.post(
        "/admin/open311/open311client/add/",
        {"name": "Street app", "bodies": [world.bodies["A"].pk], "is_active": "on"},
    )
    assert answer.status_code == 302, answer.content[:2000]
    shown = " ".join(str(m) for m in get_messages(answer.wsgi_request))
    (key,) = re.findall(r"\b[0-9a-f]{48}\b", shown)
    saved = Open311Client.objects.get()
    assert key not in saved.key_hash and saved.key_prefix == key[:8]
    client.logout()
    assert post(client, "/requests.json", filing(key)).status_code == 200


def test_extra_questions_are_edited_only_within_reach(client: Any, world: Any) -> None:
    client.force_login(world.users["admin"])  # body administrator of A
    form = {
        "code": "Q1",
        "datatype": "string",
        "order": "1",
        "description_be": "Пытанне",
        "values-TOTAL_FORMS": "0",
        "values-INITIAL_FORMS": "0",
    }
    page = "/admin/open311/serviceattribute/add/"
    refused = client.post(page, {**form, "category": world.categories["B1"].pk})
    assert refused.status_code == 200  # another body's category is not a choice
    allowed = client.post(page, {**form, "category": world.categories["A1"].pk, "variable": "on"})
    assert allowed.status_code == 302
    assert get(client, "/services.json", jurisdiction_id="A").json()[0]["metadata"] is True


def test_discovery_and_openapi(client: Any, world: Any) -> None:
    discovery = get(client, "/discovery.json").json()
    (endpoint,) = discovery["endpoints"]
    assert endpoint["url"].endswith("/open311/v2/")
    assert endpoint["formats"] == ["text/xml", "application/json"]
    document = client.get("/open311/v2/openapi.json").json()
    assert document["openapi"] == "3.0.3"
    assert "/open311/v2/servicerequestupdates.{format}" in document["paths"]


def test_demo_seed_is_idempotent_and_gives_a_working_key(client: Any, world: Any) -> None:
    from ratusha.bodies.models import Body, Category
    from ratusha.open311.demo import DEMO_KEY, seed_demo
    from ratusha.open311.models import Open311Client, ServiceAttribute

    town = Body.objects.create(code="ZAR", kind="municipality", name_be="Зарэчанск")
    Category.objects.create(body=town, code="HEAT", name_be="Ацяпленне")
    for _run in range(2):
        seed_demo(now=None)  # type: ignore[arg-type]
    assert Open311Client.objects.count() == 1 and ServiceAttribute.objects.count() == 1
    form = filing(DEMO_KEY, jurisdiction_id="ZAR", service_code="HEAT")
    form["attribute[WHERE]"] = "flat"
    assert post(client, "/requests.json", form).status_code == 200
