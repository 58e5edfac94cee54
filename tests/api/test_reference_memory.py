"""Bodies and categories named by submissions are remembered briefly, and forgotten on change."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ratusha.appeals.api.problems import Problem
from ratusha.appeals.api.reference import body_and_category

pytestmark = pytest.mark.django_db


def queries(call: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_a_second_lookup_needs_no_query(world: Any) -> None:
    assert queries(lambda: body_and_category("A", "CA1")) == 1
    assert queries(lambda: body_and_category("A", "CA1")) == 0
    body, category = body_and_category("A", "CA1")
    assert (body.pk, category.pk if category else None) == (
        world.bodies["A"].pk,
        world.categories["A1"].pk,
    )


def test_a_change_is_seen_at_once_in_this_process(world: Any) -> None:
    body_and_category("A", "CA1")
    category = world.categories["A1"]
    category.is_public = False
    category.save()
    with pytest.raises(Problem) as refused:
        body_and_category("A", "CA1")
    assert [e["field"] for e in refused.value.errors] == ["category"]
    body = world.bodies["B"]
    body_and_category("B", None)
    body.is_active = False
    body.save()
    with pytest.raises(Problem) as refused:
        body_and_category("B", None)
    assert [e["field"] for e in refused.value.errors] == ["body"]


def test_memory_runs_out(world: Any, settings: Any) -> None:
    settings.RATUSHA_API_REFERENCE_SECONDS = 30
    with time_machine.travel(0, tick=False) as clock:
        body_and_category("A", None)
        clock.shift(29)
        assert queries(lambda: body_and_category("A", None)) == 0
        clock.shift(2)
        assert queries(lambda: body_and_category("A", None)) == 1
