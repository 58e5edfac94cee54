"""GET servicerequestupdates: the public steps of public appeals, nothing personal."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import pytest

from tests.open311.conftest import get

pytestmark = pytest.mark.django_db


def test_updates_are_the_public_steps(client: Any, world: Any, filed: Any) -> None:
    from ratusha.appeals.models import AppealEvent

    answer = get(client, "/servicerequestupdates.json", jurisdiction_id="A")
    assert answer.status_code == 200
    updates = answer.json()
    mine = [u for u in updates if u["service_request_id"] == filed[0].number]
    assert [u["description"] for u in mine] == ["Registered", "Sent to a department"]
    assert {u["status"] for u in mine} == {"open"}
    assert set(mine[0]) == {
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
    }
    # Triage is an internal step; body B's appeal is not in A's jurisdiction.
    assert AppealEvent.objects.filter(appeal=filed[0], to_state="triage").exists()
    assert filed[3].number not in answer.content.decode()
    assert len(updates) == 6
    text = answer.content.decode()
    assert "Ганна" not in text and "hanna@" not in text


def test_updates_by_date_and_in_xml(client: Any, world: Any, filed: Any) -> None:
    assert (
        get(
            client,
            "/servicerequestupdates.json",
            jurisdiction_id="A",
            start_date="2100-01-01T00:00:00Z",
        ).json()
        == []
    )
    xml = get(client, "/servicerequestupdates.xml", jurisdiction_id="A", page_size=2)
    root = ElementTree.fromstring(xml.content)
    assert root.tag == "service_request_updates"
    assert len(root.findall("request_update")) == 2 and 'rel="next"' in xml["Link"]


def test_the_applicants_own_texts_are_not_updates(client: Any, world: Any, filed: Any) -> None:
    from ratusha.appeals.actions import check_add_information

    check_add_information(filed[0], "It got worse: the water is now brown.")
    updates = get(client, "/servicerequestupdates.json", jurisdiction_id="A").json()
    mine = [u for u in updates if u["service_request_id"] == filed[0].number]
    assert [u["description"] for u in mine] == ["Registered", "Sent to a department"]
    assert "brown" not in str(updates)


def test_a_request_for_information_and_an_extension_say_what_happened(
    client: Any, world: Any, filed: Any
) -> None:
    from datetime import timedelta

    from ratusha.appeals.actions import check_transition

    question = {"question": "Which entrance?"}
    check_transition(filed[0].pk, "ask_applicant", world.users["officer"], question)
    filed[0].refresh_from_db()
    later = {
        "new_due_date": filed[0].due_date + timedelta(days=10),
        "reason": "An expert must look.",
        "applicant_notified": True,
    }
    check_transition(filed[0].pk, "extend_deadline", world.users["head"], later)
    updates = get(client, "/servicerequestupdates.json", jurisdiction_id="A").json()
    mine = [u["description"] for u in updates if u["service_request_id"] == filed[0].number]
    assert mine == [
        "Registered",
        "Sent to a department",
        "More information was asked from the applicant",
        "The term for the answer was extended",
    ]
    assert "entrance" not in str(updates) and "expert" not in str(
        updates
    )  # the question itself stays private
