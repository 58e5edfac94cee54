"""An appeal, its applicants, attachments, questions, events and registration counters."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ratusha.appeals.choices import ApplicantKind, Channel, Processing, State


class Appeal(models.Model):
    """A citizen's or an organisation's appeal to a body, from registration to closure."""

    body = models.ForeignKey(
        "bodies.Body", models.PROTECT, related_name="appeals", verbose_name=_("body")
    )
    number = models.CharField(_("registration number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    registered_at = models.DateTimeField(_("registered"), db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    applicant_kind = models.CharField(
        _("applicant"),
        max_length=16,
        choices=ApplicantKind.choices,
        default=ApplicantKind.INDIVIDUAL,
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("citizen's account"),
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=255)
    applicant_email = models.EmailField(_("applicant's e-mail"), blank=True)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=40, blank=True)
    sms_notices = models.BooleanField(
        _("text messages to the applicant about the appeal"), default=False
    )
    applicant_address = models.CharField(
        _("applicant's postal address"), max_length=255, blank=True
    )
    # The rules: an answer goes on paper when the applicant asks for it (besides e-mail).
    answer_by_post = models.BooleanField(
        _("the applicant asked for the answer on paper"), default=False
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=8, default="be")
    text = models.TextField(_("text of the appeal"))
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    category = models.ForeignKey(
        "bodies.Category",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("category"),
    )
    department = models.ForeignKey(
        "bodies.Department",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("department"),
    )
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals_to_execute",
        verbose_name=_("executor"),
    )
    address = models.CharField(_("address of the problem"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    consent_to_publish = models.BooleanField(
        _("consent to publish a redacted version"), default=False
    )
    state = models.CharField(
        _("status"), max_length=32, choices=State.choices, default=State.REGISTERED
    )
    version = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(_("last change"), null=True, blank=True)
    term_kind = models.CharField(_("term"), max_length=20, default="standard")
    due_date = models.DateField(_("answer due"), null=True, blank=True)
    forward_by = models.DateField(_("forward by"), null=True, blank=True)
    extensions_used = models.PositiveSmallIntegerField(default=0)
    # Since when a request for more information waits for the applicant's reply (None:
    # none waits); the workflow's ``information_requested``.
    information_requested_at = models.DateTimeField(
        _("information requested from the applicant"), null=True, blank=True
    )
    # When the applicant last replied or added information that no executor has acted on
    # since (None: nothing new); the inbox marks such appeals.
    applicant_news_at = models.DateTimeField(
        _("new information from the applicant"), null=True, blank=True
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    processing = models.CharField(
        _("processing"), max_length=10, choices=Processing.choices, default=Processing.PENDING
    )
    processing_error = models.TextField(blank=True)
    tracking_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    merged_into = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_appeals",
        verbose_name=_("merged into"),
    )
    complaint_about = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("complaint about"),
    )
    forwarded_to = models.ForeignKey(
        "bodies.Body",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded to"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "sequence"], name="appeal_sequence_per_body_year"
            ),
        ]
        indexes = [
            models.Index(fields=["body", "state", "due_date"], name="appeal_body_inbox"),
            models.Index(
                fields=["department", "state", "due_date"], name="appeal_department_inbox"
            ),
            models.Index(fields=["executor", "state", "due_date"], name="appeal_executor_inbox"),
            models.Index(fields=["processing", "registered_at"], name="appeal_processing"),
            # The inboxes list settled appeals newest first after the open ones.
            models.Index(fields=["department", "-registered_at"], name="appeal_department_recent"),
            models.Index(fields=["executor", "-registered_at"], name="appeal_executor_recent"),
            models.Index(fields=["applicant_email", "registered_at"], name="appeal_applicant"),
            # Public lists (Open311, open data) read one body's processed appeals newest first.
            models.Index(
                fields=["body", "processing", "-registered_at"], name="appeal_body_public"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Applicant(models.Model):
    """One of the people who signed a collective appeal."""

    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="co_applicants")
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("postal address"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("co-applicant")
        verbose_name_plural = _("co-applicants")

    def __str__(self) -> str:
        return self.name


def attachment_path(instance: Any, filename: str) -> str:
    """Store uploads under an unguessable name; the original name is kept in the row."""
    return f"appeals/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file attached to an appeal (a photo, a document, or the scan of a paper original)."""

    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    is_scan = models.BooleanField(_("scan of the paper original"), default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # The applicant's reply to a request for information, or their unasked addition, that
    # brought the file (None: the file came with the appeal).
    reply = models.ForeignKey(
        "appeals.AppealEvent", models.SET_NULL, null=True, blank=True, related_name="files"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Question(models.Model):
    """One question raised in an appeal; the answer must address each one."""

    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    answered = models.BooleanField(_("answered"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["appeal_id", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class AppealEvent(models.Model):
    """One step in an appeal's history: who did what, when, from which state to which."""

    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(_("role"), max_length=32)
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32)
    reason = models.TextField(_("reason"), blank=True)
    extra = models.JSONField(default=dict, blank=True)
    public = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("appeal event")
        verbose_name_plural = _("appeal events")
        ordering = ["appeal_id", "at", "pk"]
        indexes = [
            models.Index(fields=["appeal", "at"], name="appeal_event_history"),
            models.Index(fields=["at"], name="appeal_event_time"),  # updates feeds by time
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def said(self) -> str:
        """Give the question of a request for information, the applicant's reply, or the
        information they added unasked."""
        extra = self.extra or {}
        return str(extra.get("question") or extra.get("reply") or extra.get("information") or "")


class RegistrationCounter(models.Model):
    """The last sequence number given in a body in a year (locked while numbering)."""

    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="one_counter_per_body_year")
        ]

    def __str__(self) -> str:
        return f"{self.body_id}/{self.year}: {self.last}"
