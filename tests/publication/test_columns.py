"""The fast, column-at-a-time path gives exactly the public records, on SQLite and PostgreSQL.

``public_columns`` (the dumps' reader) and ``public_records`` (Open311, the API) are
compared with records worked out independently from the ORM, on appeals full of
personal data, in chunks of every size and with the bulk grid forced on.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ratusha.publication import cells
from ratusha.publication.records import (
    DATE_FIELDS,
    FIELD_NAMES,
    TIME_FIELDS,
    public_appeals,
    public_columns,
    public_records,
    utc_moment,
)
from ratusha_core.publication import centre_of, snap
from tests.publication.seeded import EDGE_POINTS, expected_record, seed_varied


@pytest.fixture
def seeded(world: Any, appeal_input: Any, django_capture_on_commit_callbacks: Any) -> list[Any]:
    return seed_varied(world, appeal_input, django_capture_on_commit_callbacks)


@pytest.mark.django_db
def test_records_and_columns_are_what_the_appeals_allow(
    seeded: list[Any], monkeypatch: pytest.MonkeyPatch, django_assert_max_num_queries: Any
) -> None:
    expected = [expected_record(appeal) for appeal in seeded]
    in_order = public_appeals().order_by("pk")
    assert any(r.text for r in expected) and any(r.answer_summary for r in expected)
    assert any(r.latitude is None for r in expected) and any(r.street is None for r in expected)
    with django_assert_max_num_queries(2):  # a page, then every name in one query
        assert list(public_records(in_order[:50])) == expected
    assert list(public_records(in_order)) == expected  # streamed (server-side on PostgreSQL)
    for bulk_from in (1, cells.BULK_FROM):  # the bulk grid on every chunk, and the default
        monkeypatch.setattr(cells, "BULK_FROM", bulk_from)
        for chunk_size in (1, 4, 1000):
            chunks = list(public_columns(in_order, chunk_size=chunk_size))
            assert [len(c) for c in chunks[:-1]] == [chunk_size] * (len(chunks) - 1)
            records = [record for columns in chunks for record in columns.records()]
            assert records == expected, (bulk_from, chunk_size)
            assert _values(chunks) == _values_of(expected)


def _values(chunks: list[Any]) -> dict[str, list[Any]]:
    """Give the columns of the chunks with their times and dates parsed."""
    joined: dict[str, list[Any]] = {name: [] for name in FIELD_NAMES}
    for columns in chunks:
        assert list(columns.values) == list(FIELD_NAMES)
        for name, values in columns.values.items():
            if name in TIME_FIELDS:
                assert all(v is None or isinstance(v, str) for v in values)
                values = [None if v is None else utc_moment(v) for v in values]
            elif name in DATE_FIELDS:
                values = [None if v is None else date.fromisoformat(v) for v in values]
            joined[name] += values
    return joined


def _values_of(records: list[Any]) -> dict[str, list[Any]]:
    return {name: [getattr(r, name) for r in records] for name in FIELD_NAMES}


def test_bulk_grid_is_the_cores_snap() -> None:
    rng = random.Random(6)
    points: list[tuple[Any, Any]] = [
        (Decimal(f"{rng.uniform(-90, 90):.6f}"), Decimal(f"{rng.uniform(-180, 180):.6f}"))
        for _ in range(20000)
    ]
    points += [(rng.uniform(53.8, 54.0), rng.uniform(27.4, 27.7)) for _ in range(5000)]
    points += [*EDGE_POINTS, (None, Decimal("27.5")), (Decimal("53.9"), None), (None, None)]
    for size in (300, 1000, 7):
        latitudes, longitudes = zip(*points, strict=True)
        found = cells.centres(latitudes, longitudes, size, centre_of)
        wanted = [
            None if lat is None or lon is None else snap(lat, lon, size) for lat, lon in points
        ]
        assert found == wanted, size
