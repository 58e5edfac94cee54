"""Forms of the registry: clerk entry of paper and oral appeals, and the register's period."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusha.appeals.choices import CLERK_CHANNELS, ApplicantKind, Channel
from ratusha.appeals.forms_staff.widgets import DateInput, MultipleFileField, QuickSelect
from ratusha.appeals.phone_fields import PhoneConsentMixin
from ratusha.bodies.models import Category
from ratusha.collation import by_name


class ClerkEntryForm(PhoneConsentMixin, forms.Form):
    """A paper or oral appeal as the registry clerk types it in."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    channel = forms.ChoiceField(
        widget=QuickSelect,
        label=_("How the appeal arrived"),
        choices=[(c.value, c.label) for c in CLERK_CHANNELS],
    )
    applicant_kind = forms.ChoiceField(
        widget=QuickSelect,
        label=_("Applicant"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.INDIVIDUAL,
    )
    applicant_name = forms.CharField(
        label=_("Applicant's full name (or the representative's)"), max_length=255
    )
    organisation = forms.CharField(
        label=_("Organisation (for a legal entity)"), max_length=255, required=False
    )
    applicant_address = forms.CharField(label=_("Postal address"), max_length=255, required=False)
    answer_by_post = forms.BooleanField(
        label=_("The applicant asks for the answer on paper"),
        required=False,
        help_text=_(
            "The answer is then posted to the address above even when the applicant also "
            "gave an e-mail address. Without an e-mail address it is posted anyway."
        ),
    )
    applicant_email = forms.EmailField(label=_("E-mail"), required=False)
    applicant_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    sms_notices = forms.BooleanField(
        label=_("The applicant wants text messages about this appeal"),
        required=False,
        help_text=_(
            "Ask the applicant. A short message goes to the mobile phone above when the appeal "
            "is registered and when it has an answer: only its number and the tracking link."
        ),
    )
    co_applicants = forms.CharField(
        label=_("Other applicants (for a collective appeal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One person per line: name; postal address; e-mail (address and e-mail optional)."
        ),
    )
    text = forms.CharField(
        label=_("Text of the appeal"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    questions = forms.CharField(
        label=_("Questions raised"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line. Leave empty to use the summary of the text."),
    )
    category = forms.TypedChoiceField(
        widget=QuickSelect, label=_("Category"), required=False, coerce=int
    )
    address = forms.CharField(label=_("Address of the problem"), max_length=255, required=False)
    language = forms.ChoiceField(
        widget=QuickSelect,
        label=_("Language of the appeal"),
        choices=[("be", _("Belarusian")), ("ru", _("Russian")), ("en", _("English"))],
    )
    scans = MultipleFileField(
        label=_("Scan of the paper original"),
        required=False,
        help_text=_("Required for written appeals. PDF, JPEG, PNG or HEIC."),
    )
    files = MultipleFileField(
        label=_("Other attachments"),
        required=False,
        help_text=_("PDF, JPEG, PNG or HEIC."),
    )

    def __init__(self, *args: Any, categories: Iterable[Category], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Not chosen (triage decides)"))] + [  # type: ignore[attr-defined]
            (c.pk, c.name) for c in by_name(categories, lambda c: c.name)
        ]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
        self.offer_sms_notices()  # not offered where no text message is sent

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        channel = data.get("channel")
        if channel and Channel(channel).form.value == "written" and not data.get("scans"):
            self.add_error(
                "scans", _("A written appeal needs a scan of the paper original. Attach it.")
            )
        return data

    def clean_co_applicants(self) -> str:
        """Check each line: a name first, then at most an address and a valid e-mail."""
        from django.core.validators import validate_email

        text = self.cleaned_data.get("co_applicants") or ""
        problems = []
        for number, line in enumerate(text.splitlines(), start=1):
            parts = [p.strip() for p in line.split(";")]
            if not any(parts):
                continue
            if len(parts) > 3:
                problems.append(
                    _("Line %(n)d: give a name, an address and an e-mail, separated by “;”.")
                    % {"n": number}
                )
            elif not parts[0]:
                problems.append(_("Line %(n)d: the name comes first.") % {"n": number})
            elif len(parts) == 3 and parts[2]:
                try:
                    validate_email(parts[2])
                except forms.ValidationError:
                    problems.append(
                        _("Line %(n)d: %(email)s is not an e-mail address.")
                        % {"n": number, "email": parts[2]}
                    )
        if problems:
            raise forms.ValidationError(problems)
        return text

    def co_applicant_rows(self) -> list[dict[str, str]]:
        """Give the other applicants as name, address and e-mail."""
        people = []
        for line in (self.cleaned_data.get("co_applicants") or "").splitlines():
            parts = [p.strip() for p in line.split(";")]
            if parts and parts[0]:
                parts += ["", ""]
                people.append({"name": parts[0], "address": parts[1], "email": parts[2]})
        return people

    def question_lines(self) -> list[str]:
        return [
            q.strip() for q in (self.cleaned_data.get("questions") or "").splitlines() if q.strip()
        ]


class PeriodForm(forms.Form):
    """The period of the printable register (?from=YYYY-MM-DD&to=YYYY-MM-DD)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.DateField(label=_("From"), widget=DateInput())
        self.fields["to"] = forms.DateField(label=_("To"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("from"), data.get("to")
        if first and last and first > last:
            self.add_error("to", _("The end of the period is before its start."))
        return data
