"""The accuracy report: how often officers overrode the AI's suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from ratusha.bodies.models import Body
from ratusha.triage.models import TriageLabel, TriageModel


@dataclass(frozen=True)
class Line:
    """One row of the report: what it counts, how many labels, how many overrides."""

    name: str
    labels: int
    overrides: int

    @property
    def override_percent(self) -> int:
        return round(100 * self.overrides / self.labels) if self.labels else 0


def _counts(labels: QuerySet[TriageLabel]) -> Any:
    return labels.aggregate(n=Count("pk"), over=Count("pk", filter=Q(accepted=False)))


def total(labels: QuerySet[TriageLabel]) -> Line:
    counts = _counts(labels)
    return Line(_("All"), counts["n"], counts["over"])


def by_month(labels: QuerySet[TriageLabel]) -> list[Line]:
    """Give one line per month, newest first."""
    rows = (
        labels.annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(n=Count("pk"), over=Count("pk", filter=Q(accepted=False)))
        .order_by("-month")
    )
    return [Line(row["month"].strftime("%Y-%m"), row["n"], row["over"]) for row in rows]


def by_category(labels: QuerySet[TriageLabel]) -> list[Line]:
    """Give one line per category of the appeal, most overridden first."""
    rows = (
        labels.values("appeal__category_id")
        .annotate(n=Count("pk"), over=Count("pk", filter=Q(accepted=False)))
        .order_by("-over", "appeal__category_id")
    )
    from ratusha.bodies.models import Category

    names = {
        c.pk: c.name
        for c in Category.objects.filter(pk__in=[r["appeal__category_id"] for r in rows])
    }
    return [
        Line(names.get(row["appeal__category_id"]) or _("No category"), row["n"], row["over"])
        for row in rows
    ]


def models_of(body: Body) -> list[TriageModel]:
    """Give the body's model versions, newest first, without their bytes."""
    return list(
        TriageModel.objects.filter(body=body).defer("classifier").order_by("target", "-version")
    )
