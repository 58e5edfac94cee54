"""Every example of the GeoReport v2 spec against our output: same keys, nesting and types.

The examples are read from the spec's markdown in the shared data folder (never copied
into the repository); the test is skipped when the folder is missing.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.open311.conftest import filing, get, post

pytestmark = pytest.mark.django_db

SHARED = Path(os.environ.get("RATUSHA_SHARED_DATA", Path(__file__).parents[3] / "shared" / "data"))
SPEC = SHARED / "open311-spec" / "GeoReport_v2_spec.md"
# Fields whose examples are numbers but which are identifiers: ours are strings.
IDENTIFIERS = {"service_code", "service_request_id", "address_id", "zipcode", "token", "key"}


def _blocks() -> list[str]:
    if not SPEC.exists():
        pytest.skip(f"the Open311 spec is not at {SPEC}")
    return re.findall(r"^~~~~\n(.*?)^~~~~", SPEC.read_text(encoding="utf-8"), re.S | re.M)


def _json(block: str) -> Any:
    text = block[block.index(next(c for c in block if c in "[{")) :]
    # The spec writes codes as 001, which JSON does not allow: read them as strings.
    return json.loads(re.sub(r'("\w+":\s*)(0\d+)(?=\s*[,}])', r'\1"\2"', text))


def spec_examples() -> tuple[list[Any], list[ElementTree.Element]]:
    json_examples, xml_examples = [], []
    for block in _blocks():
        if "<?xml" in block:
            xml_examples.append(ElementTree.fromstring(block[block.index("<?xml") :].encode()))
        elif block.lstrip().startswith(("[", "{", "HTTP/")):
            json_examples.append(_json(block))
    return json_examples, xml_examples


def kind(example: Any) -> str:
    """Name the resource an example shows, by its keys."""
    item = example[0] if isinstance(example, list) else example
    keys = set(item)
    if "attributes" in keys:
        return "definition"
    if "service_name" in keys and "type" in keys:
        return "services"
    if "status" in keys:
        return "requests"
    if "token" in keys:
        return "token"
    if "service_notice" in keys:
        return "filed"
    if "code" in keys:
        return "errors"
    raise AssertionError(keys)


def same_shape(spec: Any, ours: Any, name: str = "") -> None:
    """Fail unless ours has the spec example's keys, nesting and types."""
    if isinstance(spec, dict):
        assert isinstance(ours, dict), name
        assert set(ours) == set(spec), (name, set(ours) ^ set(spec))
        for key in spec:
            same_shape(spec[key], ours[key], key)
    elif isinstance(spec, list):
        assert isinstance(ours, list), name
        assert ours or name, "an empty answer proves nothing"  # inner lists may be empty
        for item in ours:
            same_shape(spec[0], item, name)
    elif isinstance(spec, bool):
        assert isinstance(ours, bool), name
    elif isinstance(spec, (int, float)):
        allowed: tuple[type, ...] = (int, float, str) if name in IDENTIFIERS else (int, float)
        assert ours is None or isinstance(ours, allowed), (name, ours)
    elif isinstance(spec, str):
        assert ours is None or isinstance(ours, str), (name, ours)
    else:  # null in the example: any scalar
        assert not isinstance(ours, (dict, list)), name


def tree(element: ElementTree.Element) -> dict[str, set[str]]:
    """Give, for each element path, the set of its children's tags."""
    shape: dict[str, set[str]] = {}

    def walk(node: ElementTree.Element, path: str) -> None:
        shape.setdefault(path, set()).update(child.tag for child in node)
        for child in node:
            walk(child, f"{path}/{child.tag}")

    walk(element, element.tag)
    return shape


@pytest.fixture
def ours(client: Any, world: Any, filed: Any, questions: Any, api_key: str) -> Any:
    """Give our answer in each format for each kind of resource the spec shows."""
    from ratusha.open311.actions import check_create_client

    _batch, batch_key = check_create_client("Call centre", [world.bodies["A"]], batch=True)
    answers = {"attribute[LAMP]": "pole"}
    token = post(client, "/requests.json", filing(batch_key, **answers)).json()[0]["token"]
    form = filing(api_key, **answers)

    def answer(what: str, fmt: str) -> Any:
        paths = {
            "services": lambda: get(client, f"/services.{fmt}", jurisdiction_id="A"),
            "definition": lambda: get(client, f"/services/CA1.{fmt}", jurisdiction_id="A"),
            "requests": lambda: get(client, f"/requests.{fmt}", jurisdiction_id="A"),
            "token": lambda: get(client, f"/tokens/{token}.{fmt}", jurisdiction_id="A"),
            "filed": lambda: post(client, f"/requests.{fmt}", form),
            "errors": lambda: post(client, f"/requests.{fmt}", filing("wrong")),
        }
        response = paths[what]()
        assert response["Content-Type"].endswith("charset=utf-8")
        return response.json() if fmt == "json" else ElementTree.fromstring(response.content)

    return answer


XML_KINDS = {
    "services": "services",
    "service_definition": "definition",
    "errors": "errors",
}


def xml_kind(element: ElementTree.Element) -> str:
    if element.tag in XML_KINDS:
        return XML_KINDS[element.tag]
    tags = {child.tag for child in element.find("request")}
    return kind([dict.fromkeys(tags)])


def test_the_spec_has_examples_of_every_resource() -> None:
    json_examples, xml_examples = spec_examples()
    assert {kind(e) for e in json_examples} == {
        "services",
        "definition",
        "requests",
        "token",
        "filed",
        "errors",
    }
    assert {xml_kind(e) for e in xml_examples} == {kind(e) for e in json_examples}


def test_json_answers_have_the_shape_of_the_spec_examples(ours: Any) -> None:
    json_examples, _xml = spec_examples()
    for example in json_examples:
        same_shape(example, ours(kind(example), "json"), kind(example))


def test_xml_answers_have_the_shape_of_the_spec_examples(ours: Any) -> None:
    _json_examples, xml_examples = spec_examples()
    for example in xml_examples:
        mine = ours(xml_kind(example), "xml")
        assert tree(mine) == tree(example), xml_kind(example)
