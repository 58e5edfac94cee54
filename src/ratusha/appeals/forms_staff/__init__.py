"""Forms of the staff pages of appeals, split by area."""

from ratusha.appeals.forms_staff.clerk import ClerkEntryForm, PeriodForm
from ratusha.appeals.forms_staff.labels import (
    ACTION_LABELS,
    CONFIRM_ACTIONS,
    DELIVERY_LABELS,
    EVENT_LABELS,
    REASON_LABELS,
    ROLE_LABELS,
    STATUS_CHOICES,
    VIA_LABELS,
)
from ratusha.appeals.forms_staff.widgets import DateInput, MultipleFileField, QuickSelect
from ratusha.appeals.forms_staff.work import (
    ActionForm,
    AssignForm,
    DraftAnswerForm,
    InboxFilterForm,
    VersionForm,
    assignee_choices,
    split_assignee,
)

__all__ = [
    "ACTION_LABELS",
    "CONFIRM_ACTIONS",
    "DELIVERY_LABELS",
    "EVENT_LABELS",
    "REASON_LABELS",
    "ROLE_LABELS",
    "STATUS_CHOICES",
    "VIA_LABELS",
    "ActionForm",
    "AssignForm",
    "ClerkEntryForm",
    "DateInput",
    "DraftAnswerForm",
    "InboxFilterForm",
    "MultipleFileField",
    "PeriodForm",
    "QuickSelect",
    "VersionForm",
    "assignee_choices",
    "split_assignee",
]
