"""Forms of the citizen's pages: the appeal, the rating, withdrawal and the complaint.

The forms check only the shape of what was typed; the rules (who must give what, which
files pass) live in the actions, whose field errors the views put next to the fields.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ratusha.accounts.models import User
from ratusha.appeals.actions import AppealInput
from ratusha.appeals.actions.registration import input_errors
from ratusha.appeals.choices import ApplicantKind, Channel
from ratusha.appeals.phone_fields import PhoneConsentMixin
from ratusha.bodies.models import Body, Category
from ratusha.collation import by_name

CO_APPLICANT_ROWS = 5
ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,.heic,application/pdf,image/jpeg,image/png,image/heic"
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

# AppealInvalid names the input's fields; a few are shown next to another form field.
ERROR_FIELDS = {"co_applicants": "co_name_1", "files": "attachments"}
# The action's checks that read other fields too: left out while one of those has an
# error of its own (an SMS without a valid phone is the phone's problem, not a second one).
DERIVED_FROM = {
    "sms_notices": ("applicant_phone",),
    "answer_by_post": ("applicant_address",),
    "applicant_email": ("applicant_address",),
    "organisation": ("applicant_kind",),
    "co_applicants": ("applicant_kind",),
    "latitude": ("longitude",),
}


def new_idempotency_key() -> str:
    """Give a fresh key for one rendering of the form (a retry sends the same key back)."""
    return secrets.token_urlsafe(24)


class TelInput(forms.TextInput):
    input_type = "tel"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


def files_help() -> str:
    """Give the help under a file field: how many files, how large, of which types."""
    return _(
        "Optional. Up to %(count)d files of at most %(mb)d MB each. "
        "Allowed types: PDF, JPEG, PNG and HEIC."
    ) % {
        "count": settings.RATUSHA_MAX_ATTACHMENTS,
        "mb": settings.RATUSHA_MAX_ATTACHMENT_BYTES // 2**20,
    }


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (none is fine)."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:  # type: ignore[type-arg]
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class CoordinateField(forms.FloatField):
    """A coordinate in decimal degrees; a decimal comma is accepted too."""

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        result = super().to_python(value)
        return None if result is None else round(result, 6)


def category_choices(categories: QuerySet[Category]) -> list[tuple[Any, Any]]:
    """Give the select's choices: "I don't know" first, sub-categories grouped by parent."""
    rows = list(categories)
    parents_with_children = {c.parent_id for c in rows if c.parent_id}
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    plain: list[tuple[str, str]] = []
    for category in by_name(rows, lambda c: c.name):
        if category.parent_id and category.parent is not None:
            _label, members = groups.setdefault(category.parent_id, (category.parent.name, []))
            members.append((str(category.pk), category.name))
        elif category.pk not in parents_with_children:
            plain.append((str(category.pk), category.name))
    choices: list[tuple[Any, Any]] = [("", _("I don't know (the body will choose)"))]
    choices.extend(plain)
    choices.extend(by_name(groups.values(), lambda group: group[0]))
    return choices


def _text(
    label: Any, *, autocomplete: str = "", kind: type[forms.Widget] = forms.TextInput, **field: Any
) -> forms.CharField:
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    field.setdefault("required", False)
    return forms.CharField(label=label, widget=kind(attrs=attrs), **field)


