"""Background generation of reports: on demand, and the scheduled ones that are due.

``generate_due_reports`` is safe to run as often as wanted: it makes only the reports of
the last complete month and quarter that are still missing (run it daily).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from ratusha.bodies.models import Body
from ratusha.reports.actions import do_generate_due_reports, do_generate_report
from ratusha.reports.periods import parse_period


@task()
def generate_report(
    body_id: int,
    scope: str,
    period: str,
    language: str,
    formats: list[str],
    requested_by_id: int | None = None,
) -> list[int]:
    """Generate one ordered report in the given formats; give the ids of the stored files."""
    body = Body.objects.get(pk=body_id)
    user = get_user_model().objects.filter(pk=requested_by_id).first() if requested_by_id else None
    reports = do_generate_report(
        body, scope, parse_period(period), language, formats, requested_by=user
    )
    return [report.pk for report in reports]


@task()
def generate_due_reports() -> int:
    """Generate the monthly and quarterly reports that are due and missing; give how many."""
    return len(do_generate_due_reports())
