"""Generated reports: one stored file per body, scope, period, language and format."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ratusha.reports.choices import ReportFormat, ReportKind, ReportScope


def report_path(instance: Any, filename: str) -> str:
    """Store each file under an unguessable name; the download gives it a readable one."""
    return f"reports/{instance.body.code}/{uuid.uuid4().hex}.{instance.format}"


class Report(models.Model):
    """A periodic analysis of a body's appeals, rendered once and kept with its SHA-256."""

    body = models.ForeignKey(
        "bodies.Body", models.PROTECT, related_name="reports", verbose_name=_("body")
    )
    scope = models.CharField(
        _("scope"), max_length=10, choices=ReportScope.choices, default=ReportScope.BODY
    )
    kind = models.CharField(_("period"), max_length=10, choices=ReportKind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until (not included)"))
    language = models.CharField(_("language"), max_length=8)
    format = models.CharField(_("format"), max_length=8, choices=ReportFormat.choices)
    file = models.FileField(upload_to=report_path, max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField(_("size"))
    generated_at = models.DateTimeField(_("generated"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_start", "body__path", "kind", "scope", "language", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "scope", "kind", "period_start", "language", "format"],
                name="report_once_per_period",
            ),
        ]
        indexes = [models.Index(fields=["body", "-period_start"], name="report_body_recent")]

    def __str__(self) -> str:
        return f"{self.body.code} {self.kind} {self.period_start:%Y-%m} {self.language}"

    @property
    def period_label(self) -> str:
        from ratusha.reports.periods import period_containing

        return period_containing(self.kind, self.period_start).label

    @property
    def download_name(self) -> str:
        """Give the file name a person sees: ZAR-2026-10-body-be.pdf."""
        return f"{self.body.code}-{self.period_label}-{self.scope}-{self.language}.{self.format}"
