"""Demo reports: this month's and last month's report of the town (ZAR) in Belarusian."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ratusha.bodies.models import Body
from ratusha.reports.actions import do_generate_report
from ratusha.reports.choices import ReportFormat, ReportKind, ReportScope
from ratusha.reports.models import Report
from ratusha.reports.periods import period_containing

DEMO_BODY, DEMO_LANGUAGE = "ZAR", "be"
FORMATS = (ReportFormat.PDF, ReportFormat.XLSX)


def seed_demo(now: datetime) -> None:
    """Generate the missing demo reports (idempotent: existing files are kept)."""
    body = Body.objects.filter(code=DEMO_BODY).first()
    if body is None:
        return
    this_month = period_containing(ReportKind.MONTHLY, now.astimezone(ZoneInfo(body.time_zone)))
    for period in (this_month, this_month.previous()):
        have = set(
            Report.objects.filter(
                body=body,
                scope=ReportScope.BODY,
                kind=period.kind,
                period_start=period.start,
                language=DEMO_LANGUAGE,
            ).values_list("format", flat=True)
        )
        missing = [f for f in FORMATS if f not in have]
        if missing:
            do_generate_report(body, ReportScope.BODY, period, DEMO_LANGUAGE, missing, now=now)
