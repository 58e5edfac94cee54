"""The form of a body's triage routing policy, shown on the models page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusha.bodies.models import Body, Department


class RoutingPolicyForm(forms.Form):
    auto_route = forms.BooleanField(
        label=_("Route appeals automatically when the AI is sure enough"),
        required=False,
        help_text=_(
            "Untick it to have every suggestion wait for a clerk in the triage queue, however "
            "sure the AI is."
        ),
    )
    precision_percent = forms.IntegerField(
        label=_("Precision automatic routing must reach, %"),
        min_value=50,
        max_value=99,
        help_text=_(
            "Of the appeals routed automatically, the share that must reach the right "
            "department, checked on past appeals at each training. Higher: fewer appeals "
            "routed automatically and fewer mistakes. It applies to the next appeals triaged."
        ),
    )
    urgent_department = forms.ModelChoiceField(
        label=_("Department for urgent appeals the AI does not route"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("None: they wait in the triage queue like the others"),
        help_text=_(
            "An appeal flagged urgent or emergency (a smell of gas, no heating in frost) that "
            "the AI is not sure enough to route goes straight to this department, for example "
            "a duty dispatch service, and its head is told at once. This holds even with "
            "automatic routing off, but not for categories a clerk always decides."
        ),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "policy-%s")
        super().__init__(*args, **kwargs)
        active = Department.objects.filter(body=body, is_active=True).order_by("code")
        self.fields["urgent_department"].queryset = active  # type: ignore[attr-defined]

    @classmethod
    def of(cls, body: Body) -> RoutingPolicyForm:
        """Give the form filled with the body's present policy."""
        initial = {
            "auto_route": body.auto_route,
            "precision_percent": round(100 * body.auto_route_precision),
            "urgent_department": body.urgent_department_id,
        }
        return cls(initial=initial, body=body)
