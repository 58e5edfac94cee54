"""The open-data API: the dumps' rows, paged and filtered, in the OpenAPI description."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def get(client: Client, path: str, **params: Any) -> Any:
    response = client.get(path, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content
    return response.json()


def test_appeals_are_paged_newest_first(appeals: list[Any], client: Client) -> None:
    page = get(client, "/api/v1/opendata/appeals", page_size=2)
    assert page["count"] == 3 and page["pages"] == 2
    assert [r["number"] for r in page["results"]] == [appeals[2].number, appeals[1].number]
    second = get(client, "/api/v1/opendata/appeals", page_size=2, page=2)
    assert [r["number"] for r in second["results"]] == [appeals[0].number]
    assert get(client, "/api/v1/opendata/appeals", page=9)["results"] == []


def test_filters(appeals: list[Any], client: Client) -> None:
    def numbers(**params: Any) -> set[str]:
        return {r["number"] for r in get(client, "/api/v1/opendata/appeals", **params)["results"]}

    first, second, third = (a.number for a in appeals)
    assert numbers(body="B") == {third}
    assert numbers(category="CA2") == {second}
    assert numbers(department="A1") == {first}
    assert numbers(status="answered") == {first}
    assert numbers(status="open") == {second, third}
    zone = ZoneInfo(appeals[0].body.time_zone)
    today = appeals[0].registered_at.astimezone(zone).date()  # the body's date, not UTC's
    assert numbers(date_from=today, date_to=today) == {first, second, third}
    assert numbers(date_to="2000-01-01") == set()


def test_answers_statistics_and_checkpoints(appeals: list[Any], client: Client) -> None:
    answers = get(client, "/api/v1/opendata/answers")
    assert answers["count"] == 1 and answers["results"][0]["number"] == appeals[0].number
    assert "пятніцы" in answers["results"][0]["answer_summary"]
    statistics = get(client, "/api/v1/opendata/statistics", body="A")
    assert sum(r["registered"] for r in statistics["results"]) == 2
    assert sum(r["answered"] for r in statistics["results"]) == 1
    checkpoints = get(client, "/api/v1/opendata/checkpoints", body="A")
    assert checkpoints["count"] >= 1 and all(r["log"] == "A" for r in checkpoints["results"])
    assert get(client, "/api/v1/opendata/decisions")["count"] == 0


def test_bad_filters_are_problems(world: Any, client: Client) -> None:
    response = client.get("/api/v1/opendata/appeals", {"status": "lost"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "status"
    too_big = client.get("/api/v1/opendata/appeals", {"page_size": 5000}, HTTP_ACCEPT_LANGUAGE="en")
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "page_size"
    bad_date = client.get("/api/v1/opendata/appeals", {"date_from": "soon"})
    assert bad_date.status_code == 422


def test_the_datasets_and_their_schemas_are_in_openapi(world: Any, client: Client) -> None:
    listed = get(client, "/api/v1/opendata")
    assert [d["name"] for d in listed] == [
        "appeals",
        "answers",
        "statistics",
        "decisions",
        "checkpoints",
    ]
    spec = client.get("/api/v1/openapi.json").json()
    for name in ("appeals", "answers", "statistics", "decisions", "checkpoints"):
        assert f"/api/v1/opendata/{name}" in spec["paths"]
    row = spec["components"]["schemas"]["OpenDataAppealsRow"]
    assert "registered_at" in row["properties"] and "applicant_name" not in row["properties"]


def test_codes_with_strange_characters_are_refused_not_crashed(world: Any, client: Client) -> None:
    for name in ("body", "category", "department", "status"):
        response = client.get("/api/v1/opendata/appeals", {name: "A\x00B"})
        assert response.status_code == 422, name
