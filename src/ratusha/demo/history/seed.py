"""Writing the demo history into the demo bodies, once: a body that has appeals is left alone.

The check is one count per body, so a second ``seed-demo`` (and ``make demo``) costs
milliseconds. A body with appeals is never given history, because historic numbers
are given in time order and must come before the live ones.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ratusha.accounts.models import RoleGrant, User
from ratusha.appeals.imports import plan_rows, save_rows
from ratusha.appeals.models import Appeal, RegistrationCounter
from ratusha.appeals.policy import calendar_for, policy_for
from ratusha.bodies.models import Body, Category
from ratusha.demo.history.generator import Citizen, Desk, Town, plan_history
from ratusha.demo.people import DOMAIN
from ratusha_core.permissions import Role

# (body code, share of the appeals, languages with their weights, villages?)
BODIES = (
    ("ZAR", 0.97, {"ru": 45, "be": 45, "en": 10}, False),
    ("KLV", 0.03, {"be": 55, "ru": 43, "en": 2}, True),
)
DEFAULT_COUNT = 5000


@dataclass(frozen=True)
class HistoryReport:
    """Appeals added per body, appeals found already there (history skipped), and the time."""

    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def read_town(body: Body, languages: Mapping[str, float], village: bool) -> Town:
    """Give what the generator needs to know of a demo body: categories, staff, neighbours."""
    grants = RoleGrant.objects.filter(body=body).order_by("user_id")
    officers: dict[int, list[int]] = {}
    heads: dict[int, int] = {}
    clerk = None
    for user_id, role, department_id in grants.values_list("user_id", "role", "department_id"):
        if role == Role.DEPARTMENT_OFFICER and department_id:
            officers.setdefault(department_id, []).append(user_id)
        elif role == Role.DEPARTMENT_HEAD and department_id:
            heads.setdefault(department_id, user_id)
        elif role == Role.REGISTRY_CLERK and clerk is None:
            clerk = user_id
    desks = {
        dept.code: Desk(dept.pk, dept.code, tuple(officers.get(dept.pk, ())), heads.get(dept.pk))
        for dept in body.departments.all()
        if officers.get(dept.pk) or heads.get(dept.pk)
    }
    categories = tuple(
        (code, pk, dept)
        for code, pk, dept in Category.objects.filter(body=body)
        .order_by("code")
        .values_list("code", "pk", "default_department__code")
        if dept in desks
    )
    neighbours = Body.objects.filter(pk__in=body.path_ids[:-1]) | Body.objects.filter(
        parent_id=body.parent_id
    ).exclude(pk=body.pk)
    citizens = tuple(
        Citizen(pk, name, email, language)
        for pk, name, email, language in User.objects.filter(
            email__endswith=f"@{DOMAIN}", role_grants__isnull=True
        )
        .order_by("email")
        .values_list("pk", "full_name", "email", "preferred_language")
    )
    return Town(
        code=body.code,
        time_zone=body.time_zone,
        village=village,
        categories=categories,
        desks=desks,
        clerk=clerk,
        higher_body=body.parent_id,
        forward_to=tuple(sorted(neighbours.exclude(kind="state").values_list("pk", flat=True))),
        languages=languages,
        citizens=citizens,
    )


def do_seed_history(
    seed: int = 2026, count: int = DEFAULT_COUNT, as_of: datetime | None = None
) -> HistoryReport:
    """Give the demo bodies about ``count`` appeals of the last 24 months, unless they have some.

    Deterministic for a seed and an ``as_of`` moment (default: now); one transaction.
    """
    started = time.perf_counter()
    as_of = as_of or timezone.now()
    added: dict[str, int] = {}
    present: dict[str, int] = {}
    with transaction.atomic():
        remaining = count
        for code, share, languages, village in BODIES:
            wanted = remaining if code == BODIES[-1][0] else round(count * share)
            remaining -= wanted
            body = Body.objects.filter(code=code).first()
            if body is None or wanted <= 0:
                continue
            existing = Appeal.objects.filter(body=body).count()
            if existing:
                present[code] = existing
                continue
            list(RegistrationCounter.objects.select_for_update().filter(body=body))
            calendar = calendar_for(body)
            town = read_town(body, languages, village)
            plans = plan_history(
                town, wanted, as_of=as_of, seed=seed, calendar=calendar, policy=policy_for(body)
            )
            planned = plan_rows(body, plans, calendar=calendar)
            if planned.errors:  # a bug in the generator: refuse rather than store half
                raise RuntimeError(f"demo history of {code}: {planned.errors[:3]}")
            added[code] = len(save_rows(body, planned))
    return HistoryReport(added, present, time.perf_counter() - started)
