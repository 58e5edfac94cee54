"""Enumerations of the reports app: kinds of period, scopes and file formats."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class ReportScope(models.TextChoices):
    BODY = "body", _("This body only")
    COUNCIL = "council", _("The body and every body below it")


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF document")
    XLSX = "xlsx", _("Spreadsheet (XLSX)")


CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
