"""The one place that turns the role matrix of ``ratusha_core.permissions`` into checks.

Every view, admin page and API endpoint asks here: :func:`can` for one object and
:func:`scoped` for a queryset. Both read the same matrix, so a list never shows what
the detail page would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from ratusha_core.permissions import Action, Grant, Kind, Reach, Role, Target, may, rule


@dataclass(frozen=True)
class ProtectedKind:
    """How a model maps onto the matrix: its kind and where its body and department are."""

    kind: Kind
    body_path: str  # lookup of the body's materialised path
    body_id: str  # lookup of the body's id
    department_id: str | None  # lookup of the department's id, if the object has one


_KINDS: dict[type[models.Model], ProtectedKind] = {}


def protect(model: type[models.Model], spec: ProtectedKind) -> None:
    """Register how a model is protected; called once per model from AppConfig.ready()."""
    if model in _KINDS:
        raise RuntimeError(f"{model.__name__} is already registered as {_KINDS[model].kind}")
    _KINDS[model] = spec


def spec_of(model: type[models.Model]) -> ProtectedKind:
    return _KINDS[model]


def grants_of(user: Any) -> tuple[Grant, ...]:
    """Give the user's grants, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_ratusha_grants", None)
    if cached is None:
        rows = user.role_grants.values_list("role", "body_id", "department_id")
        cached = tuple(Grant(Role(role), body, dept) for role, body, dept in rows)
        if user.is_superuser:
            cached = (Grant(Role.SYSTEM_ADMIN), *cached)
        user._ratusha_grants = cached
    return cached


def is_staff_member(user: Any) -> bool:
    """Tell whether the user holds any staff role."""
    return bool(grants_of(user))


def _value(obj: models.Model, lookup: str) -> Any:
    value: Any = obj
    for part in lookup.split("__"):
        value = getattr(value, "id" if part == "pk" else part)
        if value is None:
            return None
    return value


def target_of(obj: models.Model) -> Target:
    """Give where a protected object sits in the tree of bodies."""
    spec = spec_of(type(obj))
    path = _value(obj, spec.body_path) or ""
    ids = tuple(int(part) for part in path.strip("/").split("/") if part)
    dept = _value(obj, spec.department_id) if spec.department_id else None
    return Target(body_path=ids, department_id=dept)


def can(user: Any, action: Action, obj: models.Model) -> bool:
    """Tell whether the user may perform the action on the object."""
    return may(grants_of(user), action, spec_of(type(obj)).kind, target_of(obj))


def can_any(user: Any, action: Action, model: type[models.Model]) -> bool:
    """Tell whether the user may perform the action on at least some objects of the model."""
    kind = spec_of(model).kind
    for grant in grants_of(user):
        found = rule(grant.role, kind)
        if found is not None and action in found[0]:
            return True
    return False


def _grant_filter(grant: Grant, reach: Reach, spec: ProtectedKind, path_of: dict[int, str]) -> Q:
    if grant.role is Role.SYSTEM_ADMIN:
        return Q()
    if grant.body_id is None:
        return Q(pk__in=[])
    if reach is Reach.BODY_TREE:
        return Q(**{f"{spec.body_path}__startswith": path_of[grant.body_id]})
    if reach is Reach.OWN_BODY:
        return Q(**{spec.body_id: grant.body_id})
    if spec.department_id is None or grant.department_id is None:
        return Q(pk__in=[])
    return Q(**{spec.body_id: grant.body_id, spec.department_id: grant.department_id})


def scoped(user: Any, action: Action, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """Give the part of the queryset the user may perform the action on."""
    from ratusha.bodies.models import Body

    spec = spec_of(queryset.model)
    grants = grants_of(user)
    tree_bodies = {g.body_id for g in grants if g.body_id is not None}
    path_of = dict(Body.objects.filter(pk__in=tree_bodies).values_list("pk", "path"))
    allowed = Q(pk__in=[])
    for grant in grants:
        found = rule(grant.role, spec.kind)
        if found is None or action not in found[0]:
            continue
        if grant.role is Role.SYSTEM_ADMIN:
            return queryset
        if grant.body_id is not None and grant.body_id not in path_of:
            continue
        allowed |= _grant_filter(grant, found[1], spec, path_of)
    return queryset.filter(allowed)