class AppealForm(PhoneConsentMixin, forms.Form):
    """The citizen's appeal to one body."""

    text = forms.CharField(
        label=_("Your appeal"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Describe the problem and what you ask the body to do. "
            "Each question you ask gets an answer on the merits."
        ),
    )
    category = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        help_text=_(
            "A topic helps your appeal reach the right department sooner. If you are not "
            "sure, leave “I don't know”: the body will choose."
        ),
    )
    address = _text(
        _("Address of the problem"),
        max_length=255,
        help_text=_("Street, house number, or a landmark nearby."),
    )
    latitude = CoordinateField(
        label=_("Map pin: latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Optional. Decimal degrees, for example 53.9023."),
    )
    longitude = CoordinateField(
        label=_("Map pin: longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Optional. Decimal degrees, for example 27.5619."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    applicant_kind = forms.ChoiceField(
        label=_("Who files the appeal"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.INDIVIDUAL,
        widget=forms.RadioSelect,
    )
    organisation = _text(
        _("Name of the organisation"),
        max_length=255,
        autocomplete="organization",
        help_text=_("Only for an appeal from a legal entity."),
    )
    applicant_name = _text(
        _("Your full name"),
        max_length=255,
        autocomplete="name",
        required=True,
        error_messages={"required": _("Give the applicant's name (the law requires it).")},
        help_text=_(
            "The law requires the applicant's name. For an organisation, "
            "give the name of the person who signs the appeal."
        ),
    )
    applicant_email = _text(
        _("E-mail"),
        max_length=254,
        autocomplete="email",
        kind=forms.EmailInput,
        help_text=_("The registration number, the tracking link and the answer come here."),
    )
    applicant_phone = _text(_("Phone"), max_length=40, autocomplete="tel", kind=TelInput)
    sms_notices = forms.BooleanField(
        label=_("Send me text messages about this appeal"),
        required=False,
        help_text=_(
            "A short message to your mobile phone when the appeal is registered and when it "
            "has an answer: only its number and the link to follow it."
        ),
    )
    applicant_address = _text(
        _("Postal address"),
        max_length=255,
        autocomplete="street-address",
        help_text=_("Give an e-mail or a postal address, so that the answer can reach you."),
    )
    answer_by_post = forms.BooleanField(
        label=_("Send me the answer on paper by post"),
        required=False,
        help_text=_(
            "The signed answer is posted to the postal address above. If you gave an e-mail "
            "address, the answer comes there too, and sooner."
        ),
    )
    consent_to_publish = forms.BooleanField(
        label=_("I agree that a version of my appeal without personal data may be published"),
        required=False,
        help_text=_(
            "If you agree, the body may publish your appeal and its answer with your name, "
            "contacts and other personal details removed, so that others with the same "
            "problem can read them. Your appeal is considered in the same way either way."
        ),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, body: Body, categories: QuerySet[Category], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.body = body
        self.categories = categories
        self.fields["category"].choices = category_choices(categories)  # type: ignore[attr-defined]
        self.fields["text"].widget.attrs["maxlength"] = settings.RATUSHA_MAX_APPEAL_CHARS
        self.offer_sms_notices()  # not offered where no text message is sent
        self.fields["attachments"].help_text = files_help()
        for row in range(1, CO_APPLICANT_ROWS + 1):
            self.fields[f"co_name_{row}"] = _text(
                _("Name of co-applicant %(row)d") % {"row": row}, max_length=255
            )
            self.fields[f"co_address_{row}"] = _text(
                _("Postal address of co-applicant %(row)d") % {"row": row}, max_length=255
            )

    def co_applicant_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        """Give the rows of the co-applicants' table (name and address of each)."""
        return [
            (row, self[f"co_name_{row}"], self[f"co_address_{row}"])
            for row in range(1, CO_APPLICANT_ROWS + 1)
        ]

    def clean_category(self) -> Category | None:
        value = self.cleaned_data.get("category")
        if not value:
            return None
        found = self.categories.filter(pk=value).first()
        if found is None:
            raise forms.ValidationError(_("Choose one of the topics in the list."))
        return found

    def clean_idempotency_key(self) -> str:
        key = self.cleaned_data.get("idempotency_key") or ""
        # A missing or odd key (an old page, a hand-made request) gets a fresh one.
        return key if _KEY.match(key) else new_idempotency_key()

    def to_input(self, user: User | None, language: str, *, partial: bool = False) -> AppealInput:
        """Give the action's input from the cleaned form; ``partial``: from the fields that
        are clean, the others empty (to tell their other problems, not to register)."""
        data: dict[str, Any] = self.cleaned_data
        if partial:
            empty = {
                name: field.initial if field.initial is not None else ""
                for name, field in self.fields.items()
            }
            empty.update(
                applicant_kind=ApplicantKind.INDIVIDUAL,
                answer_by_post=False,
                consent_to_publish=False,
                category=None,
                latitude=None,
                longitude=None,
                attachments=[],
            )
            data = {**empty, **data}
        co_applicants = [
            {"name": data[f"co_name_{row}"].strip(), "address": data[f"co_address_{row}"].strip()}
            for row in range(1, CO_APPLICANT_ROWS + 1)
            if data.get(f"co_name_{row}", "").strip()
        ]
        kind = data["applicant_kind"]
        return AppealInput(
            body=self.body,
            channel=Channel.WEB,
            text=data["text"],
            applicant_name=data["applicant_name"],
            applicant_email=data["applicant_email"],
            applicant_phone=data["applicant_phone"],
            sms_notices=data.get("sms_notices", False),
            applicant_address=data["applicant_address"],
            answer_by_post=data["answer_by_post"],
            applicant_kind=kind,
            organisation=data["organisation"] if kind == ApplicantKind.LEGAL_ENTITY else "",
            co_applicants=co_applicants if kind == ApplicantKind.COLLECTIVE else [],
            category=data["category"],
            address=data["address"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            consent_to_publish=data["consent_to_publish"],
            citizen=user,
            language=language,
            files=list(data["attachments"]),
        )

    def add_action_errors(self, errors: dict[str, list[str]]) -> None:
        """Put the action's field errors next to the fields (others at the top)."""
        for name, messages in errors.items():
            target = ERROR_FIELDS.get(name, name)
            for message in messages:
                self.add_error(target if target in self.fields else None, message)

    def add_other_errors(self, user: User | None, language: str) -> None:
        """For a form that failed its own checks: add the action's errors of the fields
        without one yet, so that every problem of the page shows at once."""
        found = input_errors(self.to_input(user, language, partial=True))
        self.add_action_errors(
            {
                name: messages
                for name, messages in found.items()
                if not any(
                    self.has_error(field)
                    for field in (ERROR_FIELDS.get(name, name), *DERIVED_FROM.get(name, ()))
                )
            }
        )


def initial_from_profile(user: Any) -> dict[str, str]:
    """Give the contact details a logged-in citizen's profile fills in."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        "applicant_name": user.full_name,
        "applicant_email": user.email,
        "applicant_phone": user.phone,
        "applicant_address": user.address,
    }


SCORES = [
    ("1", _("1 – very bad")),
    ("2", _("2 – bad")),
    ("3", _("3 – acceptable")),
    ("4", _("4 – good")),
    ("5", _("5 – very good")),
]


class RatingForm(forms.Form):
    """The citizen's rating of the answer."""

    score = forms.TypedChoiceField(
        label=_("How do you rate the answer?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. What was good, what was missing?"),
    )


class _SaidWithFiles(forms.Form):
    """A text the applicant sends the department about their appeal, with files."""

    files = MultipleFileField(
        label=_("Photos and documents"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPTED_FILES}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = files_help()
        self.order_fields(["reply", "information", "files"])


class ReplyForm(_SaidWithFiles):
    """The applicant's reply to the department's request for more information."""

    reply = forms.CharField(
        label=_("Your reply"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your reply.")},
        help_text=_("At most 4,000 characters. The department reads it with your appeal."),
    )


class AddInformationForm(_SaidWithFiles):
    """Information the applicant adds to their appeal unasked: a new fact, a photo."""

    information = forms.CharField(
        label=_("What do you want to add?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what you want to add.")},
        help_text=_(
            "For example, the problem got worse, or the entrance and the floor. At most "
            "4,000 characters. The department reads it with your appeal."
        ),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the appeal?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, for example “The problem has been solved”."),
    )


class ComplaintForm(forms.Form):
    text = forms.CharField(
        label=_("Your complaint"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Explain what you disagree with in the answer or the decision, "
            "and what you ask the higher body to do."
        ),
        error_messages={"required": _("Explain what you disagree with.")},
    )
