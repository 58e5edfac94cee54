"""Forms of the department work: inbox filters, assignment, workflow actions and answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusha.appeals.choices import Channel
from ratusha.appeals.forms_staff.labels import (
    ACTION_LABELS,
    CONFIRM_ACTIONS,
    REASON_LABELS,
    STATUS_CHOICES,
)
from ratusha.appeals.forms_staff.widgets import DateInput, FillingSelect, QuickSelect
from ratusha.appeals.selectors import InboxFilters
from ratusha.bodies.models import Category, Department
from ratusha.collation import by_name
from ratusha_core.workflow import FieldKind, Transition


def assignee_choices(
    departments: Iterable[Department], executors: Mapping[int, list[tuple[int, str]]]
) -> list[Any]:
    """Give grouped choices "department" or "department:executor" for one select."""
    groups: list[Any] = [("", _("Choose a department and executor"))]
    for department in departments:
        options = [(str(department.pk), _("%(dept)s, no executor yet") % {"dept": department})]
        options += [
            (f"{department.pk}:{user_id}", name)
            for user_id, name in executors.get(department.pk, [])
        ]
        groups.append((department.name, options))
    return groups


def split_assignee(value: str) -> dict[str, str]:
    """Give the department and executor of an assignee choice, as action data."""
    department, _sep, executor = value.partition(":")
    return {"department": department, "executor": executor}


class InboxFilterForm(forms.Form):
    """The inbox filters, read from the query string."""

    q = forms.CharField(label=_("Search number, name or text"), required=False, max_length=200)
    status = forms.ChoiceField(
        widget=QuickSelect, label=_("Status"), choices=STATUS_CHOICES, required=False
    )
    category = forms.TypedChoiceField(
        widget=QuickSelect, label=_("Category"), required=False, coerce=int
    )
    executor = forms.TypedChoiceField(
        widget=QuickSelect, label=_("Executor"), required=False, coerce=int
    )
    channel = forms.ChoiceField(
        widget=QuickSelect,
        label=_("Channel"),
        choices=[("", _("Any channel")), *Channel.choices],
        required=False,
    )
    due_after = forms.DateField(label=_("Due on or after"), required=False, widget=DateInput())
    due_before = forms.DateField(label=_("Due on or before"), required=False, widget=DateInput())

    def __init__(
        self,
        data: Any,
        categories: Iterable[Category],
        executors: Iterable[tuple[int, str]],
    ) -> None:
        super().__init__(data)
        self.fields["category"].choices = [("", _("Any category"))] + [  # type: ignore[attr-defined]
            (c.pk, c.name) for c in by_name(categories, lambda c: c.name)
        ]
        self.fields["executor"].choices = [("", _("Anyone")), *executors]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        after, before = data.get("due_after"), data.get("due_before")
        if after and before and after > before:
            # A form-wide error: both dates stay in cleaned_data, so the (empty) results
            # are what they were; the error tells why nothing matches.
            raise forms.ValidationError(
                _("The “Due on or after” date is later than the “Due on or before” date."),
                code="reversed_range",
            )
        return data

    def filters(self) -> InboxFilters:
        """Give the valid filters; an invalid one is ignored (its error is shown)."""
        if not self.is_bound:
            return InboxFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return InboxFilters(
            status=data.get("status") or "",
            category=data.get("category") or None,
            executor=data.get("executor") or None,
            due_after=data.get("due_after"),
            due_before=data.get("due_before"),
            channel=data.get("channel") or "",
            search=data.get("q") or "",
        )


class AssignForm(forms.Form):
    """Choose a department and (optionally) an executor; a reason when reassigning."""

    assignee = forms.ChoiceField(widget=QuickSelect, label=_("Department and executor"))
    reason = forms.CharField(
        label=_("Reason (needed when reassigning)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = choices  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    """A workflow action with the fields its row in the transition table asks for."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        transition: Transition,
        assignees: list[Any] | None = None,
        bodies: list[tuple[int, str]] | None = None,
        reasons: Iterable[str] = (),
        common_questions: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", str(transition.action))
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.action = str(transition.action)
        self.label = ACTION_LABELS.get(self.action, self.action)
        for spec in transition.fields:
            field = self._field_for(spec.name, spec.kind, spec.required, assignees, bodies, reasons)
            if field is not None:
                self.fields[self._form_name(spec.name)] = field
        self.common_questions = {str(i): text for i, (_t, text) in enumerate(common_questions)}
        if "question" in self.fields and common_questions:
            self._offer_common_questions(common_questions)
        self.needs_confirmation = self.action in CONFIRM_ACTIONS
        if self.needs_confirmation:
            self.fields["confirm"] = forms.BooleanField(
                label=_("I confirm: this cannot be undone."), required=True
            )

    def _offer_common_questions(self, common: Sequence[tuple[str, str]]) -> None:
        """Offer the body's common questions: one chosen fills the question (with
        JavaScript at once, to be edited; without it, when sent with the question empty)."""
        question = self.fields["question"]
        question.required = False
        choices = [
            ("", _("Write my own question")),
            *((str(i), t) for i, (t, _x) in enumerate(common)),
        ]
        self.fields["common_question"] = forms.ChoiceField(
            label=_("Or a common question"),
            choices=choices,
            required=False,
            widget=FillingSelect(texts=self.common_questions, fills=self["question"].auto_id),
        )
        self.order_fields(["expected_version", "common_question", "question"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "common_question" in self.fields:
            chosen = self.common_questions.get(cleaned.pop("common_question", "") or "")
            if not (cleaned.get("question") or "").strip():
                if chosen is None:
                    self.add_error("question", _("Write the question or choose a common one."))
                else:
                    cleaned["question"] = chosen[:4000]  # as the box allows
        return cleaned

    @staticmethod
    def _form_name(name: str) -> str:
        return "assignee" if name in ("department", "executor") else name

    @staticmethod
    def _field_for(
        name: str,
        kind: FieldKind,
        required: bool,
        assignees: list[Any] | None,
        bodies: list[tuple[int, str]] | None,
        reasons: Iterable[str],
    ) -> forms.Field | None:
        if name == "department":
            return forms.ChoiceField(
                widget=QuickSelect, label=_("Department and executor"), choices=assignees or []
            )
        if name == "target_body":
            choices = [("", _("Choose a body")), *(bodies or [])]
            return forms.ChoiceField(widget=QuickSelect, label=_("Forward to"), choices=choices)
        if name == "target_appeal":
            return forms.CharField(label=_("Number of the main appeal"), max_length=40)
        if kind is FieldKind.REASON:
            choices = [("", _("Choose a reason"))] + [
                (code, REASON_LABELS.get(code, code)) for code in sorted(reasons)
            ]
            return forms.ChoiceField(
                widget=QuickSelect, label=_("Reason"), choices=choices, required=required
            )
        if name == "new_due_date":
            return forms.DateField(label=_("New term"), widget=DateInput(), required=required)
        if name == "applicant_notified":
            return forms.BooleanField(
                label=_("The applicant has been notified"),
                required=False,
                help_text=_(
                    "Ratusha e-mails the new term and the reasons to an applicant with an "
                    "e-mail address and texts one who asked for text messages; for one with "
                    "only a postal address, it puts the letter in the clerk's queue of "
                    "letters to post."
                ),
            )
        if name in ("question", "reply", "information"):
            label = {
                "question": _("What the applicant should tell or send"),
                "reply": _("The applicant's reply, as given (by letter, in person, by phone)"),
                "information": _("What the applicant added, as given (by letter, in person)"),
            }[name]
            help_text = (
                _(
                    "The applicant is told at once (e-mail, text message or a letter) and "
                    "replies on the tracking page. The term keeps running."
                )
                if name == "question"
                else ""
            )
            return forms.CharField(
                label=label,
                help_text=help_text,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if name in ("reason", "explanation"):
            label = _("Reason") if name == "reason" else _("Explanation for the applicant")
            return forms.CharField(
                label=label,
                required=required,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        return None  # executor, delivery, answer, ...: set by other means

    def action_data(self) -> dict[str, Any]:
        """Give the cleaned values as the data of the workflow action."""
        data: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in ("expected_version", "confirm"):
                continue
            if name == "assignee":
                data.update(split_assignee(value))
            elif hasattr(value, "isoformat"):
                data[name] = value.isoformat()
            else:
                data[name] = value
        return data


class DraftAnswerForm(forms.Form):
    """The executor's answer and the questions it covers."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Answer on the merits"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    questions = forms.TypedMultipleChoiceField(
        label=_("Questions this answer covers"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, questions: Iterable[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = list(questions)  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    """Only the version the person saw (approve, retry)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
