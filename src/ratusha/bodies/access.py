"""Permission-scoped reads of bodies, departments, categories and officials.

Views never query these models directly for staff pages; they call these selectors,
which go through :mod:`ratusha.accounts.permissions`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import Http404

from ratusha.accounts.permissions import scoped
from ratusha.bodies.models import Body, Category, Department, Official
from ratusha_core.permissions import Action

M = TypeVar("M", bound=models.Model)


def visible(user: Any, model: type[M], action: Action = Action.VIEW) -> models.QuerySet[M]:
    """Give the objects of the model the user may act on."""
    return scoped(user, action, model.objects.all())


def access(user: Any, model: type[M], pk: int, action: Action = Action.VIEW) -> M:
    """Give one object the user may act on, or raise Http404 (never reveal it exists)."""
    found = visible(user, model, action).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_body(user: Any, pk: int, action: Action = Action.VIEW) -> Body:
    return access(user, Body, pk, action)


def access_department(user: Any, pk: int, action: Action = Action.VIEW) -> Department:
    return access(user, Department, pk, action)


def departments_of(user: Any, body: Body) -> models.QuerySet[Department]:
    return visible(user, Department).filter(body=body)


def officials_of(user: Any, department: Department) -> models.QuerySet[Official]:
    return visible(user, Official).filter(department=department).select_related("user")


def categories_of(user: Any, body: Body) -> models.QuerySet[Category]:
    return visible(user, Category).filter(body=body).select_related("default_department", "parent")


def public_bodies() -> models.QuerySet[Body]:
    """Give the active bodies shown on public pages (public data: no permission needed)."""
    return Body.objects.filter(is_active=True)


def public_categories(body: Body) -> models.QuerySet[Category]:
    """Give the categories a body offers to citizens (public data)."""
    return Category.objects.filter(body=body, is_public=True).select_related("parent")
