"""The form of a body's duplicate threshold, shown on the models page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusha.bodies.models import Body

LOWEST, HIGHEST = Decimal("0.30"), Decimal("0.90")


class ScoreField(forms.DecimalField):
    """A score with two decimals, written with a point or a comma (0.55 or 0,55)."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class DuplicatePolicyForm(forms.Form):
    min_score = ScoreField(
        label=_("Score needed to link two appeals, from 0.30 to 0.90"),
        min_value=LOWEST,
        max_value=HIGHEST,
        max_digits=3,
        decimal_places=2,
        help_text=_(
            "Triage links two appeals as likely duplicates when their score (the comparison "
            "page shows how it is reached) is at least this. Write it with two decimals, for "
            "example 0.60. Higher: fewer links, and fewer wrong ones, but more duplicates "
            "missed. Raising it takes effect at once: weaker stored links leave the clusters. "
            "Lowering it affects only appeals triaged from then on, because weaker pairs "
            "were never stored."
        ),
    )

    @classmethod
    def of(cls, body: Body) -> DuplicatePolicyForm:
        """Give the form filled with the body's present threshold."""
        present = Decimal(str(body.duplicate_min_score)).quantize(Decimal("0.01"))
        return cls(initial={"min_score": present}, auto_id="duplicate-%s")
