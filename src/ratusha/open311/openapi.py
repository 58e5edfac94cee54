"""The OpenAPI 3 description of the Open311 endpoint, served at /open311/v2/openapi.json.

Hand-written from the spec and kept true by a schemathesis run (tests/schemas/) that
checks every answer against it.
"""

from __future__ import annotations

from typing import Any

from ratusha.open311.requests import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE

PREFIX = "/open311/v2"


def _text(nullable: bool = False, **extra: Any) -> dict[str, Any]:
    return {"type": "string", **({"nullable": True} if nullable else {}), **extra}


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


SERVICE = _object(
    {
        "service_code": _text(),
        "service_name": _text(),
        "description": _text(),
        "metadata": {"type": "boolean"},
        "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
        "keywords": _text(),
        "group": _text(),
    },
    ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
)

ATTRIBUTE = _object(
    {
        "variable": {"type": "boolean"},
        "code": _text(),
        "datatype": {
            "type": "string",
            "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"],
        },
        "required": {"type": "boolean"},
        "datatype_description": _text(nullable=True),
        "order": {"type": "integer", "minimum": 0},
        "description": _text(),
        "values": {
            "type": "array",
            "items": _object({"key": _text(), "name": _text()}, ["key", "name"]),
        },
    },
    [
        "variable",
        "code",
        "datatype",
        "required",
        "datatype_description",
        "order",
        "description",
        "values",
    ],
)

REQUEST_FIELDS = {
    "service_request_id": _text(),
    "status": {"type": "string", "enum": ["open", "closed"]},
    "status_notes": _text(nullable=True),
    "service_name": _text(nullable=True),
    "service_code": _text(nullable=True),
    "description": _text(nullable=True),
    "agency_responsible": _text(nullable=True),
    "service_notice": _text(nullable=True),
    "requested_datetime": _text(format="date-time"),
    "updated_datetime": _text(format="date-time"),
    "expected_datetime": _text(nullable=True, format="date-time"),
    "address": _text(nullable=True),
    "address_id": _text(nullable=True),
    "zipcode": _text(nullable=True),
    "lat": {"type": "number", "nullable": True, "minimum": -90, "maximum": 90},
    "long": {"type": "number", "nullable": True, "minimum": -180, "maximum": 180},
    "media_url": _text(nullable=True),
}

SCHEMAS: dict[str, Any] = {
    "Service": SERVICE,
    "ServiceDefinition": _object(
        {"service_code": _text(), "attributes": {"type": "array", "items": ATTRIBUTE}},
        ["service_code", "attributes"],
    ),
    "Request": _object(REQUEST_FIELDS, list(REQUEST_FIELDS)),
    "Filed": {
        "description": "realtime: service_request_id; batch clients: token (see tokens/{token}).",
        "type": "object",
        "properties": {
            "service_request_id": _text(),
            "token": _text(),
            "service_notice": _text(),
            "account_id": _text(nullable=True),
        },
        "required": ["service_notice", "account_id"],
        "additionalProperties": False,
    },
    "Token": _object(
        {"service_request_id": _text(nullable=True), "token": _text()},
        ["service_request_id", "token"],
    ),
    "Update": _object(
        {
            "update_id": _text(),
            "service_request_id": _text(),
            "status": {"type": "string", "enum": ["open", "closed"]},
            "updated_datetime": _text(format="date-time"),
            "description": _text(),
            "media_url": _text(nullable=True),
        },
        [
            "update_id",
            "service_request_id",
            "status",
            "updated_datetime",
            "description",
            "media_url",
        ],
    ),
    "Error": _object(
        {"code": {"type": "integer"}, "description": _text()}, ["code", "description"]
    ),
    "Discovery": _object(
        {
            "changeset": _text(),
            "contact": _text(),
            "key_service": _text(),
            "endpoints": {
                "type": "array",
                "items": _object(
                    {
                        "specification": _text(),
                        "url": _text(),
                        "changeset": _text(),
                        "type": _text(),
                        "formats": {"type": "array", "items": _text()},
                    },
                    ["specification", "url", "changeset", "type", "formats"],
                ),
            },
        },
        ["changeset", "contact", "key_service", "endpoints"],
    ),
}

