"""A body's triage policy and model versions in the REST API, for administrators' scripts.

The same reads and writes as the models page (``views_models``, ``views_policy``,
``views_duplicate_policy``, ``views_category_routing``): the policy changes only through
``actions_policy``, ``actions_duplicate_policy`` and ``actions_category_routing``, and a
version is made active, pinned or unpinned only through ``actions_models``, so rights,
ranges and ledger entries are exactly as there. Any staff member who may see the body may
read its policy and versions; only those who may change it (its administrators, those of
a higher body, system administrators) may change them. Staff tokens only: no token is a
401, a citizen's token a 403, and a body out of reach is a 404 like one that does not exist.
"""

from __future__ import annotations

import math
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from ratusha.accounts.models import User
from ratusha.accounts.permissions import can
from ratusha.appeals.api.auth import token_auth
from ratusha.appeals.api.problems import Problem, invalid, not_found
from ratusha.appeals.api.schemas import problems
from ratusha.bodies import access as body_access
from ratusha.bodies.models import Body, Category, Department
from ratusha.triage.actions_category_routing import check_set_category_routing
from ratusha.triage.actions_duplicate_policy import HIGHEST as SCORE_HIGHEST
from ratusha.triage.actions_duplicate_policy import LOWEST as SCORE_LOWEST
from ratusha.triage.actions_duplicate_policy import check_set_duplicate_policy
from ratusha.triage.actions_models import check_activate_model, check_pin_model, check_unpin_model
from ratusha.triage.actions_policy import HIGHEST as PRECISION_HIGHEST
from ratusha.triage.actions_policy import LOWEST as PRECISION_LOWEST
from ratusha.triage.actions_policy import UNCHANGED, check_set_routing_policy
from ratusha.triage.api import staff_user
from ratusha.triage.api_policy_schemas import (
    ActivateIn,
    ModelFilters,
    ModelOut,
    ModelPageOut,
    PolicyIn,
    PolicyOut,
)
from ratusha.triage.models import Target, TriageModel
from ratusha.triage.routing_outlook import stored_routing
from ratusha_core.permissions import Action

router = Router(tags=["triage policy"])

MAX_VERSION = 2**31 - 1  # the largest a PositiveIntegerField holds on every database
POLICY_FIELDS = ("auto_route", "auto_route_precision", "duplicate_min_score")
STORED_FIELDS = (*POLICY_FIELDS, "urgent_department")


def _body(user: User, code: str) -> Body:
    """Give the body with this code if the user may see it; else a 404 problem."""
    body = body_access.visible(user, Body).filter(code=code).first()
    if body is None:
        raise not_found()
    return body


def _policy_out(body: Body) -> dict[str, Any]:
    manual = Category.objects.filter(body=body, auto_route=False).order_by("code")
    return {
        "body": body.code,
        **{name: getattr(body, name) for name in POLICY_FIELDS},
        "clerk_decides": list(manual.values_list("code", flat=True)),
        "urgent_department": body.urgent_department.code if body.urgent_department else None,
    }


def _category_ids(body: Body, codes: list[str]) -> tuple[set[int], list[str]]:
    """Give the ids of the body's categories with these codes, and the codes it has not."""
    found = dict(Category.objects.filter(body=body, code__in=codes).values_list("code", "pk"))
    return set(found.values()), sorted({code for code in codes if code not in found})


@router.get(
    "/bodies/{code}/triage-policy",
    response={200: PolicyOut, **problems(401, 403, 404)},
    auth=token_auth,
    summary="A body's triage policy: automatic routing, categories a clerk decides, duplicates",
)
def read_policy(request: HttpRequest, code: str) -> dict[str, Any]:
    """Whether appeals are routed automatically, at what precision, which categories a clerk
    always decides, and the duplicate score."""
    user = staff_user(request)
    return _policy_out(_body(user, code))


