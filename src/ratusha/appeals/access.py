"""Permission-scoped reads of appeals. Views and the API read appeals only through here."""

from __future__ import annotations

import hmac
from typing import Any

from django.db import models
from django.http import Http404

from ratusha.accounts.permissions import scoped
from ratusha.appeals.models import Appeal
from ratusha_core.permissions import Action


def appeals_for(user: Any, action: Action = Action.VIEW) -> models.QuerySet[Appeal]:
    """Give the appeals a staff member may see (or change) by their roles."""
    return scoped(user, action, Appeal.objects.all())


def access_appeal(user: Any, pk: int, action: Action = Action.VIEW) -> Appeal:
    """Give one appeal the staff member may see, or raise Http404."""
    found = (
        appeals_for(user, action)
        .select_related("body", "category", "department")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def appeals_of_citizen(user: Any) -> models.QuerySet[Appeal]:
    """Give the appeals filed from the citizen's own account."""
    if not getattr(user, "is_authenticated", False):
        return Appeal.objects.none()
    return Appeal.objects.filter(citizen=user)


def appeal_by_token(number: str, token: str) -> Appeal:
    """Give the appeal a tracking link opens, or raise Http404 (constant-time compare)."""
    from ratusha.appeals.actions.registration import tracking_token

    appeal = (
        Appeal.objects.select_related("body", "category", "department")
        .filter(number=number)
        .first()
    )
    # Bytes, so a token with letters outside ASCII is a plain mismatch, not an error.
    given = token.encode("utf-8", "surrogatepass")
    if appeal is None or not hmac.compare_digest(tracking_token(appeal).encode(), given):
        raise Http404
    return appeal
