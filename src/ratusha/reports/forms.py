"""Forms of the reports app: ordering a report, and filtering the list."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ratusha.bodies.models import Body
from ratusha.reports.choices import ReportFormat, ReportKind, ReportScope
from ratusha.reports.periods import Period, period_containing

MONTHS_BACK, QUARTERS_BACK = 24, 8


def recent_periods(kind: ReportKind, today: date, count: int) -> list[Period]:
    """Give the current period of the kind and the ones before it, newest first."""
    found = [period_containing(kind, today)]
    while len(found) < count:
        found.append(found[-1].previous())
    return found


def _period_name(period: Period) -> str:
    if period.kind == ReportKind.QUARTERLY:
        first = formats.date_format(period.start, "YEAR_MONTH_FORMAT")
        last = formats.date_format(period.last_day, "YEAR_MONTH_FORMAT")
        return f"{period.label} ({first} – {last})"
    return str(formats.date_format(period.start, "YEAR_MONTH_FORMAT")).capitalize()


def period_choices(today: date) -> list[tuple[str, list[tuple[str, str]]]]:
    """Give the months and quarters to choose from, grouped by kind."""
    return [
        (
            str(_("Months")),
            [
                (p.label, _period_name(p))
                for p in recent_periods(ReportKind.MONTHLY, today, MONTHS_BACK)
            ],
        ),
        (
            str(_("Quarters")),
            [
                (p.label, _period_name(p))
                for p in recent_periods(ReportKind.QUARTERLY, today, QUARTERS_BACK)
            ],
        ),
    ]


class OrderReportForm(forms.Form):
    """Order a report on demand: which body, period, scope, language and formats."""

    body = forms.ModelChoiceField(queryset=Body.objects.none(), label=_("Body"))
    period = forms.ChoiceField(
        label=_("Period"), help_text=_("A month gives a monthly report, a quarter a quarterly one.")
    )
    scope = forms.ChoiceField(
        label=_("Covers"), choices=ReportScope.choices, initial=ReportScope.BODY
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)
    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=ReportFormat.choices,
        initial=[ReportFormat.PDF, ReportFormat.XLSX],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, bodies: QuerySet[Body], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        choices = period_choices(today)
        self.fields["period"].choices = choices  # type: ignore[attr-defined]
        self.fields["period"].initial = choices[0][1][1][0]  # last month
        if bodies.count() == 1:
            self.fields["body"].initial = bodies.first()


class ReportFilterForm(forms.Form):
    """Filter the list of reports."""

    body = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, label=_("Body"), empty_label=_("All")
    )
    kind = forms.ChoiceField(
        required=False, label=_("Period"), choices=[("", _("All")), *ReportKind.choices]
    )
    language = forms.ChoiceField(
        required=False, label=_("Language"), choices=[("", _("All")), *settings.LANGUAGES]
    )
    year = forms.IntegerField(required=False, label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, bodies: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]

    def apply(self, reports: QuerySet[Any]) -> QuerySet[Any]:
        """Give the reports that match the chosen filters (all when the form is invalid)."""
        if not self.is_valid():
            return reports
        data = self.cleaned_data
        if data.get("body"):
            reports = reports.filter(body=data["body"])
        if data.get("kind"):
            reports = reports.filter(kind=data["kind"])
        if data.get("language"):
            reports = reports.filter(language=data["language"])
        if data.get("year"):
            reports = reports.filter(period_start__year=data["year"])
        return reports
