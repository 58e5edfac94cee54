"""The appeals behind each figure: the list a figure on the staff dashboard links to.

The lists count exactly what the rollups count (see ``rollups.py``): appeals registered
in the period, on local days of each body's time zone, narrowed by the figure.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from ratusha.analytics.access import appeals_of_scope
from ratusha.analytics.figures import REPEAT_WINDOW_DAYS, Scope, body_ids_of
from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.appeals.selectors import RUNNING, local_today
from ratusha.bodies.models import Body
from ratusha.triage.models import TriageLabel

FIGURES = {
    "received": _("Appeals received"),
    "answered": _("Answered"),
    "on_time": _("Answered on time"),
    "late": _("Answered late"),
    "overdue": _("Overdue now"),
    "left_without_consideration": _("Left without consideration"),
    "forwarded": _("Forwarded to another body"),
    "repeated": _("Repeated appeals"),
    "rated": _("Rated answers"),
    "triage_reviewed": _("Triage suggestions checked by officers"),
    "triage_overridden": _("Triage suggestions overridden by officers"),
}


def appeals_behind(user: Any, scope: Scope, figure: str, score: int | None = None) -> Any:
    """Give the appeals the user may see that make up one figure of the scope."""
    body_ids = body_ids_of(scope)
    appeals = appeals_of_scope(user, scope, body_ids)
    zones = _zones(body_ids)
    if figure == "overdue":  # live, whatever the period
        return _per_zone(appeals, zones, _overdue)
    appeals = _per_zone(appeals, zones, lambda qs, zone: _registered_in(qs, zone, scope))
    if figure == "answered":
        return appeals.filter(answered_at__isnull=False)
    if figure in ("on_time", "late"):
        return _per_zone(appeals, zones, lambda qs, zone: _timeliness(qs, zone, figure))
    if figure == "left_without_consideration":
        return appeals.filter(state=State.LEFT_WITHOUT_CONSIDERATION)
    if figure == "forwarded":
        return appeals.filter(state=State.FORWARDED)
    if figure == "repeated":
        return appeals.filter(_repeated())
    if figure == "rated":
        rated = appeals.filter(rating__isnull=False)
        return rated.filter(rating__score=score) if score else rated
    if figure == "triage_reviewed":
        return appeals.filter(Exists(TriageLabel.objects.filter(appeal=OuterRef("pk"))))
    if figure == "triage_overridden":
        labels = TriageLabel.objects.filter(appeal=OuterRef("pk"), accepted=False)
        return appeals.filter(Exists(labels))
    return appeals


def _zones(body_ids: list[int] | None) -> dict[str, list[int]]:
    bodies = Body.objects.all() if body_ids is None else Body.objects.filter(pk__in=body_ids)
    zones: dict[str, list[int]] = defaultdict(list)
    for pk, zone in bodies.values_list("pk", "time_zone"):
        zones[zone].append(pk)
    return zones


def _per_zone(appeals: Any, zones: dict[str, list[int]], narrow: Any) -> Any:
    """Narrow the appeals of each time zone's bodies by local days, and join the parts."""
    if len(zones) == 1:
        return narrow(appeals, next(iter(zones)))
    wanted = Q(pk__in=[])
    for zone, ids in zones.items():
        part = narrow(appeals.filter(body_id__in=ids), zone).values("pk")
        wanted |= Q(pk__in=part)
    return appeals.filter(wanted)


def _registered_in(appeals: Any, zone: str, scope: Scope) -> Any:
    tz = ZoneInfo(zone)
    start = datetime.combine(scope.start, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(scope.end + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    return appeals.filter(registered_at__gte=start, registered_at__lt=end)


def _overdue(appeals: Any, zone: str) -> Any:
    return appeals.filter(state__in=RUNNING, due_date__lt=local_today(zone))


def _timeliness(appeals: Any, zone: str, figure: str) -> Any:
    answered = appeals.filter(answered_at__isnull=False).annotate(
        answered_day=TruncDate("answered_at", tzinfo=ZoneInfo(zone))
    )
    in_time = Q(due_date__isnull=True) | Q(answered_day__lte=F("due_date"))
    return answered.filter(in_time) if figure == "on_time" else answered.exclude(in_time)


def _repeated() -> Q:
    """Match an earlier appeal of the same applicant, body and category in the window."""
    earlier = Appeal.objects.filter(
        body_id=OuterRef("body_id"),
        category_id=OuterRef("category_id"),
        registered_at__lt=OuterRef("registered_at"),
        registered_at__gte=OuterRef("registered_at") - timedelta(days=REPEAT_WINDOW_DAYS),
    )
    by_account = Exists(earlier.filter(citizen_id=OuterRef("citizen_id")))
    by_email = Exists(
        earlier.filter(citizen_id__isnull=True)
        .exclude(applicant_email="")
        .filter(applicant_email=OuterRef("applicant_email"))
    )
    return Q(category_id__isnull=False) & (
        (Q(citizen_id__isnull=False) & by_account)
        | (Q(citizen_id__isnull=True) & ~Q(applicant_email="") & by_email)
    )


def listing(appeals: Any) -> models.QuerySet[Appeal]:
    """Give the list of appeals newest first, with what the table shows."""
    return (
        appeals.select_related("body", "category", "department")
        .defer("text", "processing_error")
        .order_by("-registered_at", "-pk")
    )
