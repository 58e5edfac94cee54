"""Enumerations of the appeals app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ratusha_core.deadlines import AppealForm
from ratusha_core.workflow import BELARUS_2023_RULES


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    API = "api", _("API or mobile app")
    POST = "post", _("Post")
    COURIER = "courier", _("Courier")
    PERSONAL = "personal", _("Personal reception")
    BOOK = "book", _("Book of comments and suggestions")
    ORAL = "oral", _("Oral appeal")
    EMAIL = "email", _("E-mail")
    IMPORT = "import", _("Imported history")
    OPEN311 = "open311", _("Open311")

    @property
    def form(self) -> AppealForm:
        """Give the legal form of appeals that arrive through this channel."""
        if self is Channel.ORAL:
            return AppealForm.ORAL
        if self in (Channel.WEB, Channel.API, Channel.EMAIL, Channel.OPEN311):
            return AppealForm.ELECTRONIC
        return AppealForm.WRITTEN


CLERK_CHANNELS = [Channel.POST, Channel.COURIER, Channel.PERSONAL, Channel.BOOK, Channel.ORAL]


class ApplicantKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective (several applicants)")
    LEGAL_ENTITY = "legal_entity", _("Legal entity")


class State(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    TRIAGE = "triage", _("In triage")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWER_DRAFTED = "answer_drafted", _("Answer drafted")
    ANSWER_APPROVED = "answer_approved", _("Answer approved")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    FORWARDED = "forwarded", _("Forwarded to another body")
    LEFT_WITHOUT_CONSIDERATION = "left_without_consideration", _("Left without consideration")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MERGED = "merged", _("Merged into another appeal")
    REOPENED = "reopened", _("Reopened")
    COMPLAINT = "complaint", _("Complaint to a higher body")


class Processing(models.TextChoices):
    """Where the work after registration (triage, receipt e-mail) stands."""

    PENDING = "pending", _("Pending processing")
    # Announced to the ledger and publication with the receipt queued; triage still to run.
    RECORDED = "recorded", _("Recorded, triage pending")
    DONE = "done", _("Processed")
    FAILED = "failed", _("Processing failed")


class DayKind(models.TextChoices):
    HOLIDAY = "public_holiday", _("Public holiday")
    DAY_OFF = "transferred_day_off", _("Transferred day off")
    WORKING_DAY = "transferred_working_day", _("Transferred working day")


# The states "assign" starts from (elsewhere it is "reassign"), read from the workflow table.
_ASSIGN = BELARUS_2023_RULES.transition("assign")
ASSIGN_STATES: frozenset[str] = frozenset(str(s) for s in (_ASSIGN.sources if _ASSIGN else ()))
# The states an appeal can be given to another department from, and who may do it.
_REASSIGN = BELARUS_2023_RULES.transition("reassign")
REASSIGN_STATES: frozenset[str] = frozenset(
    str(s) for s in (_REASSIGN.sources if _REASSIGN else ())
)
REASSIGN_ROLES: frozenset[str] = frozenset(str(r) for r in (_REASSIGN.roles if _REASSIGN else ()))

# A history step outside the workflow: the applicant stopped the appeal's text messages.
STOP_SMS = "stop_sms"
