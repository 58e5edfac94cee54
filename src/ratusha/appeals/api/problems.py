"""RFC 9457 problem details: every error the API gives, in the caller's language.

A problem is JSON served as ``application/problem+json``::

    {"type": "https://ratusha.example/problems/invalid-input", "title": "Invalid input",
     "status": 422, "detail": "...", "instance": "/api/v1/appeals",
     "errors": [{"field": "text", "message": "..."}]}

``type`` is a stable identifier of the kind of problem (the codes are listed in
docs/api.md); clients branch on it, people read ``title`` and ``detail``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as ModelInvalid
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from ratusha.appeals.actions import AppealConflict, AppealInvalid, TransitionNotAllowed

log = logging.getLogger(__name__)

PROBLEM_BASE = "https://ratusha.example/problems/"
CONTENT_TYPE = "application/problem+json"

# Refusals of the state machine that are about the data sent, not the appeal's state:
# the first three name their field in the refusal, the others always concern one field.
FIELD_REFUSALS = {"field_required", "field_invalid", "field_unexpected"}
FIELD_OF_REFUSAL = {
    "reason_not_statutory": "reason",
    "extension_not_later": "new_due_date",
    "extension_reason_required": "reason",
    "extension_notice_required": "applicant_notified",
    "merge_into_itself": "target_appeal",
    "bad_department": "department",
    "bad_executor": "executor",
    "bad_target_appeal": "target_appeal",
    "bad_other_appeal": "other",
}
# Names of the endpoints' arguments that ninja puts before a field's own name.
ARGUMENTS = {"payload", "filters", "query"}

# Field names of the actions, as the API calls them.
API_FIELD = {"files": "attachments", "": None}


class Problem(Exception):
    """An error the API reports as problem details."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        title: str | None = None,
        errors: Sequence[Mapping[str, Any]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.title = title
        self.errors = list(errors)
        self.headers = dict(headers or {})


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("Authentication required"),
        403: _("Not allowed"),
        404: _("Not found"),
        409: _("Conflict"),
        413: _("Request too large"),
        422: _("Invalid input"),
        429: _("Too many requests"),
        500: _("Server error"),
    }


def problem_response(request: HttpRequest, problem: Problem) -> HttpResponse:
    """Give the HTTP response that carries a problem."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + problem.code,
        "title": problem.title or _titles().get(problem.status, _("Error")),
        "status": problem.status,
        "detail": problem.detail,
        "instance": request.path,
    }
    if problem.errors:
        body["errors"] = problem.errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=problem.status,
        content_type=CONTENT_TYPE,
    )
    for name, value in problem.headers.items():
        response[name] = value
    return response


def not_found() -> Problem:
    return Problem(404, "not-found", _("There is nothing at this address, or it is not yours."))


def unauthorized() -> Problem:
    return Problem(
        401,
        "unauthorized",
        _("Give a valid API token in the Authorization header: Bearer <token>."),
        headers={"WWW-Authenticate": 'Bearer realm="ratusha"'},
    )


def field_errors(errors: Mapping[str, Iterable[str]]) -> list[dict[str, Any]]:
    """Give the action's field errors as the list the problem carries."""
    return [
        {"field": API_FIELD.get(field, field), "message": message}
        for field, messages in errors.items()
        for message in messages
    ]


def invalid(errors: Mapping[str, Iterable[str]]) -> Problem:
    return Problem(
        422,
        "invalid-input",
        _("Some of the data sent is not valid; see the errors by field."),
        errors=field_errors(errors),
    )


# Messages for pydantic's error types, so schema errors read like the actions' own.
_SCHEMA_MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": lambda ctx: _("This field is required."),
    "string_type": lambda ctx: _("Give text here."),
    "string_too_short": lambda ctx: (
        _("Give at least %(count)s characters.") % {"count": ctx.get("min_length")}
    ),
    "string_too_long": lambda ctx: (
        _("Give at most %(count)s characters.") % {"count": ctx.get("max_length")}
    ),
    "too_long": lambda ctx: _("Give at most %(count)s items.") % {"count": ctx.get("max_length")},
    "int_parsing": lambda ctx: _("Give a whole number."),
    "int_type": lambda ctx: _("Give a whole number."),
    "float_parsing": lambda ctx: _("Give a number."),
    "float_type": lambda ctx: _("Give a number."),
    "bool_parsing": lambda ctx: _("Give true or false."),
    "bool_type": lambda ctx: _("Give true or false."),
    "date_from_datetime_parsing": lambda ctx: _("Give a date as YYYY-MM-DD."),
    "date_parsing": lambda ctx: _("Give a date as YYYY-MM-DD."),
    "greater_than_equal": lambda ctx: (
        _("Give a value of at least %(limit)s.") % {"limit": ctx.get("ge")}
    ),
    "less_than_equal": lambda ctx: (
        _("Give a value of at most %(limit)s.") % {"limit": ctx.get("le")}
    ),
    "enum": lambda ctx: _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected")},
    "literal_error": lambda ctx: (
        _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected")}
    ),
    "list_type": lambda ctx: _("Give a list here."),
    "model_attributes_type": lambda ctx: _("Give an object here."),
    "dict_type": lambda ctx: _("Give an object here."),
    "json_invalid": lambda ctx: _("The request body is not valid JSON."),
}


