"""The DCAT-AP 3 catalogue: JSON-LD and Turtle give the same graph, with what harvesters need."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from ratusha.opendata.actions import check_export_dumps
from tests.opendata.turtle import RDF_TYPE, read_jsonld, read_turtle, without_blank_ids

pytestmark = pytest.mark.django_db

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture
def graphs(appeals: list[Any], client: Client, django_capture_on_commit_callbacks: Any) -> Any:
    with django_capture_on_commit_callbacks(execute=True):
        check_export_dumps(per_body=False)
    jsonld = client.get("/opendata/catalog.jsonld")
    turtle = client.get("/opendata/catalog.ttl")
    assert jsonld["Content-Type"].startswith("application/ld+json")
    assert turtle["Content-Type"].startswith("text/turtle")
    return read_jsonld(json.loads(jsonld.content)), read_turtle(turtle.content.decode())


def objects(triples: Any, subject: Any, predicate: str) -> list[Any]:
    return [o for s, p, o in triples if s == subject and p == predicate]


def of_type(triples: Any, kind: str) -> list[Any]:
    return [s for s, p, o in triples if p == RDF_TYPE and o == ("iri", kind)]


def test_both_serialisations_hold_the_same_graph(graphs: Any) -> None:
    from_jsonld, from_turtle = graphs
    assert len(from_jsonld) == len(from_turtle) > 100
    assert without_blank_ids(from_jsonld) == without_blank_ids(from_turtle)


def test_every_dataset_has_what_dcat_ap_asks(graphs: Any) -> None:
    triples = graphs[1]
    (catalogue,) = of_type(triples, DCAT + "Catalog")
    datasets = objects(triples, catalogue, DCAT + "dataset")
    names = {o[1].rsplit("/", 2)[-2] for o in datasets}
    assert names == {"appeals", "answers", "statistics", "decisions", "checkpoints"}
    for dataset in datasets:
        titles = {o[1].rsplit("@", 1)[1] for o in objects(triples, dataset, DCT + "title")}
        assert titles == {"be", "ru", "en"}
        assert len(objects(triples, dataset, DCT + "description")) == 3
        assert objects(triples, dataset, DCT + "license") == [
            ("iri", "https://creativecommons.org/licenses/by/4.0/")
        ]
        assert objects(triples, dataset, DCT + "accrualPeriodicity") == [
            ("iri", "http://publications.europa.eu/resource/authority/frequency/DAILY")
        ]
        assert objects(triples, dataset, DCT + "conformsTo")
        assert objects(triples, dataset, DCT + "publisher")
    appeals = ("iri", "http://testserver/opendata/appeals/")
    (period,) = objects(triples, appeals, DCT + "temporal")
    assert objects(triples, period, DCAT + "startDate")[0][1].endswith(
        "^^http://www.w3.org/2001/XMLSchema#date"
    )
    downloads = [d for d in objects(triples, appeals, DCAT + "distribution") if "download" in d[1]]
    assert len(downloads) == 3
    for distribution in downloads:
        (size,) = objects(triples, distribution, DCAT + "byteSize")
        assert int(size[1].split("^^")[0]) > 0
        (checksum,) = objects(triples, distribution, SPDX + "checksum")
        (value,) = objects(triples, checksum, SPDX + "checksumValue")
        assert len(value[1].split("^^")[0]) == 64


def test_the_license_is_a_setting(appeals: list[Any], client: Client, settings: Any) -> None:
    settings.RATUSHA_OPENDATA_LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
    triples = read_turtle(client.get("/opendata/catalog.ttl").content.decode())
    licenses = {o for s, p, o in triples if p == DCT + "license"}
    assert licenses == {("iri", "https://creativecommons.org/publicdomain/zero/1.0/")}


def test_each_dataset_serves_its_schema(client: Client, world: Any) -> None:
    schema = client.get("/opendata/appeals/schema.json").json()
    names = [field["name"] for field in schema["fields"]]
    assert names[:3] == ["number", "body_code", "body_name"] and schema["primaryKey"] == ["number"]
    assert {f["name"]: f["type"] for f in schema["fields"]}["registered_at"] == "datetime"
    csvw = client.get("/opendata/statistics/csv-metadata.json").json()
    assert csvw["url"].endswith("/opendata/statistics/download/all.csv")
    assert [c["name"] for c in csvw["tableSchema"]["columns"]][-3:] == [
        "registered",
        "answered",
        "open",
    ]
    assert client.get("/opendata/nothing/schema.json").status_code == 404
    assert client.get("/opendata/appeals/").url == "/opendata/#appeals"


def test_rdflib_reads_both_when_it_is_installed(appeals: list[Any], client: Client) -> None:
    rdflib = pytest.importorskip("rdflib")
    from rdflib.compare import isomorphic

    turtle = rdflib.Graph().parse(data=client.get("/opendata/catalog.ttl").content, format="turtle")
    jsonld = rdflib.Graph().parse(
        data=client.get("/opendata/catalog.jsonld").content, format="json-ld"
    )
    assert len(turtle) > 100 and isomorphic(turtle, jsonld)
