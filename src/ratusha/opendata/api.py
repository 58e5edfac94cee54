"""The open-data part of the REST API at /api/v1/opendata/: the same rows as the dumps, paged.

One operation per dataset, each with the dataset's own row schema (built from the
manifest, so the API, the dumps and the Table Schema always agree). Errors are RFC 9457
problems, as in the rest of the API.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import create_model

from ratusha.appeals.api.problems import Problem
from ratusha.appeals.api.schemas import problems
from ratusha.opendata import access
from ratusha.opendata.catalog import download_path, inclusion_url, license_url
from ratusha.opendata.datasets import (
    BOOLEAN,
    DATASETS,
    DATE,
    DATETIME,
    DECISIONS,
    INTEGER,
    NUMBER,
    STRING,
    Dataset,
)
from ratusha.opendata.sources import Filters, coverage, is_available
from ratusha_core.workflow import PublicStatus

router = Router(tags=["open data"])

MAX_PAGE_SIZE = 1000
CODE = r"^[-\w.]+$"  # codes of bodies, categories and departments
APPEAL_STATUSES = sorted({"open", "closed", *(s.value for s in PublicStatus)})
DECISION_STATUSES = ["adopted", "revoked"]
PYTHON_TYPES: dict[str, type] = {
    STRING: str,
    INTEGER: int,
    NUMBER: float,
    BOOLEAN: bool,
    DATE: date,
    DATETIME: datetime,
}


class FiltersIn(Schema):
    body: str | None = Field(None, description="Code of a body.", max_length=32, pattern=CODE)
    category: str | None = Field(
        None, description="Code of a category.", max_length=64, pattern=CODE
    )
    department: str | None = Field(
        None, description="Code of a department.", max_length=64, pattern=CODE
    )
    status: str | None = Field(
        None,
        description="Public status (registered, in_progress, answered, closed...; open or "
        "closed for any open or settled one); for decisions adopted or revoked.",
        max_length=32,
        pattern=CODE,
    )
    date_from: date | None = Field(None, description="First day (of registration), inclusive.")
    date_to: date | None = Field(None, description="Last day, inclusive.")
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description="Rows per page.")


class DownloadOut(Schema):
    scope: str = Field(..., description="all, or the code of one body.")
    format: str
    url: str
    rows: int
    size: int = Field(..., description="Size in bytes.")
    sha256: str
    generated_at: datetime
    ledger_proof: str | None = Field(None, description="Inclusion proof of its ledger entry.")


class DatasetOut(Schema):
    name: str
    title: dict[str, str]
    description: dict[str, str]
    license: str
    periodicity: str
    schema_url: str
    available: bool
    coverage_from: date | None
    coverage_to: date | None
    downloads: list[DownloadOut]


def _row_schema(dataset: Dataset) -> type[Schema]:
    fields: dict[str, Any] = {}
    for column in dataset.columns:
        kind = PYTHON_TYPES[column.type]
        hint = kind if column.required else kind | None
        fields[column.name] = (hint, Field(..., description=str(column.description)))
    title = dataset.name.title()
    return create_model(f"OpenData{title}Row", __base__=Schema, **fields)


def _page_schema(dataset: Dataset, row: type[Schema]) -> type[Schema]:
    title = dataset.name.title()
    return create_model(
        f"OpenData{title}Page",
        __base__=Schema,
        count=(int, Field(..., description="Rows that match the filters.")),
        page=(int, ...),
        page_size=(int, ...),
        pages=(int, ...),
        results=(list[row], ...),  # type: ignore[valid-type]
    )


@router.get("/opendata", response={200: list[DatasetOut]}, summary="The open-data datasets")
def list_datasets(request: HttpRequest) -> list[dict[str, Any]]:
    """Every dataset of the catalogue, with its terms, coverage and current downloads."""
    grouped = access.dumps_by_dataset()
    found = []
    for dataset in DATASETS.values():
        span = coverage(dataset.name)
        found.append(
            {
                "name": dataset.name,
                "title": dataset.title,
                "description": dataset.description,
                "license": license_url(),
                "periodicity": dataset.periodicity,
                "schema_url": f"/opendata/{dataset.name}/schema.json",
                "available": is_available(dataset.name),
                "coverage_from": span[0] if span else None,
                "coverage_to": span[1] if span else None,
                "downloads": [
                    {
                        "scope": dump.body_code or "all",
                        "format": dump.format,
                        "url": download_path(dump),
                        "rows": dump.rows,
                        "size": dump.size,
                        "sha256": dump.sha256,
                        "generated_at": dump.generated_at,
                        "ledger_proof": inclusion_url(dump),
                    }
                    for dump in grouped.get(dataset.name, [])
                ],
            }
        )
    return found


def _check_status(dataset: Dataset, status: str | None) -> None:
    allowed = DECISION_STATUSES if dataset is DECISIONS else APPEAL_STATUSES
    if status is not None and status not in allowed:
        message = _("Choose one of: %(choices)s.") % {"choices": ", ".join(allowed)}
        raise Problem(
            422,
            "invalid-input",
            _("Some of the data sent is not valid; see the errors by field."),
            errors=[{"field": "status", "message": message}],
        )


def _add_operation(dataset: Dataset) -> None:
    row = _row_schema(dataset)
    page_schema = _page_schema(dataset, row)
    names = dataset.column_names()

    def read(request: HttpRequest, filters: Query[FiltersIn]) -> dict[str, Any]:
        _check_status(dataset, filters.status)
        chosen = Filters(
            body=filters.body,
            category=filters.category,
            department=filters.department,
            status=filters.status,
            date_from=filters.date_from,
            date_to=filters.date_to,
        )
        found = access.page_of(dataset, chosen, filters.page, filters.page_size)
        return {
            "count": found.count,
            "page": filters.page,
            "page_size": filters.page_size,
            "pages": math.ceil(found.count / filters.page_size),
            "results": [dict(zip(names, values, strict=True)) for values in found.rows],
        }

    read.__name__ = f"opendata_{dataset.name}"
    read.__doc__ = dataset.description["en"]
    router.get(
        f"/opendata/{dataset.name}",
        response={200: page_schema, **problems(422)},
        summary=dataset.title["en"],
        operation_id=f"opendata_{dataset.name}",
    )(read)


for _dataset in DATASETS.values():
    _add_operation(_dataset)
