"""Run schemathesis against the project's OpenAPI documents, in-process through WSGI.

Each operation gets a bounded number of generated examples, so the whole run stays
under about a minute; every response is checked for server errors, for its status
code and for its body against the document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def load(path: str) -> Any:
    from django.core.handlers.wsgi import WSGIHandler

    return schemathesis.openapi.from_wsgi(path, WSGIHandler())


def run_schema(
    path: str,
    examples: int,
    prepare: Callable[[Any], dict[str, Any]] | None = None,
    skip: Callable[[Any], bool] | None = None,
) -> list[str]:
    """Drive every operation of the schema at ``path``; give the labels of the operations run.

    ``prepare(case)`` may change the case (a valid key, say) and gives extra keyword
    arguments for the call (headers); ``skip(operation)`` leaves an operation out.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # As Django's test client does: the test's database connection (and its transaction)
    # must survive the end of each in-process request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        return _drive(load(path), examples, prepare, skip)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _drive(
    schema: Any,
    examples: int,
    prepare: Callable[[Any], dict[str, Any]] | None,
    skip: Callable[[Any], bool] | None,
) -> list[str]:
    ran = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if skip is not None and skip(operation):
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def drive(case: Any) -> None:
            extra = prepare(case) if prepare is not None else {}
            case.call_and_validate(checks=CHECKS, **extra)

        drive()
        ran.append(operation.label)
    return ran
