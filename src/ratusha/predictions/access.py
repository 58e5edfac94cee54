"""Permission-scoped reads of predictions for views: out of reach is 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ratusha.accounts.permissions import can, scoped
from ratusha.bodies.models import Body
from ratusha.predictions.models import DeadlineRisk, Hotspot, SpikeAlert
from ratusha_core.permissions import Action


def bodies_for(user: Any) -> QuerySet[Body]:
    """Give the bodies whose predictions the person may see."""
    return scoped(user, Action.VIEW, Body.objects.filter(is_active=True)).order_by("path")


def access_body(user: Any, pk: int) -> Body:
    """Give the body if the person may see it (any staff role in it or above), else 404."""
    body = Body.objects.filter(pk=pk, is_active=True).first()
    if body is None or not can(user, Action.VIEW, body):
        raise Http404
    return body


def hotspots_of(user: Any, body: Body) -> QuerySet[Hotspot]:
    """Give the body's active hotspots the person may see, strongest first."""
    rows = Hotspot.objects.filter(body=body, is_active=True).select_related("category")
    return scoped(user, Action.VIEW, rows).order_by("-score", "pk")


def alerts_of(user: Any, body: Body) -> QuerySet[SpikeAlert]:
    """Give the body's spike alerts the person may see, newest first."""
    rows = SpikeAlert.objects.filter(body=body).select_related("department", "category")
    return scoped(user, Action.VIEW, rows).order_by("-week", "scope")


def risks_of(user: Any, body: Body) -> QuerySet[DeadlineRisk]:
    """Give the risks of the body's open appeals the person may see, riskiest first."""
    rows = DeadlineRisk.objects.filter(appeal__body=body).select_related("appeal")
    return scoped(user, Action.VIEW, rows).order_by("-probability", "appeal_id")
