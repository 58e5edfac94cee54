"""The dashboard's filters: body, district, department, category, channel and period."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ratusha.analytics.access import AnalyticsReach, visible_bodies
from ratusha.analytics.figures import Scope
from ratusha.appeals.choices import Channel
from ratusha.bodies.choices import BodyKind
from ratusha.bodies.models import Category, Department

MAX_DAYS = 3 * 366  # a longer period would mean a slow page and an unreadable chart


def default_period(today: date | None = None) -> tuple[date, date]:
    """Give the default period: the current month and the eleven before it."""
    day = today or timezone.localdate()
    start = day.replace(day=1)
    for _month in range(11):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, day


class DashboardFilters(forms.Form):
    """Narrow every figure of the dashboard; empty fields mean "all"."""

    body = forms.TypedChoiceField(label=_("Body"), required=False, coerce=int, empty_value=None)
    district = forms.TypedChoiceField(
        label=_("District"), required=False, coerce=int, empty_value=None
    )
    department = forms.TypedChoiceField(
        label=_("Department"), required=False, coerce=int, empty_value=None
    )
    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data: Any, reach: AnalyticsReach, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.reach = reach
        bodies = list(visible_bodies(reach).filter(is_active=True))
        body_ids = [b.pk for b in bodies]
        everyone = [("", _("All"))]
        self.fields["body"].choices = everyone + [(b.pk, str(b)) for b in bodies]
        self.fields["district"].choices = everyone + [
            (b.pk, str(b)) for b in bodies if b.kind == BodyKind.DISTRICT
        ]
        departments = Department.objects.filter(body_id__in=body_ids, is_active=True)
        if not reach.everything:
            allowed = [d for _b, d in reach.departments]
            departments = departments.filter(body_id__in=reach.whole_bodies) | departments.filter(
                pk__in=allowed
            )
        self.fields["department"].choices = everyone + [
            (d.pk, f"{d.body.code} · {d}")
            for d in departments.select_related("body").order_by("body__path", "code")
        ]
        categories = Category.objects.filter(body_id__in=body_ids).select_related("body")
        self.fields["category"].choices = everyone + [
            (c.pk, f"{c.body.code} · {c}") for c in categories.order_by("body__path", "code")
        ]
        self.fields["channel"].choices = everyone + list(Channel.choices)

    def options(self) -> dict[str, SafeString]:
        """Give the <option> elements of each list, the chosen one selected.

        Written in one go: Django's widget renders a template per option, which takes a
        noticeable part of the page with some hundred categories.
        """
        found = {}
        for name, field in self.fields.items():
            if not isinstance(field, forms.ChoiceField):
                continue
            chosen = str(self[name].value() or "")
            found[name] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, mark_safe(" selected") if str(value) == chosen else "", label)
                    for value, label in field.choices
                ),
            )
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = default_period()
        start, end = cleaned.get("start") or first, cleaned.get("end") or last
        if start > end:
            self.add_error("end", _("The end of the period must not be before its start."))
        elif (end - start).days > MAX_DAYS:
            self.add_error("start", _("Choose a period of at most three years."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def scope(self) -> Scope:
        """Give the scope the filters describe, within the person's reach.

        An officer sees their own departments only. Someone who sees some bodies whole
        and only departments of others sees the whole bodies until they pick another.
        """
        data = self.cleaned_data if self.is_valid() else self._fallback()
        reach = self.reach
        body_ids: tuple[int, ...] = (data["body"],) if data.get("body") else ()
        departments: tuple[int, ...] = (data["department"],) if data.get("department") else ()
        if not reach.everything:
            if not body_ids:
                whole = reach.whole_bodies
                body_ids = tuple(sorted(whole or reach.body_ids()))
            if not departments:
                limits = [reach.departments_in(pk) for pk in body_ids]
                departments = tuple(d for found in limits if found for d in found)
        return Scope(
            start=data["start"],
            end=data["end"],
            body_ids=body_ids,
            department_ids=departments,
            category_ids=(data["category"],) if data.get("category") else (),
            channel=data.get("channel") or "",
            district_id=data.get("district"),
        )

    def _fallback(self) -> dict[str, Any]:
        first, last = default_period()
        return {"start": first, "end": last}
