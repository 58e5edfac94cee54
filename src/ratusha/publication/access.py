"""Permission-scoped reads of publications: who reviews the texts of which bodies.

Registry clerks review their own body's texts; body administrators those of their body
and every body below it; system administrators everything. Nobody else sees the queue
(officers, heads and auditors get a 404, like citizens).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.http import Http404

from ratusha.accounts.permissions import grants_of
from ratusha.bodies.models import Body
from ratusha.publication.models import Publication, Status
from ratusha_core.permissions import Role


def _reach(user: Any, field: str) -> Q | None:
    """Give the filter of the bodies the user reviews (``field`` leads to a Body), or None."""
    grants = grants_of(user)
    if any(g.role is Role.SYSTEM_ADMIN for g in grants):
        return Q()
    clerk = [g.body_id for g in grants if g.role is Role.REGISTRY_CLERK and g.body_id]
    admin = [g.body_id for g in grants if g.role is Role.BODY_ADMIN and g.body_id]
    if not clerk and not admin:
        return None
    prefix = f"{field}__" if field else ""
    allowed = Q(**{f"{prefix}pk__in": clerk}) if clerk else Q(pk__in=[])
    for path in Body.objects.filter(pk__in=admin).values_list("path", flat=True):
        allowed |= Q(**{f"{prefix}path__startswith": path})
    return allowed


def may_review(user: Any) -> bool:
    """Tell whether the user reviews texts for publication anywhere."""
    return _reach(user, "") is not None


def review_bodies(user: Any) -> models.QuerySet[Body]:
    """Give the bodies whose texts the user reviews."""
    allowed = _reach(user, "")
    return Body.objects.none() if allowed is None else Body.objects.filter(allowed)


def publications_for(user: Any) -> models.QuerySet[Publication]:
    """Give the publications (any status) of the bodies the user reviews."""
    allowed = _reach(user, "body")
    return Publication.objects.none() if allowed is None else Publication.objects.filter(allowed)


def review_queue(user: Any, body: Body | None = None) -> models.QuerySet[Publication]:
    """Give the texts waiting for the user's review, oldest first, with their appeals."""
    queue = publications_for(user).filter(status=Status.PENDING)
    if body is not None:
        queue = queue.filter(body=body)
    return queue.select_related("appeal", "body").order_by("created_at", "pk")


def publication_for_review(user: Any, pk: int) -> Publication:
    """Give one publication the user may review, or raise Http404."""
    found = publications_for(user).select_related("appeal__body", "body").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
