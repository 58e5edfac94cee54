"""Writing rows to CSV, JSON Lines and Parquet files, batch by batch, in constant memory.

Every format gets the same rows in one pass: :func:`write_files` reads the rows once and
feeds each open file a batch at a time. A batch is turned into an Arrow record batch
once; Parquet (one row group per batch, pyarrow's ``ParquetWriter``) and CSV (Arrow's
CSV writer) both write from it, in C++. Times are written in UTC, RFC 3339 with a ``Z``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ratusha.opendata.datasets import (
    BOOLEAN,
    DATE,
    DATETIME,
    INTEGER,
    NUMBER,
    Dataset,
)
from ratusha.opendata.timestamps import utc_text

BATCH = 16384  # rows per batch, and per Parquet row group
Row = tuple[Any, ...]


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _number(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _same(value: Any) -> Any:
    return value


def json_converters(dataset: Dataset) -> list[Callable[[Any], Any]]:
    """Give, per column, the function that turns a value into its JSON value."""
    by_type: dict[str, Callable[[Any], Any]] = {
        DATETIME: utc_text,
        DATE: _date_text,
        NUMBER: _number,
    }
    return [by_type.get(column.type, _same) for column in dataset.columns]


def json_record(
    names: list[str], converters: list[Callable[[Any], Any]], row: Row
) -> dict[str, Any]:
    """Give one row as a JSON object."""
    return {
        name: convert(value) for name, convert, value in zip(names, converters, row, strict=True)
    }


class Batch:
    """A batch of rows, with its Arrow form made once for the formats that want it."""

    def __init__(self, dataset: Dataset, rows: list[Row]) -> None:
        self.dataset = dataset
        self.rows = rows
        self._arrow: pa.RecordBatch | None = None

    def arrow(self) -> pa.RecordBatch:
        if self._arrow is None:
            self._arrow = arrow_batch(self.dataset, self.rows)
        return self._arrow


class FileOfRows(Protocol):
    def write(self, batch: Batch) -> None: ...

    def close(self) -> None: ...


class CsvFile:
    """A UTF-8 CSV file with a header row (RFC 4180 quoting), written by Arrow's CSV writer.

    Times are written as RFC 3339 in UTC (``2026-01-02T03:04:05.000000Z``), booleans as
    ``true``/``false``, missing values as empty fields.
    """

    def __init__(self, dataset: Dataset, path: Path) -> None:
        schema = arrow_schema(dataset)
        self._times = [i for i, c in enumerate(dataset.columns) if c.type == DATETIME]
        for i in self._times:
            schema = schema.set(i, pa.field(schema.field(i).name, pa.string()))
        self._schema = schema
        options = pa_csv.WriteOptions(quoting_style="needed")
        self._writer = pa_csv.CSVWriter(str(path), schema, write_options=options)

    def write(self, batch: Batch) -> None:
        arrays = batch.arrow().columns
        for i in self._times:
            arrays[i] = pc.strftime(arrays[i], format="%Y-%m-%dT%H:%M:%SZ")
        self._writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=self._schema))

    def close(self) -> None:
        self._writer.close()


class JsonLinesFile:
    """One JSON object per line, UTF-8 (https://jsonlines.org/)."""

    def __init__(self, dataset: Dataset, path: Path) -> None:
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="\n")
        self._names = dataset.column_names()
        self._converters = json_converters(dataset)

    def write(self, batch: Batch) -> None:
        names, converters = self._names, self._converters
        self._file.write(
            "".join(
                json.dumps(json_record(names, converters, row), ensure_ascii=False) + "\n"
                for row in batch.rows
            )
        )

    def close(self) -> None:
        self._file.close()


def arrow_schema(dataset: Dataset) -> pa.Schema:
    """Give the Parquet schema of a dataset (times as UTC microseconds)."""
    types = {
        INTEGER: pa.int64(),
        NUMBER: pa.float64(),
        BOOLEAN: pa.bool_(),
        DATE: pa.date32(),
        DATETIME: pa.timestamp("us", tz="UTC"),
    }
    return pa.schema(
        [
            pa.field(column.name, types.get(column.type, pa.string()), not column.required)
            for column in dataset.columns
        ]
    )


def arrow_batch(dataset: Dataset, rows: list[Row]) -> pa.RecordBatch:
    """Give rows as an Arrow record batch of the dataset's schema."""
    schema = arrow_schema(dataset)
    if not rows:
        return pa.RecordBatch.from_pylist([], schema=schema)
    columns = [list(values) for values in zip(*rows, strict=True)]
    for i, column in enumerate(dataset.columns):
        if column.type == NUMBER:
            columns[i] = [_number(v) for v in columns[i]]
    arrays = [
        pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


class ParquetFile:
    """A Parquet file written one row group per batch (zstd-compressed)."""

    def __init__(self, dataset: Dataset, path: Path) -> None:
        self._writer = pq.ParquetWriter(str(path), arrow_schema(dataset), compression="zstd")

    def write(self, batch: Batch) -> None:
        self._writer.write_batch(batch.arrow())

    def close(self) -> None:
        self._writer.close()


OPENERS: dict[str, Callable[[Dataset, Path], FileOfRows]] = {
    "csv": CsvFile,
    "jsonl": JsonLinesFile,
    "parquet": ParquetFile,
}


def batches(rows: Iterable[Row], size: int = BATCH) -> Iterator[list[Row]]:
    """Give the rows in lists of at most ``size``."""
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def write_files(
    dataset: Dataset, rows: Iterable[Row], paths: dict[str, Path], batch_size: int = BATCH
) -> int:
    """Write the rows to one file per format (``{"csv": path, ...}``); give the row count."""
    files = {fmt: OPENERS[fmt](dataset, path) for fmt, path in paths.items()}
    count = 0
    try:
        for rows_of_batch in batches(rows, batch_size):
            batch = Batch(dataset, rows_of_batch)
            for file in files.values():
                file.write(batch)
            count += len(rows_of_batch)
    finally:
        for file in files.values():
            file.close()
    return count


def sha256_of(path: Path) -> str:
    """Give the SHA-256 of a file, hex, reading 1 MiB at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