FORMAT = {
    "name": "format",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": ["json", "xml"]},
}
JURISDICTION = {
    "name": "jurisdiction_id",
    "in": "query",
    "required": False,
    "description": "The body's code; required when the server serves several bodies.",
    "schema": {"type": "string"},
}
PAGING = [
    {
        "name": "page",
        "in": "query",
        "description": "Extension: the page, from 1.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    },
    {
        "name": "page_size",
        "in": "query",
        "description": "Extension: rows per page.",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_PAGE_SIZE,
            "default": DEFAULT_PAGE_SIZE,
        },
    },
]
DATES = [
    {"name": name, "in": "query", "schema": {"type": "string", "format": "date-time"}}
    for name in ("start_date", "end_date")
]


def _answer(schema: dict[str, Any], description: str, link: bool = False) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": schema}, "text/xml": {"schema": _text()}},
    }
    if link:
        answer["headers"] = {
            "Link": {"description": 'The next page, rel="next"', "schema": _text()}
        }
    return answer


ERRORS = _array("Error")


def _errors(*codes: int) -> dict[str, Any]:
    return {str(code): _answer(ERRORS, "The spec's error list") for code in codes}


def _get(
    summary: str, ok: dict[str, Any], params: list[dict[str, Any]], *codes: int
) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": [FORMAT, JURISDICTION, *params],
            "responses": {"200": ok, **_errors(*codes)},
        }
    }


FORM_FIELDS = (
    "jurisdiction_id address_string address_id email device_id account_id "
    "first_name last_name phone description media_url"
).split()
POST_FORM = {
    "type": "object",
    "properties": {
        "api_key": _text(),
        "service_code": _text(),
        "lat": {"type": "number"},
        "long": {"type": "number"},
        **{name: _text() for name in FORM_FIELDS},
    },
    "required": ["api_key", "service_code"],
}


def openapi_document(base_url: str) -> dict[str, Any]:
    """Give the OpenAPI 3.0 document of the Open311 endpoint."""
    requests_path = _get(
        "Service requests (newest first)",
        _answer(_array("Request"), "A page of requests", link=True),
        [
            {"name": "service_request_id", "in": "query", "schema": _text()},
            {"name": "service_code", "in": "query", "schema": _text()},
            *DATES,
            {"name": "status", "in": "query", "schema": _text()},
            *PAGING,
        ],
        400,
        404,
    )
    requests_path["post"] = {
        "summary": "File a service request (it becomes an appeal)",
        "parameters": [
            FORMAT,
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "schema": _text(maxLength=200),
            },
        ],
        "requestBody": {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": POST_FORM}},
        },
        "responses": {
            "200": _answer(_array("Filed"), "The appeal's number, or a token"),
            **_errors(400, 403, 404),
        },
    }
    code = {"name": "code", "in": "path", "required": True, "schema": _text()}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Ratusha Open311 GeoReport v2",
            "version": "2",
            "description": (
                "GeoReport v2 with paging (page, page_size) and servicerequestupdates. "
                "Errors are the spec's list of {code, description}."
            ),
        },
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": {
            f"{PREFIX}/discovery.{{format}}": {
                "get": {
                    "summary": "Service discovery",
                    "parameters": [FORMAT],
                    "responses": {"200": _answer(_ref("Discovery"), "Where the endpoint is")},
                }
            },
            f"{PREFIX}/services.{{format}}": _get(
                "Services (the body's public categories)",
                _answer(_array("Service"), "The services"),
                [{"name": "api_key", "in": "query", "schema": _text()}],
                400,
                404,
            ),
            f"{PREFIX}/services/{{code}}.{{format}}": _get(
                "Service definition (extra questions)",
                _answer(_ref("ServiceDefinition"), "The definition"),
                [code],
                400,
                404,
            ),
            f"{PREFIX}/requests.{{format}}": requests_path,
            f"{PREFIX}/requests/{{service_request_id}}.{{format}}": _get(
                "One service request",
                _answer(_array("Request"), "A list of one request"),
                [{"name": "service_request_id", "in": "path", "required": True, "schema": _text()}],
                400,
                404,
            ),
            f"{PREFIX}/tokens/{{token}}.{{format}}": _get(
                "The service_request_id of a token (null until registered)",
                _answer(_array("Token"), "A list of one token"),
                [{"name": "token", "in": "path", "required": True, "schema": _text()}],
                400,
                404,
            ),
            f"{PREFIX}/servicerequestupdates.{{format}}": _get(
                "Public status changes of requests (oldest first)",
                _answer(_array("Update"), "A page of updates", link=True),
                [*DATES, *PAGING],
                400,
                404,
            ),
        },
        "components": {"schemas": SCHEMAS},
    }
