"""Permission-scoped reads of triage data: results, labels, officers' word on duplicates,
assistant uses and their reports."""

from __future__ import annotations

from typing import Any

from django.db import models

from ratusha.accounts.permissions import grants_of
from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Appeal
from ratusha.appeals.selectors import may_see_body_wide
from ratusha.bodies.models import Body
from ratusha.triage.models import AssistantUse, NotDuplicate, TriageLabel, TriageResult
from ratusha.triage.not_duplicates import standing
from ratusha_core.permissions import Role


def may_see_accuracy(user: Any, body: Body) -> bool:
    """Tell whether the user may read the body's accuracy report.

    Clerks, administrators and auditors of the body, and heads of its departments, who
    can also see at least one of its appeals.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    head = any(g.role is Role.DEPARTMENT_HEAD and g.body_id == body.pk for g in grants_of(user))
    if not (head or may_see_body_wide(user, body)):
        return False
    return appeals_for(user).filter(body=body).exists()


def labels_of(user: Any, body: Body) -> models.QuerySet[TriageLabel]:
    """Give the officers' labels of the body's appeals the user may see."""
    visible = appeals_for(user).filter(body=body).values("pk")
    return TriageLabel.objects.filter(body=body, appeal_id__in=visible)


def results_of(user: Any, appeal_ids: list[int]) -> dict[int, TriageResult]:
    """Give the triage results of the appeals the user may see, by appeal id."""
    visible = appeals_for(user).filter(pk__in=appeal_ids).values("pk")
    return {r.appeal_id: r for r in TriageResult.objects.filter(appeal_id__in=visible)}


def may_see_assistant_use(user: Any, body: Body) -> bool:
    """Tell whether the user may read the body's figures of assistant use.

    The same people as the accuracy report: both tell how staff work with the AI.
    """
    return may_see_accuracy(user, body)


def assistant_uses_of(user: Any, body: Body) -> models.QuerySet[AssistantUse]:
    """Give the uses of the assistant recorded in the body that the user may count.

    Clerks, administrators and auditors of the body count all of them, including uses on
    appeals since forwarded to another body (the row keeps the body where it was asked,
    and holds figures, never texts). A department head counts those on appeals they may
    see now.
    """
    uses = AssistantUse.objects.filter(body=body)
    if may_see_body_wide(user, body):
        return uses
    return uses.filter(appeal_id__in=appeals_for(user).values("pk"))


def assistant_uses_on(user: Any, appeal: Appeal) -> models.QuerySet[AssistantUse]:
    """Give the uses of the assistant on one appeal, oldest first, if the user may see it."""
    visible = appeals_for(user).filter(pk=appeal.pk).values("pk")
    return (
        AssistantUse.objects.filter(appeal_id__in=visible)
        .select_related("actor")
        .order_by("at", "pk")
    )


def not_duplicates_on(user: Any, appeal_ids: list[int]) -> list[NotDuplicate]:
    """Give the standing words that appeals are not duplicates, on any of these appeals.

    Only pairs whose two appeals the user may both see are given, newest first, with the
    appeals and who gave the word.
    """
    visible = appeals_for(user).values("pk")
    touching = models.Q(first_id__in=appeal_ids) | models.Q(second_id__in=appeal_ids)
    rows = (
        standing()
        .filter(touching, first_id__in=visible, second_id__in=visible)
        .select_related("first", "second", "by")
        .order_by("-at", "-pk")
    )
    return list(rows[:100])