def _range_errors(payload: PolicyIn) -> dict[str, list[str]]:
    """Give the fields whose values are out of range, once rounded as the actions round them."""
    errors: dict[str, list[str]] = {}
    precision = payload.auto_route_precision
    if precision is not None and not PRECISION_LOWEST <= round(precision, 2) <= PRECISION_HIGHEST:
        errors["auto_route_precision"] = [_("The precision must be from 0.50 to 0.99.")]
    score = payload.duplicate_min_score
    if score is not None and not SCORE_LOWEST <= round(score, 2) <= SCORE_HIGHEST:
        errors["duplicate_min_score"] = [_("The score must be from 0.30 to 0.90.")]
    return errors


@router.patch(
    "/bodies/{code}/triage-policy",
    response={200: PolicyOut, **problems(401, 403, 404, 422)},
    auth=token_auth,
    summary="Change a body's triage policy (administrators; all fields or none)",
)
def change_policy(request: HttpRequest, payload: PolicyIn, code: str) -> dict[str, Any]:
    """Set any of the fields; those left out (or null) keep their values.

    Every value is checked first, so one out of range changes nothing. Each change goes
    into the body's ledger as from the models page; values that are so already write nothing.
    """
    user = staff_user(request)
    body = _body(user, code)
    if not can(user, Action.CHANGE, body):
        raise Problem(
            403, "not-body-admin", _("Only an administrator of the body may change its policy.")
        )
    errors = _range_errors(payload)
    manual: set[int] | None = None
    if payload.clerk_decides is not None:
        manual, unknown = _category_ids(body, payload.clerk_decides)
        if unknown:
            errors["clerk_decides"] = [
                _("This body has no category with the code %(code)s.") % {"code": code}
                for code in unknown
            ]
    urgent: Department | None = UNCHANGED
    if payload.urgent_department is not None:
        code = payload.urgent_department
        active = Department.objects.filter(body=body, is_active=True)
        urgent = active.filter(code=code).first() if code else None
        if code and urgent is None:
            errors["urgent_department"] = [
                _("This body has no active department with the code %(code)s.") % {"code": code}
            ]
    if errors:
        raise invalid(errors)
    with transaction.atomic():
        # Read the present values under the row's lock, so a field left out keeps the value
        # another administrator may have just saved, not the one read before.
        present = Body.objects.select_for_update().only(*STORED_FIELDS).get(pk=body.pk)
        changes = (payload.auto_route, payload.auto_route_precision, payload.urgent_department)
        if any(value is not None for value in changes):
            check_set_routing_policy(
                user,
                body,
                auto_route=(
                    present.auto_route if payload.auto_route is None else payload.auto_route
                ),
                precision=(
                    present.auto_route_precision
                    if payload.auto_route_precision is None
                    else payload.auto_route_precision
                ),
                urgent_department=urgent,
            )
        if payload.duplicate_min_score is not None:
            check_set_duplicate_policy(user, body, min_score=payload.duplicate_min_score)
        if manual is not None:
            check_set_category_routing(user, body, manual)
    body.refresh_from_db(fields=STORED_FIELDS)
    return _policy_out(body)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def model_out(model: TriageModel, show_who: bool = True) -> dict[str, Any]:
    """Give one stored version as the API's figures (``ModelOut``), metrics unformatted.

    ``show_who`` off leaves out who pinned it: staff who may read the body's models but
    not change them see that it is pinned, not by whom.
    """
    metrics = model.metrics if isinstance(model.metrics, dict) else {}
    pinned_by = model.pinned_by if model.pinned_at and show_who else None
    return {
        "target": model.target,
        "version": model.version,
        "created_at": model.trained_at,
        "active": model.is_active,
        "pinned_at": model.pinned_at,
        "pinned_by": pinned_by.get_username() if pinned_by is not None else None,
        "labels_used": model.labels_used,
        "archived_at": model.archived_at,
        "routing": [
            {"precision": r.precision, "threshold": _number(r.threshold), "coverage": r.coverage}
            for r in stored_routing(metrics)
        ],
        "metrics": {
            "examples": _whole(metrics.get("examples")),
            "folds": _whole(metrics.get("folds")),
            **{
                name: _number(metrics.get(name))
                for name in (
                    "accuracy",
                    "top3_accuracy",
                    "macro_f1",
                    "coverage",
                    "routed_precision",
                    "threshold",
                )
            },
        },
    }


