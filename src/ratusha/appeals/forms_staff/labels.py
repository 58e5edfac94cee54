"""What the staff pages call workflow actions, history steps, roles and statutory reasons."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ratusha.appeals.choices import STOP_SMS, State

# Actions that end or hand over the appeal: the form asks for an explicit confirmation.
CONFIRM_ACTIONS = frozenset(
    {"leave_without_consideration", "withdraw", "merge", "close", "forward", "dismiss_complaint"}
)

ACTION_LABELS: dict[str, Any] = {
    "start_triage": _("Send to triage"),
    "assign": _("Assign"),
    "reassign": _("Reassign"),
    "start_work": _("Start work"),
    "return_draft": _("Return for rework"),
    "close": _("Close the appeal"),
    "forward": _("Forward to another body"),
    "leave_without_consideration": _("Leave without consideration"),
    "withdraw": _("Withdraw on the applicant's behalf"),
    "merge": _("Merge into another appeal"),
    "extend_deadline": _("Extend the term"),
    "reopen": _("Reopen"),
    "uphold_complaint": _("Uphold the complaint"),
    "dismiss_complaint": _("Dismiss the complaint"),
    "ask_applicant": _("Ask the applicant for more information"),
    "applicant_reply": _("Enter the applicant's reply"),
    "add_information": _("Enter information the applicant added"),
}

# What each step in the history is called (the workflow actions and the registration).
EVENT_LABELS: dict[str, Any] = {
    **ACTION_LABELS,
    "register": _("Registered"),
    "draft_answer": _("Answer drafted"),
    "approve_answer": _("Answer approved"),
    "send_answer": _("Answer sent"),
    "file_complaint": _("Complaint filed"),
    "withdraw": _("Withdrawn"),
    STOP_SMS: _("Text messages stopped by the applicant"),
    "ask_applicant": _("More information asked from the applicant"),
    "applicant_reply": _("The applicant's reply"),
    "add_information": _("Information added by the applicant"),
}

# How a sent answer reached the applicant (the ``delivery`` of a ``send_answer`` step).
DELIVERY_LABELS: dict[str, Any] = {
    "email": _("by e-mail"),
    "post": _("by post"),
    "email_post": _("by e-mail and by post"),
}

# How the applicant stopped the text messages (the ``via`` of a ``stop_sms`` step).
VIA_LABELS: dict[str, Any] = {
    "tracking_page": _("on the tracking page"),
    "sms": _("by an SMS reply"),
}

ROLE_LABELS: dict[str, Any] = {
    "registry_clerk": _("Registry clerk"),
    "department_officer": _("Department officer"),
    "department_head": _("Department head"),
    "body_admin": _("Body administrator"),
    "citizen": _("Applicant"),
    "system": _("System"),
}

REASON_LABELS: dict[str, Any] = {
    "language_not_accepted": _("Written in a language the body does not accept"),
    "identifying_details_missing": _("The applicant's name or address is missing"),
    "unreadable": _("The text cannot be read"),
    "obscene_or_insulting": _("Obscene or insulting language"),
    "court_or_administrative_procedure": _("A matter for a court or an administrative procedure"),
    "repeated_nothing_new": _("Repeated appeal with nothing new"),
    "not_in_competence": _("Not within the body's competence"),
}

STATUS_CHOICES = [
    ("", _("Any status")),
    ("open", _("Open (term running)")),
    ("overdue", _("Overdue")),
    ("waiting_applicant", _("Waiting for the applicant's reply")),
    ("applicant_news", _("New information from the applicant")),
    *State.choices,
]
