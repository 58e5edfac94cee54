"""Build a report's content (:class:`ReportData`) for a body, a scope, a period, a language."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body, Category, Department
from ratusha.reports import hotspots, outlook, sections
from ratusha.reports.choices import ReportKind, ReportScope
from ratusha.reports.data import ReportData, Section
from ratusha.reports.measures import read_period, totals
from ratusha.reports.periods import Period


def appeals_in_scope(body: Body, scope: str) -> QuerySet[Appeal]:
    """Give the body's appeals, or for a council report those of its whole subtree."""
    if scope == ReportScope.COUNCIL:
        return Appeal.objects.filter(body__path__startswith=body.path)
    return Appeal.objects.filter(body=body)


def _bodies(body: Body, scope: str) -> QuerySet[Body]:
    return body.subtree() if scope == ReportScope.COUNCIL else Body.objects.filter(pk=body.pk)


def _title(body: Body, period: Period, scope: str) -> str:
    if period.kind == ReportKind.QUARTERLY:
        text = _("Quarterly report on appeals")
    else:
        text = _("Monthly report on appeals")
    if scope == ReportScope.COUNCIL:
        text = _("%(title)s, with the bodies below") % {"title": text}
    return text


def build_report(
    body: Body, scope: str, period: Period, language: str, now: datetime | None = None
) -> ReportData:
    """Read the appeals and give the report's sections, translated into ``language``."""
    moment = now or timezone.now()
    appeals = appeals_in_scope(body, scope)
    start, end = period.bounds(body.time_zone)
    earlier = period.previous()
    before_start, before_end = earlier.bounds(body.time_zone)
    current = read_period(appeals, start, end, moment)
    before = read_period(appeals, before_start, before_end, moment)
    bodies = _bodies(body, scope)
    with translation.override(language):
        categories = {c.pk: str(c) for c in Category.objects.filter(body__in=bodies)}
        departments = {d.pk: str(d) for d in Department.objects.filter(body__in=bodies)}
        body_names = {b.pk: str(b) for b in bodies}
        names = {"category": categories, "department": departments}
        now_totals, before_totals = totals(current), totals(before)
        performance = [
            sections.performance(
                current, departments, "department_id", "departments", _("Per department")
            )
        ]
        if scope == ReportScope.COUNCIL:
            performance.append(
                sections.performance(current, body_names, "body_id", "bodies", _("Per body"))
            )
        parts: list[Section] = [
            sections.summary(now_totals, before_totals),
            sections.volume(current, period.start, period.end, period.kind == ReportKind.QUARTERLY),
            sections.problems(current, before, categories),
            sections.deadlines(current, tuple(performance)),
            sections.satisfaction(now_totals),
            hotspots.hotspots(bodies, appeals, current, before, categories),
            outlook.forecast(body, scope, appeals, end, moment),
            outlook.notable(current, names),
        ]
        return ReportData(
            title=_title(body, period, scope),
            body_code=body.code,
            body_name=str(body),
            scope_label=str(ReportScope(scope).label),
            period_label=period.label,
            period_start=period.start,
            period_last_day=period.last_day,
            language=language,
            generated_at=moment,
            sections=tuple(parts),
        )
