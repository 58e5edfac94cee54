"""The triage settings of every body an administrator may change, side by side.

One row per body: automatic routing and its precision, the categories a clerk always
decides, the duplicate threshold, and each target's active model (its version, whether
it is pinned, when it was trained). Three queries for a whole page, whatever its size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q

from ratusha.bodies.models import Body
from ratusha.triage.models import Target, TriageModel


@dataclass(frozen=True)
class ActiveModel:
    """A body's active version of one target."""

    version: int
    pinned: bool
    trained_at: datetime | None


@dataclass(frozen=True)
class BodySettings:
    """One body's row."""

    body: Body
    manual_categories: int
    category_model: ActiveModel | None
    department_model: ActiveModel | None

    @property
    def models(self) -> tuple[ActiveModel | None, ActiveModel | None]:
        """Give the active models in the order of the page's columns."""
        return self.category_model, self.department_model


def settings_of(bodies: Sequence[Body]) -> list[BodySettings]:
    """Give the rows of these bodies (already scoped by the caller), in their order."""
    ids = [body.pk for body in bodies]
    manual = dict(
        Body.objects.filter(pk__in=ids)
        .annotate(n=Count("categories", filter=Q(categories__auto_route=False)))
        .values_list("pk", "n")
    )
    active: dict[tuple[int, str], ActiveModel] = {}
    rows: Any = TriageModel.objects.filter(body_id__in=ids, is_active=True).values_list(
        "body_id", "target", "version", "pinned_at", "trained_at"
    )
    for body_id, target, version, pinned_at, trained_at in rows:
        active[body_id, target] = ActiveModel(version, pinned_at is not None, trained_at)
    return [
        BodySettings(
            body=body,
            manual_categories=manual.get(body.pk, 0),
            category_model=active.get((body.pk, Target.CATEGORY)),
            department_model=active.get((body.pk, Target.DEPARTMENT)),
        )
        for body in bodies
    ]
