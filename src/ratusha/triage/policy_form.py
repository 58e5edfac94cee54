"""The form of a body's triage routing policy, shown on the models page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusha.bodies.models import Body


class RoutingPolicyForm(forms.Form):
    auto_route = forms.BooleanField(
        label=_("Route appeals automatically when the AI is sure enough"),
        required=False,
        help_text=_("Off: every suggestion waits for a clerk in the triage queue."),
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

    @classmethod
    def of(cls, body: Body) -> RoutingPolicyForm:
        """Give the form filled with the body's present policy."""
        initial = {
            "auto_route": body.auto_route,
            "precision_percent": round(100 * body.auto_route_precision),
        }
        return cls(initial=initial, auto_id="policy-%s")
