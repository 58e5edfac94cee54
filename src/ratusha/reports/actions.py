"""Every write of the reports app: generate, store, and enter the file's hash in the ledger.

``do_generate_report`` builds the content once and writes each format from it. A report
generated again for the same body, scope, period, language and format replaces the
stored file; the ledger keeps every hash it was given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.bodies.models import Body
from ratusha.ledger.actions import append_on_commit
from ratusha.reports.access import may_order
from ratusha.reports.build import appeals_in_scope, build_report
from ratusha.reports.choices import ReportFormat, ReportKind, ReportScope
from ratusha.reports.models import Report
from ratusha.reports.periods import Period, last_complete, parse_period
from ratusha.reports.writers import write_pdf, write_xlsx

LEDGER_EVENT = "report.published"
WRITERS = {ReportFormat.PDF: write_pdf, ReportFormat.XLSX: write_xlsx}


class ReportRefused(ValueError):
    """An order for a report that cannot be taken; the message is for the person."""


@dataclass(frozen=True)
class ReportOrder:
    """A checked order: what to generate."""

    body: Body
    scope: str
    period: Period
    language: str
    formats: tuple[str, ...]


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _store(
    body: Body, scope: str, period: Period, language: str, fmt: str, content: bytes, **extra: Any
) -> Report:
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .filter(
                body=body,
                scope=scope,
                kind=period.kind,
                period_start=period.start,
                language=language,
                format=fmt,
            )
            .first()
        )
        old = report.file.name if report is not None and report.file else None
        report = report or Report(
            body=body, scope=scope, kind=period.kind, period_start=period.start
        )
        report.period_end, report.language, report.format = period.end, language, fmt
        report.sha256, report.size = digest, len(content)
        report.generated_at = extra.get("now") or timezone.now()
        report.requested_by = extra.get("requested_by")
        report.file.save(f"{body.code}.{fmt}", ContentFile(content), save=False)
        report.save()
        storage = report.file.storage
        if old:
            transaction.on_commit(lambda: storage.delete(old), robust=True)
        append_on_commit(
            body,
            LEDGER_EVENT,
            {
                "report": period.kind,
                "scope": scope,
                "period": period.label,
                "language": language,
                "format": fmt,
                "sha256": digest,
                "size": len(content),
            },
            subject=f"{period.label}-{scope}-{language}-{fmt}",
        )
    return report


def do_generate_report(
    body: Body,
    scope: str,
    period: Period,
    language: str,
    formats: Iterable[str] = (ReportFormat.PDF, ReportFormat.XLSX),
    *,
    requested_by: Any = None,
    now: datetime | None = None,
) -> list[Report]:
    """Generate, store and announce the report in each format; give the stored reports."""
    moment = now or timezone.now()
    data = build_report(body, scope, period, language, moment)
    stored = []
    for fmt in formats:
        content = WRITERS[ReportFormat(fmt)](data)
        stored.append(
            _store(
                body, scope, period, language, fmt, content, now=moment, requested_by=requested_by
            )
        )
    return stored


def check_report_order(
    user: Any,
    body: Body,
    scope: str,
    period_text: str,
    language: str,
    formats: Iterable[str],
    now: datetime | None = None,
) -> ReportOrder:
    """Check that the person may order this report and that it can be made."""
    if not may_order(user, body):
        raise ReportRefused(_("You may not order reports about this body."))
    try:
        period = parse_period(period_text)
    except ValueError:
        raise ReportRefused(_("Choose a month or a quarter.")) from None
    today = (now or timezone.now()).astimezone(ZoneInfo(body.time_zone)).date()
    if period.start > today:
        raise ReportRefused(_("A report can only cover a period that has begun."))
    if scope not in ReportScope.values:
        raise ReportRefused(_("Choose what the report covers."))
    if language not in languages():
        raise ReportRefused(_("Choose a language of the report."))
    chosen = tuple(dict.fromkeys(formats))
    if not chosen or any(f not in ReportFormat.values for f in chosen):
        raise ReportRefused(_("Choose at least one format."))
    return ReportOrder(body, scope, period, language, chosen)


def due_reports(now: datetime) -> list[tuple[Body, str, Period, str, str]]:
    """Give the scheduled reports that are due and missing: last month's and last quarter's.

    Every active body with appeals gets its own report; a body with bodies below it also
    gets the council report. Each in every language of the site and both formats.
    """
    wanted = []
    for body in Body.objects.filter(is_active=True).order_by("path"):
        scopes = [ReportScope.BODY]
        if Body.objects.filter(parent=body).exists():
            scopes.append(ReportScope.COUNCIL)
        today = now.astimezone(ZoneInfo(body.time_zone)).date()
        for kind in (ReportKind.MONTHLY, ReportKind.QUARTERLY):
            period = last_complete(kind, today)
            for scope in scopes:
                if not _has_appeals(body, scope, period):
                    continue
                have = set(
                    Report.objects.filter(
                        body=body, scope=scope, kind=kind, period_start=period.start
                    ).values_list("language", "format")
                )
                for language in languages():
                    for fmt in ReportFormat.values:
                        if (language, fmt) not in have:
                            wanted.append((body, str(scope), period, language, fmt))
    return wanted


def _has_appeals(body: Body, scope: str, period: Period) -> bool:
    _start, end = period.bounds(body.time_zone)
    appeals: Any = appeals_in_scope(body, scope)
    return bool(appeals.filter(registered_at__lt=end).exists())


def do_generate_due_reports(now: datetime | None = None) -> list[Report]:
    """Generate every scheduled report that is due and missing; give what was made."""
    moment = now or timezone.now()
    made: list[Report] = []
    groups: dict[tuple[int, str, Period, str], list[str]] = {}
    bodies: dict[int, Body] = {}
    for body, scope, period, language, fmt in due_reports(moment):
        bodies[body.pk] = body
        groups.setdefault((body.pk, scope, period, language), []).append(fmt)
    for (body_id, scope, period, language), formats in groups.items():
        made += do_generate_report(bodies[body_id], scope, period, language, formats, now=moment)
    return made
