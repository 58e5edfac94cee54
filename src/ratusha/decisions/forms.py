"""Forms of the register of decisions: the draft, the revocation, the search."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusha.bodies.models import Body, Official
from ratusha.decisions.access import officials_of
from ratusha.decisions.actions import DecisionInput
from ratusha.decisions.choices import DecisionStatus
from ratusha.decisions.models import Decision

_NUMBERS = re.compile(r"[\s,;]+")


class DecisionForm(forms.Form):
    """A draft decision; on errors the page shows it again with what was typed."""

    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to take the next free number of the year."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    decided_on = forms.DateField(
        label=_("Date of the decision"), widget=forms.DateInput(attrs={"type": "date"})
    )
    organ = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        help_text=_("The organ that decided, e.g. the executive committee or the council."),
    )
    official = forms.ModelChoiceField(
        label=_("Signed by"), queryset=Official.objects.none(), required=False
    )
    grounds = forms.CharField(
        label=_("Legal grounds"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The laws and regulations the decision rests on."),
    )
    text = forms.CharField(
        label=_("Text of the decision"), widget=forms.Textarea(attrs={"rows": 10})
    )
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    votes_abstained = forms.IntegerField(
        label=_("Abstained"),
        min_value=0,
        required=False,
        help_text=_("Leave all three vote fields empty when there was no vote."),
    )
    attachments = forms.CharField(
        label=_("Attachments"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One file a line: its SHA-256 (64 hex digits), a space, its name."),
    )
    related_appeals = forms.CharField(
        label=_("Related appeals"),
        required=False,
        help_text=_("Registration numbers, separated by commas or spaces."),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials_of(body)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        votes = [data.get(name) for name in ("votes_for", "votes_against", "votes_abstained")]
        if any(v is not None for v in votes) and any(v is None for v in votes):
            self.add_error("votes_for", _("Give all three vote counts, or none."))
        rows = []
        for line in (data.get("attachments") or "").splitlines():
            if line.strip():
                digest, _space, name = line.strip().partition(" ")
                rows.append((name.strip(), digest.lower()))
        data["attachment_rows"] = tuple(rows)
        return data

    def to_input(self) -> DecisionInput:
        """Give the typed values as the actions' input."""
        data = self.cleaned_data
        votes = (data["votes_for"], data["votes_against"], data["votes_abstained"])
        numbers = tuple(n for n in _NUMBERS.split(data.get("related_appeals") or "") if n)
        return DecisionInput(
            title=data["title"],
            text=data["text"],
            decided_on=data["decided_on"],
            organ=data["organ"],
            grounds=data["grounds"],
            official=data.get("official"),
            number=data.get("number"),
            votes=None if votes[0] is None else votes,
            attachments=data["attachment_rows"],
            related_appeals=tuple(dict.fromkeys(numbers)),
        )


def initial_of(decision: Decision) -> dict[str, Any]:
    """Give a draft's values for the edit form."""
    return {
        "number": decision.number,
        "title": decision.title,
        "decided_on": decision.decided_on,
        "organ": decision.organ,
        "official": decision.official_id,
        "grounds": decision.grounds,
        "text": decision.text,
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "votes_abstained": decision.votes_abstained,
        "attachments": "\n".join(f"{a['sha256']} {a['name']}" for a in decision.attachments),
        "related_appeals": ", ".join(
            decision.related_appeals.order_by("number").values_list("number", flat=True)
        ),
    }


class RevokeForm(forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of the revocation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The revocation is signed and published; the decision stays in the register."),
    )
    confirm = forms.BooleanField(
        label=_("I confirm that this decision is revoked from now on."), required=True
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class StaffSearchForm(SearchForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *DecisionStatus.choices],
    )
