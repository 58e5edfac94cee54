"""GET requests and requests/{id}: public fields only, filters, paging, open/closed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest

from tests.open311.conftest import get

pytestmark = pytest.mark.django_db


def test_requests_list_the_bodys_public_appeals(client: Any, world: Any, filed: Any) -> None:
    answer = get(client, "/requests.json", jurisdiction_id="A")
    assert answer.status_code == 200
    rows = answer.json()
    assert [r["service_request_id"] for r in rows] == [a.number for a in reversed(filed[:3])]
    first = rows[-1]
    assert first["status"] == "open"
    assert first["service_code"] == "CA1"
    assert first["agency_responsible"] == "Dept A1"  # routed by the category's department
    due = filed[0].due_date
    assert first["expected_datetime"] == f"{due.isoformat()}T23:59:59+03:00"
    assert first["requested_datetime"].endswith("+03:00")
    # Nothing personal: no name, e-mail, or the text unless the publication allows it.
    assert "Ганна" not in answer.content.decode() and "hanna@" not in answer.content.decode()


def test_one_request_and_missing_ones(client: Any, world: Any, filed: Any) -> None:
    number = filed[0].number
    answer = get(client, f"/requests/{number}.xml", jurisdiction_id="A")
    assert answer["Content-Type"] == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(answer.content)
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == number
    other = filed[3].number  # body B's appeal is not in A's jurisdiction
    assert get(client, f"/requests/{other}.json", jurisdiction_id="A").status_code == 404
    assert get(client, "/requests/A-1999-000001.json", jurisdiction_id="A").status_code == 404


def test_filters(client: Any, world: Any, filed: Any) -> None:
    from ratusha.appeals.models import Appeal

    Appeal.objects.filter(pk=filed[1].pk).update(state="answered")

    def numbers(**params: Any) -> list[str]:
        answer = get(client, "/requests.json", jurisdiction_id="A", **params)
        assert answer.status_code == 200, answer.content
        return sorted(r["service_request_id"] for r in answer.json())

    a, b, c = (x.number for x in filed[:3])
    assert numbers(service_code="CA2") == [c]
    assert numbers(service_code="ca1,CA2") == [a, b, c]
    assert numbers(status="closed") == [b]
    assert numbers(status="open") == [a, c]
    assert numbers(status="open,closed") == [a, b, c]
    assert numbers(service_request_id=f"{a},{c}", status="closed") == [a, c]  # ids override
    later = (datetime.now(ZoneInfo("UTC")) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert numbers(start_date=later) == []
    assert numbers(end_date=later) == [a, b, c]
    assert numbers(start_date="2020-01-01T00:00:00+03:00") == [a, b, c]


def test_the_default_range_is_the_last_90_days(client: Any, world: Any, filed: Any) -> None:
    from ratusha.appeals.models import Appeal

    old = datetime.now(ZoneInfo("UTC")) - timedelta(days=91)
    Appeal.objects.filter(pk=filed[0].pk).update(registered_at=old)
    rows = get(client, "/requests.json", jurisdiction_id="A").json()
    assert filed[0].number not in [r["service_request_id"] for r in rows]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "pending"},
        {"start_date": "yesterday"},
        {"start_date": "2026-13-45T00:00:00Z"},
        {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"page": "0"},
        {"page_size": "1001"},
        {"page": "x"},
    ],
)
def test_bad_queries_are_400_in_the_spec_format(client: Any, world: Any, params: Any) -> None:
    answer = get(client, "/requests.json", jurisdiction_id="A", **params)
    assert answer.status_code == 400
    assert answer.json()[0]["code"] == 400


def test_paging_extension(client: Any, world: Any, filed: Any) -> None:
    first = get(client, "/requests.json", jurisdiction_id="A", page_size=2)
    assert len(first.json()) == 2
    assert 'rel="next"' in first["Link"] and "page=2" in first["Link"]
    second = get(client, "/requests.json", jurisdiction_id="A", page_size=2, page=2)
    assert len(second.json()) == 1 and "Link" not in second
    seen = [r["service_request_id"] for r in first.json() + second.json()]
    assert sorted(seen) == sorted(a.number for a in filed[:3])


def test_open_states_agree_with_the_public_record(world: Any, filed: Any) -> None:
    from ratusha.appeals.models import Appeal
    from ratusha.open311.access import OPEN_STATES
    from ratusha.publication.records import public_record
    from ratusha_core.workflow import AppealState

    for state in AppealState:
        if state == AppealState.MERGED:
            continue  # never public
        Appeal.objects.filter(pk=filed[0].pk).update(state=state.value)
        assert public_record(filed[0]).is_open == (state.value in OPEN_STATES), state


def test_a_list_reads_a_fixed_number_of_queries(
    client: Any, world: Any, filed: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(5):
        get(client, "/requests.json", jurisdiction_id="A")


@pytest.mark.parametrize(
    ("start", "status"),
    [("2020-01-01T00:00:00-23:49", 200), ("0001-01-01T00:00:00+05:00", 400)],
)
def test_odd_offsets_are_read_or_refused(client: Any, world: Any, start: str, status: int) -> None:
    # Found by schemathesis on PostgreSQL, which refuses offsets beyond 15:59 (a 500 before).
    for path in ("/requests.json", "/servicerequestupdates.json"):
        assert get(client, path, jurisdiction_id="A", start_date=start).status_code == status
