"""Query counts of the busiest staff pages stay flat as appeals grow (an N+1 fails here).

The baselines live in query_baselines.json. After a deliberate change, regenerate with
RATUSHA_UPDATE_QUERY_BASELINES=1 and commit the file with the change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ratusha.appeals.actions import check_transition

pytestmark = pytest.mark.django_db

BASELINE_FILE = Path(__file__).with_name("query_baselines.json")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def check_baseline(name: str, measured: int) -> None:
    baselines = json.loads(BASELINE_FILE.read_text())
    if os.environ.get("RATUSHA_UPDATE_QUERY_BASELINES"):
        baselines[name] = measured
        BASELINE_FILE.write_text(json.dumps(baselines, indent=2, sort_keys=True) + "\n")
    assert measured <= baselines[name], f"{name}: {measured} queries, baseline {baselines[name]}"


def grow(make_appeal: Any, copies: Any, world: Any, count: int) -> list[Any]:
    """Add appeals with what pages show per row: executor, category, files, questions, events.

    Two go through the real actions; the rest are copies made with bulk_create (the
    actions take ~80 ms per appeal, and only the number of rows matters here).
    """
    officer, head = world.users["officer"], world.users["head"]
    made = []
    for n in range(2):
        appeal = make_appeal(
            text=f"Appeal {n}: the pavement near the house is broken.",
            questions=[f"Question {n}.1", f"Question {n}.2"],
            files=[SimpleUploadedFile(f"photo{n}.png", PNG)],
        )
        if n % 2:
            check_transition(
                appeal.pk,
                "reassign",
                head,
                {"department": world.departments["A1"].pk, "executor": officer.pk, "reason": "r"},
            )
            appeal.refresh_from_db()
        made.append(appeal)
    made += copies(made, count - 2)
    return made


@pytest.mark.parametrize(
    ("name", "who"),
    [("department_inbox", "head"), ("body_inbox", "clerk"), ("my_inbox", "officer")],
)
def test_inbox_queries_do_not_grow(
    make_appeal: Any, copy_appeals: Any, world: Any, as_user: Any, name: str, who: str
) -> None:
    url = {
        "department_inbox": reverse("appeals:department-inbox", args=[world.departments["A1"].pk]),
        "body_inbox": reverse("appeals:body-inbox", args=[world.bodies["A"].pk]),
        "my_inbox": reverse("appeals:my-inbox"),
    }[name]
    client = as_user(who)
    grow(make_appeal, copy_appeals, world, 5)
    queries(client, url)  # warm up the session and caches
    at_5 = queries(client, url)
    grow(make_appeal, copy_appeals, world, 45)
    at_50 = queries(client, url)
    assert at_50 == at_5, f"{name}: {at_5} queries with 5 appeals, {at_50} with 50"
    check_baseline(name, at_50)


@pytest.mark.parametrize("who", ["head", "clerk"])
def test_appeal_page_queries_do_not_grow(
    make_appeal: Any, copy_appeals: Any, world: Any, as_user: Any, who: str
) -> None:
    first = grow(make_appeal, copy_appeals, world, 5)[1]  # the reassigned one, with an executor
    url = reverse("appeals:appeal", args=[first.pk])
    client = as_user(who)
    queries(client, url)
    at_5 = queries(client, url)
    grow(
        make_appeal, copy_appeals, world, 45
    )  # 45 more with the same e-mail: related appeals grow too
    for reason in ("one", "two", "three"):  # and the history grows
        check_transition(
            first.pk,
            "reassign",
            world.users["head"],
            {"department": world.departments["A1"].pk, "reason": reason},
        )
    at_50 = queries(client, url)
    assert at_50 == at_5, f"appeal page: {at_5} queries with 5 appeals, {at_50} with 50"
    check_baseline(f"appeal_page_{who}", at_50)
