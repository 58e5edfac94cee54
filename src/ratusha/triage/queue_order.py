"""Orders of the triage queue (oldest, most confident suggestion, or most urgent first), and
its filter by the department the AI suggests first.

The confidence is the probability of the suggested department, the first pair of
``TriageResult.departments``; it is read from the JSON in the query (the queue holds the
appeals of one body still without a department, so no index is needed). Appeals not yet
triaged, or with no department suggested, come last in the confident order.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

OLDEST = "oldest"
CONFIDENT = "confident"
URGENT = "urgent"

ORDERS = (
    (OLDEST, _("Oldest first")),
    (CONFIDENT, _("Most confident suggestion first")),
    (URGENT, _("Most urgent first")),
)


def order_of(value: str | None) -> str:
    """Give the order asked for, or the default (oldest first) for anything unknown."""
    return value if value in {key for key, _label in ORDERS} else OLDEST


def ordered_queue(queryset: models.QuerySet[Any], order: str) -> models.QuerySet[Any]:
    """Give the queue in the order; ties keep the registration order."""
    oldest = ("registered_at", "pk")
    if order == CONFIDENT:
        top = KeyTransform("0", "triage_result__departments")
        confidence = Cast(KeyTextTransform("1", top), models.FloatField())
        return queryset.annotate(suggestion_confidence=confidence).order_by(
            models.F("suggestion_confidence").desc(nulls_last=True), *oldest
        )
    if order == URGENT:
        return queryset.order_by(
            models.F("triage_result__urgency_rank").desc(nulls_last=True), *oldest
        )
    return queryset.order_by(*oldest)


NONE_SUGGESTED = "none"


def suggested_filter(value: str | None, departments: set[int]) -> str:
    """Give the filter asked for: a department of the body, "none", or "" for any."""
    if value == NONE_SUGGESTED or (value and value.isdigit() and int(value) in departments):
        return value
    return ""


def suggested_in(queryset: models.QuerySet[Any], chosen: str) -> models.QuerySet[Any]:
    """Keep the appeals whose first suggested department is ``chosen`` (or none, or any)."""
    if not chosen:
        return queryset
    first = KeyTransform("0", "triage_result__departments")
    department = Cast(KeyTextTransform("0", first), models.IntegerField())
    found = queryset.annotate(suggested_department=department)
    if chosen == NONE_SUGGESTED:
        return found.filter(suggested_department__isnull=True)
    return found.filter(suggested_department=int(chosen))
