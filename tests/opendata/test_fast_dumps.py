"""Dumps written from columns are exactly the dumps of the public records, row by row.

The dumps of appeals and answers are made a column at a time (times parsed by Arrow,
the grid by NumPy); here the same files are also written the slow way, from records
worked out independently from the ORM, and compared: CSV and JSON Lines byte for byte,
Parquet value for value (row groups differ in size). Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import operator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from ratusha.opendata.access import dump_path
from ratusha.opendata.actions import do_export_dataset
from ratusha.opendata.datasets import ANSWERS, APPEALS, FORMATS
from ratusha.opendata.sources import answer_row
from ratusha.opendata.writers import csv_time, write_files
from ratusha.publication import cells
from tests.publication.seeded import expected_record, seed_varied


@pytest.mark.django_db
def test_dumps_from_columns_are_the_dumps_of_the_records(
    world: Any,
    appeal_input: Any,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    seeded = seed_varied(world, appeal_input, django_capture_on_commit_callbacks)
    monkeypatch.setattr(cells, "BULK_FROM", 1)  # the bulk grid even on a few appeals
    in_order = sorted(seeded, key=lambda appeal: (appeal.registered_at, appeal.pk))
    expected = [expected_record(appeal) for appeal in in_order]
    row_of = operator.attrgetter(*APPEALS.column_names())
    rows = {
        APPEALS.name: [row_of(record) for record in expected],
        ANSWERS.name: [answer_row(r) for r in expected if r.answer_summary and r.answered_at],
    }
    assert len(rows[ANSWERS.name]) == 3
    for dataset in (APPEALS, ANSWERS):
        reference = {fmt: tmp_path / f"{dataset.name}.{fmt}" for fmt in FORMATS}
        assert write_files(dataset, rows[dataset.name], reference, batch_size=4) == len(
            rows[dataset.name]
        )
        for dump in do_export_dataset(dataset):
            made = dump_path(dump)
            if dump.format == "parquet":
                table = pq.read_table(made)
                assert table.schema == pq.read_table(reference["parquet"]).schema
                assert table.equals(pq.read_table(reference["parquet"])), dataset.name
            else:
                assert made.read_bytes() == reference[dump.format].read_bytes(), dump.format


def test_csv_times_are_arrows_strftime() -> None:
    moments = [
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(1999, 2, 28, 0, 0, 0, 1, tzinfo=UTC),
        None,
    ]
    times = pa.array(moments, pa.timestamp("us", tz="UTC"))
    wanted = pc.strftime(times, format="%Y-%m-%dT%H:%M:%SZ")
    assert csv_time(times).to_pylist() == wanted.to_pylist()
    assert csv_time(times)[0].as_py() == "2026-01-02T03:04:05.000000Z"
