"""The schema of each dataset: a Frictionless Table Schema and a CSVW table description."""

from __future__ import annotations

from typing import Any

from ratusha.opendata.datasets import DATE, DATETIME, Dataset

CSVW_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "double",
    "boolean": "boolean",
    DATE: "date",
    DATETIME: "dateTimeStamp",
}


def table_schema(dataset: Dataset) -> dict[str, Any]:
    """Give the Table Schema (https://specs.frictionlessdata.io/table-schema/) of a dataset."""
    fields = []
    for column in dataset.columns:
        field: dict[str, Any] = {
            "name": column.name,
            "type": column.type,
            "description": str(column.description),
        }
        if column.type == DATETIME:
            field["format"] = "any"  # RFC 3339 in UTC, with a Z
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": dataset.name,
        "title": dataset.title["en"],
        "fields": fields,
        "missingValues": [""],
    }
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    return schema


def csvw_metadata(dataset: Dataset, csv_url: str) -> dict[str, Any]:
    """Give the CSV on the Web description (W3C CSVW) of a dataset's CSV dump."""
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": csv_url,
        "dc:title": [{"@value": text, "@language": lang} for lang, text in dataset.title.items()],
        "dialect": {"header": True, "encoding": "utf-8"},
        "tableSchema": {
            "columns": [
                {
                    "name": column.name,
                    "titles": column.name,
                    "datatype": CSVW_TYPES[column.type],
                    "required": column.required,
                    "dc:description": str(column.description),
                }
                for column in dataset.columns
            ],
            **({"primaryKey": list(dataset.primary_key)} if dataset.primary_key else {}),
        },
    }
