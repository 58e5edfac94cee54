"""The body and category a submission names, remembered briefly in each process.

Every submission names a body and usually a category by code. Looking them up costs a
query that is a sizeable share of a submission's time (see benchmarks/api_throughput.md),
and they change rarely, so each process keeps what it found for a short while
(``RATUSHA_API_REFERENCE_SECONDS``, 30 by default; 0 turns this off). Saving or deleting
a body or category in this process forgets everything at once; other processes pick up
the change when their memory runs out, so a deactivated body may still take
submissions for that long.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from ratusha.appeals.api.problems import invalid
from ratusha.bodies.access import public_bodies
from ratusha.bodies.models import Body, Category

_found: dict[tuple[str, str | None], tuple[float, Body, Category | None]] = {}


def _memory_seconds() -> float:
    return float(getattr(settings, "RATUSHA_API_REFERENCE_SECONDS", 30))


def forget(**kwargs: Any) -> None:
    """Forget every remembered body and category (a receiver of model signals)."""
    _found.clear()


for _model in (Body, Category):
    post_save.connect(forget, sender=_model, dispatch_uid=f"api.reference.save.{_model.__name__}")
    post_delete.connect(
        forget, sender=_model, dispatch_uid=f"api.reference.delete.{_model.__name__}"
    )


def _look_up(body_code: str, category_code: str | None) -> tuple[Body, Category | None]:
    bodies = public_bodies().filter(code=body_code)
    if category_code:
        # The public selectors' conditions joined, so that the usual case is one query.
        found = (
            Category.objects.filter(is_public=True, code=category_code, body__in=bodies)
            .select_related("body")
            .first()
        )
        if found is not None:
            return found.body, found
    body = bodies.first()
    if body is None:
        raise invalid({"body": [_("There is no body with this code.")]})
    if category_code:
        raise invalid({"category": [_("This body has no category with this code.")]})
    return body, None


def body_and_category(body_code: str, category_code: str | None) -> tuple[Body, Category | None]:
    """Give the active body and its public category named by their codes.

    Raises a 422 Problem (a field error on ``body`` or ``category``) for unknown codes.
    """
    key = (body_code, category_code or None)
    now = time.time()
    remembered = _found.get(key)
    if remembered is not None and remembered[0] > now:
        return remembered[1], remembered[2]
    body, category = _look_up(body_code, category_code)
    seconds = _memory_seconds()
    if seconds > 0:
        _found[key] = (now + seconds, body, category)
    return body, category