def _versions(body: Body) -> QuerySet[TriageModel]:
    return TriageModel.objects.filter(body=body).defer("classifier").select_related("pinned_by")


@router.get(
    "/bodies/{code}/triage-models",
    response={200: ModelPageOut, **problems(401, 403, 404, 422)},
    auth=token_auth,
    summary="A body's triage model versions with their metrics",
)
def list_models(request: HttpRequest, filters: Query[ModelFilters], code: str) -> dict[str, Any]:
    """Every stored version of the category and department models, which is active, pins."""
    user = staff_user(request)
    body = _body(user, code)
    versions = _versions(body)
    if filters.target is not None:
        versions = versions.filter(target=filters.target.value)
    page = versions.order_by("target", "-version")[filters.offset : filters.offset + filters.limit]
    return {
        "body": body.code,
        "count": versions.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [model_out(model, can(user, Action.CHANGE, body)) for model in page],
    }


def _version_to_change(
    request: HttpRequest, code: str, target: str, version: int
) -> tuple[User, TriageModel]:
    """Give the caller and the version named, if the caller may change the body's models."""
    user = staff_user(request)
    body = _body(user, code)
    if not can(user, Action.CHANGE, body):
        raise Problem(
            403,
            "not-body-admin",
            _("Only an administrator of the body may change its active model."),
        )
    model = None
    if target in Target.values:
        model = _versions(body).filter(target=target, version=version).first()
    if model is None:
        raise Problem(
            404, "no-model-version", _("This body has no model version of this target and number.")
        )
    model.body = body
    return user, model


def _after(model: TriageModel) -> dict[str, Any]:
    return model_out(_versions(model.body).get(pk=model.pk))


VERSION_DOCS = {200: ModelOut, **problems(401, 403, 404, 422)}


@router.post(
    "/bodies/{code}/triage-models/{target}/{version}/activate",
    response={**VERSION_DOCS, **problems(409)},
    auth=token_auth,
    summary="Make a stored model version the active one (a rollback, or forward again)",
)
def activate(
    request: HttpRequest,
    code: str,
    target: str = Path(..., description="category or department"),
    version: int = Path(..., ge=1, le=MAX_VERSION),
    payload: ActivateIn | None = None,
) -> dict[str, Any]:
    """Pinned by default, as the models page's rollback; a version active already is left so.

    An archived version (its trained model deleted to save space) is a 409 (``archived``).
    """
    user, model = _version_to_change(request, code, target, version)
    check_activate_model(user, model, pin=True if payload is None else payload.pin)
    return _after(model)


@router.post(
    "/bodies/{code}/triage-models/{target}/{version}/pin",
    response={**VERSION_DOCS, **problems(409)},
    auth=token_auth,
    summary="Pin the active version: later trainings store theirs without activating them",
)
def pin(
    request: HttpRequest,
    code: str,
    target: str = Path(..., description="category or department"),
    version: int = Path(..., ge=1, le=MAX_VERSION),
) -> dict[str, Any]:
    """A version that is not active is a 409 (``not-active``); one pinned already stays so."""
    user, model = _version_to_change(request, code, target, version)
    check_pin_model(user, model)
    return _after(model)


@router.post(
    "/bodies/{code}/triage-models/{target}/{version}/unpin",
    response=VERSION_DOCS,
    auth=token_auth,
    summary="Lift a version's pin: the next training makes its new version active again",
)
def unpin(
    request: HttpRequest,
    code: str,
    target: str = Path(..., description="category or department"),
    version: int = Path(..., ge=1, le=MAX_VERSION),
) -> dict[str, Any]:
    """A version that is not pinned is left so."""
    user, model = _version_to_change(request, code, target, version)
    check_unpin_model(user, model)
    return _after(model)