def _field_name(loc: Sequence[Any]) -> str | None:
    # ninja prefixes the source ("body", "query", "path") and, for a body, the argument name.
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        parts.pop(0)
        if len(parts) > 1 and parts[0] in ARGUMENTS:
            parts.pop(0)
    return ".".join(parts) or None


def schema_problem(exc: ValidationError) -> Problem:
    """Turn ninja's schema validation errors into a 422 problem with field errors."""
    errors = []
    for error in exc.errors:
        explain = _SCHEMA_MESSAGES.get(str(error.get("type")))
        message = explain(error.get("ctx") or {}) if explain else str(error.get("msg", ""))
        errors.append({"field": _field_name(error.get("loc", ())), "message": message})
    return Problem(
        422,
        "invalid-input",
        _("Some of the data sent is not valid; see the errors by field."),
        errors=errors,
    )


def transition_problem(exc: TransitionNotAllowed) -> Problem:
    """Give the problem for a refused action: 403 for the role, 422 for the data, else 409."""
    code = exc.code.replace("_", "-")
    if exc.code == "role_not_permitted":
        return Problem(403, code, exc.message)
    if exc.code in FIELD_REFUSALS:
        params = getattr(exc.__cause__, "params", {}) or {}
        fields = str(params.get("field") or params.get("fields") or "").split(", ")
        return Problem(
            422,
            code,
            exc.message,
            errors=[{"field": f or None, "message": exc.message} for f in fields],
        )
    if exc.code in FIELD_OF_REFUSAL:
        field = FIELD_OF_REFUSAL[exc.code]
        return Problem(422, code, exc.message, errors=[{"field": field, "message": exc.message}])
    return Problem(409, code, exc.message)


def _to_problem(exc: Exception) -> Problem:
    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, ValidationError):
        return schema_problem(exc)
    if isinstance(exc, AppealInvalid):
        return invalid(exc.errors)
    if isinstance(exc, AppealConflict):
        return Problem(409, exc.code.replace("_", "-"), exc.message)
    if isinstance(exc, TransitionNotAllowed):
        return transition_problem(exc)
    if isinstance(exc, Http404):
        return not_found()
    if isinstance(exc, PermissionDenied):  # an action's own rights check
        return Problem(403, "forbidden", str(exc) or _("You may not do this."))
    if isinstance(exc, ModelInvalid):  # an action's own check of a value
        if hasattr(exc, "error_dict"):
            return invalid(exc.message_dict)
        errors = [{"field": None, "message": message} for message in exc.messages]
        return Problem(422, "invalid-input", " ".join(exc.messages), errors=errors)
    if isinstance(exc, AuthenticationError):
        return unauthorized()
    if isinstance(exc, RequestDataTooBig):
        return too_large()
    if isinstance(exc, Throttled):
        return Problem(429, "throttled", _("Too many requests; wait a little and try again."))
    if isinstance(exc, HttpError):
        if exc.status_code == 400:
            return Problem(400, "bad-request", _("The request body is not valid JSON."))
        return Problem(exc.status_code, "about-blank", str(exc))
    log.exception("API request failed: %s", exc, exc_info=exc)
    return Problem(500, "server-error", _("Something went wrong on our side; try again later."))


def too_large() -> Problem:
    return Problem(413, "request-too-large", _("The request is too large."))


def install_problem_handlers(api: NinjaAPI) -> None:
    """Make every error of the API a problem-details response."""

    def handle(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(request, _to_problem(exc))

    for kind in (
        Exception,
        Problem,
        ValidationError,
        AppealInvalid,
        AppealConflict,
        TransitionNotAllowed,
        Http404,
        PermissionDenied,
        ModelInvalid,
        HttpError,
        RequestDataTooBig,
    ):
        api.add_exception_handler(kind, handle)
