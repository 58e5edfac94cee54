"""GET services and services/{code}: public categories, groups, keywords, extra questions."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import pytest

from tests.open311.conftest import get

pytestmark = pytest.mark.django_db


def test_services_are_the_public_categories_of_the_body(client: Any, world: Any) -> None:
    from ratusha.bodies.models import Category

    world.categories["A1"].keywords = "lamp\nstreet light\n"
    world.categories["A1"].save()
    Category.objects.create(body=world.bodies["A"], code="HIDDEN", name_be="x", is_public=False)
    answer = get(client, "/services.json", jurisdiction_id="A")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    services = answer.json()
    assert [s["service_code"] for s in services] == ["CA1", "CA2"]
    lamp = services[0]
    assert lamp["keywords"] == "lamp, street light"
    assert lamp["group"] == "Dept A1"  # no parent category: the department groups it
    assert (lamp["type"], lamp["metadata"]) == ("realtime", False)


def test_a_parent_category_is_the_group(client: Any, world: Any) -> None:
    from ratusha.bodies.models import Category

    parent = Category.objects.create(
        body=world.bodies["A"], code="ROADS", name_be="Дарогі", name_en="Roads"
    )
    world.categories["A2"].parent = parent
    world.categories["A2"].save()
    services = get(client, "/services.json", jurisdiction_id="A").json()
    assert {s["service_code"]: s["group"] for s in services}["CA2"] == "Roads"


def test_jurisdiction_is_required_with_several_bodies(client: Any, world: Any) -> None:
    missing = get(client, "/services.json")
    assert missing.status_code == 400
    assert missing.json()[0]["code"] == 400
    assert "jurisdiction_id" in missing.json()[0]["description"]
    unknown = get(client, "/services.xml", jurisdiction_id="NOPE")
    assert unknown.status_code == 404
    root = ElementTree.fromstring(unknown.content)
    assert root.tag == "errors" and root.find("error/code").text == "404"


def test_one_active_body_needs_no_jurisdiction(client: Any, world: Any) -> None:
    from ratusha.bodies.models import Body

    Body.objects.exclude(code="B").update(is_active=False)
    services = get(client, "/services.json").json()
    assert [s["service_code"] for s in services] == ["CB1"]


def test_service_definition_lists_the_extra_questions(
    client: Any, world: Any, questions: Any
) -> None:
    services = get(client, "/services.json", jurisdiction_id="A").json()
    assert {s["service_code"]: s["metadata"] for s in services} == {"CA1": True, "CA2": False}
    definition = get(client, "/services/CA1.json", jurisdiction_id="A").json()
    assert definition["service_code"] == "CA1"
    lamp, count = definition["attributes"]
    assert (lamp["code"], lamp["datatype"], lamp["required"], lamp["order"]) == (
        "LAMP",
        "singlevaluelist",
        True,
        1,
    )
    assert lamp["description"] == "Which lamp?"
    assert lamp["values"] == [{"key": "pole", "name": "Pole"}, {"key": "wall", "name": "Wall"}]
    assert (count["datatype"], count["required"], count["values"]) == ("number", False, [])
    xml = ElementTree.fromstring(get(client, "/services/CA1.xml", jurisdiction_id="A").content)
    assert [v.text for v in xml.findall("attributes/attribute/values/value/key")] == [
        "pole",
        "wall",
    ]


def test_unknown_or_other_bodys_service_is_404(client: Any, world: Any) -> None:
    assert get(client, "/services/CB1.json", jurisdiction_id="A").status_code == 404
    assert get(client, "/services/ZZZ.xml", jurisdiction_id="A").status_code == 404
