"""Writing dumps keeps memory flat: twice the rows need no more memory than once."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ratusha.opendata.datasets import APPEALS
from ratusha.opendata.writers import write_files

START = datetime(2026, 1, 1, tzinfo=UTC)
SAMPLE: dict[str, Any] = {
    "string": "вул. Савецкая",
    "integer": 7,
    "number": Decimal("53.901234"),
    "boolean": True,
    "date": date(2026, 1, 2),
}


def rows(count: int) -> Iterator[tuple[Any, ...]]:
    for n in range(count):
        yield tuple(
            START + timedelta(seconds=n) if c.type == "datetime" else SAMPLE[c.type]
            for c in APPEALS.columns
        )


def peak_while_writing(count: int, folder: Path) -> int:
    paths = {fmt: folder / f"{count}.{fmt}" for fmt in ("csv", "jsonl", "parquet")}
    tracemalloc.start()
    try:
        assert write_files(APPEALS, rows(count), paths, batch_size=1000) == count
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_rows(tmp_path: Path) -> None:
    small = peak_while_writing(3_000, tmp_path)
    large = peak_while_writing(6_000, tmp_path)
    assert large < small * 1.2, (small, large)
    assert pq.ParquetFile(tmp_path / "6000.parquet").metadata.num_row_groups == 6
    with (tmp_path / "6000.csv").open(encoding="utf-8") as file:
        header, first = file.readline(), file.readline()
    assert header.startswith('"number","body_code"')
    assert "2026-01-01T00:00:00.000000Z" in first and ",true," in first
