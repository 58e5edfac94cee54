"""Permission-scoped reads of decisions for staff (out of reach = 404).

Adopted and revoked decisions are public: the public pages and open data read them
through :mod:`ratusha.decisions.records`, never through this module.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404

from ratusha.accounts.permissions import can, grants_of, scoped
from ratusha.bodies.models import Body, Official
from ratusha.decisions.models import Decision
from ratusha_core.permissions import Action, Kind, Reach, Role, rule


def decisions_for(user: Any, action: Action = Action.VIEW) -> models.QuerySet[Decision]:
    """Give the decisions (drafts included) the user may see, or change."""
    queryset = Decision.objects.select_related("body", "official")
    return scoped(user, action, queryset)


def access_decision(user: Any, pk: int, action: Action = Action.VIEW) -> Decision:
    """Give one decision the user may see (or change), else raise Http404."""
    decision = Decision.objects.select_related("body", "official", "document").filter(pk=pk).first()
    if decision is None or not can(user, action, decision):
        raise Http404
    return decision


def bodies_for_drafting(user: Any) -> models.QuerySet[Body]:
    """Give the bodies in which the user may draft and adopt decisions."""
    allowed = models.Q(pk__in=[])
    for grant in grants_of(user):
        found = rule(grant.role, Kind.DECISION)
        if found is None or Action.CHANGE not in found[0]:
            continue
        if grant.role is Role.SYSTEM_ADMIN:
            return Body.objects.order_by("code")
        if grant.body_id is None:
            continue
        if found[1] is Reach.BODY_TREE:
            path = Body.objects.filter(pk=grant.body_id).values_list("path", flat=True).first()
            if path:
                allowed |= models.Q(path__startswith=path)
        else:
            allowed |= models.Q(pk=grant.body_id)
    return Body.objects.filter(allowed).order_by("code")


def drafting_body(user: Any, code: str) -> Body:
    """Give the body with this code if the user may draft decisions there, else Http404."""
    body = bodies_for_drafting(user).filter(code=code).first()
    if body is None:
        raise Http404
    return body


def officials_of(body: Body) -> models.QuerySet[Official]:
    """Give the body's officials, who may sign its decisions (reference data)."""
    return Official.objects.filter(body=body).order_by("full_name")
