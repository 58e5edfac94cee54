"""Who may see which figures, and the permission-scoped reads of appeals behind them.

A person's reach for analytics is their reach over appeals (the role matrix, kind
"appeal"): whole bodies for clerks, administrators and auditors (with the tree below
for the last two), their own departments for officers and heads, everything for a
system administrator. Citizens and strangers have no staff reach: the staff dashboard
answers 404, the public one is open to all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.http import Http404

from ratusha.accounts.permissions import grants_of
from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Appeal
from ratusha.appeals.selectors import RUNNING, local_today
from ratusha.bodies.models import Body
from ratusha_core.permissions import Kind, Reach, Role, rule


@dataclass(frozen=True)
class AnalyticsReach:
    """The bodies a person sees whole, and the departments they see in other bodies."""

    everything: bool
    whole_bodies: frozenset[int]
    departments: frozenset[tuple[int, int]]  # (body id, department id)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.whole_bodies or self.departments)

    def body_ids(self) -> frozenset[int]:
        """Give the ids of every body with at least something visible."""
        return self.whole_bodies | {body for body, _dept in self.departments}

    def departments_in(self, body_id: int) -> tuple[int, ...] | None:
        """Give the departments visible in a body (None: the whole body is visible)."""
        if self.everything or body_id in self.whole_bodies:
            return None
        return tuple(sorted(dept for body, dept in self.departments if body == body_id))


def reach_of(user: Any) -> AnalyticsReach:
    """Give what the user may see on the staff dashboard, read from their role grants."""
    whole: set[int] = set()
    departments: set[tuple[int, int]] = set()
    tree_roots: list[int] = []
    for grant in grants_of(user):
        if grant.role is Role.SYSTEM_ADMIN:
            return AnalyticsReach(True, frozenset(), frozenset())
        found = rule(grant.role, Kind.APPEAL)
        if found is None or grant.body_id is None:
            continue
        if found[1] is Reach.BODY_TREE:
            tree_roots.append(grant.body_id)
        elif found[1] is Reach.OWN_BODY:
            whole.add(grant.body_id)
        elif grant.department_id is not None:
            departments.add((grant.body_id, grant.department_id))
    if tree_roots:
        paths = Body.objects.filter(pk__in=tree_roots).values_list("path", flat=True)
        for path in paths:
            whole.update(Body.objects.filter(path__startswith=path).values_list("pk", flat=True))
    return AnalyticsReach(False, frozenset(whole), frozenset(departments))


def staff_reach(user: Any) -> AnalyticsReach:
    """Give the user's reach, or raise Http404 for someone with no staff role."""
    found = reach_of(user)
    if found.empty:
        raise Http404
    return found


def visible_bodies(reach: AnalyticsReach) -> models.QuerySet[Body]:
    """Give the bodies the person can pick on the dashboard, in tree order."""
    bodies = (
        Body.objects.all() if reach.everything else Body.objects.filter(pk__in=reach.body_ids())
    )
    return bodies.order_by("path")


def overdue_appeals(body_ids: list[int] | None, scope: Any) -> dict[str, models.QuerySet[Appeal]]:
    """Give, per time zone, the open appeals of the scope's cells (for counting only)."""
    appeals = scope.narrow(Appeal.objects.filter(state__in=RUNNING), body_ids)
    zones: dict[str, list[int]] = defaultdict(list)
    bodies = Body.objects.all() if body_ids is None else Body.objects.filter(pk__in=body_ids)
    for pk, zone in bodies.values_list("pk", "time_zone"):
        zones[zone].append(pk)
    return {zone: appeals.filter(body_id__in=ids) for zone, ids in zones.items()}


def overdue_now(scope: Any, body_ids: list[int] | None, today: date | None = None) -> int:
    """Count the open appeals in the scope whose due date has passed (in each body's day).

    A count, not rows: the public dashboard shows it too, so it reads every appeal of the
    scope rather than a person's view of them.
    """
    total = 0
    for zone, appeals in overdue_appeals(body_ids, scope).items():
        day = today or local_today(zone)
        total += appeals.filter(due_date__lt=day).count()
    return total


def appeals_of_scope(user: Any, scope: Any, body_ids: list[int] | None) -> models.QuerySet[Appeal]:
    """Give the appeals of a scope the user may see (the lists behind the figures)."""
    return scope.narrow(appeals_for(user), body_ids)
