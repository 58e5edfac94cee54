"""Notices to applicants that wait for a clerk: e-mails and text messages whose task failed,
and letters to post to an applicant without an e-mail address."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NoticeChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("text message")
    POST = "post", _("letter by post")


class NoticeKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    ANSWER = "answer", _("Answer")
    STATUS = "status", _("Notice of a step")


class NoticeResolution(models.TextChoices):
    RESENT = "resent", _("Sent again")
    OTHERWISE = "otherwise", _("Delivered otherwise")
    POSTED = "posted", _("Posted")
    LETTER = "letter", _("Posted as a letter instead")


class UndeliveredNotice(models.Model):
    """A failed notice task, or a letter to post (``appeals.undelivered``).

    The task queue keeps its results for a day only; this row stays until a clerk sends
    the notice again or delivers it otherwise (on paper, by phone). A letter (channel
    ``post``) is recorded by the notice task itself when the applicant has no e-mail
    address but a postal one; ``failed_at`` is then when it began to wait, and it stays
    until a clerk marks it posted. ``body`` repeats the appeal's body (which never
    changes) so the queue reads one index.
    """

    appeal = models.ForeignKey("appeals.Appeal", models.CASCADE, related_name="undelivered_notices")
    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    channel = models.CharField(max_length=8, choices=NoticeChannel.choices)
    kind = models.CharField(max_length=8, choices=NoticeKind.choices)
    task_path = models.CharField(max_length=200)
    task_args = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    failed_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(
        max_length=10, choices=NoticeResolution.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("undelivered notice")
        verbose_name_plural = _("undelivered notices")
        indexes = [
            # The clerk's queue: a body's unresolved notices, oldest first.
            models.Index(
                fields=["body", "failed_at"],
                condition=Q(resolved_at__isnull=True),
                name="undelivered_queue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.kind} {self.channel} {self.failed_at:%Y-%m-%d %H:%M}"

    @property
    def recipient(self) -> str:
        """Give the appeal's e-mail address, phone or postal address the notice goes to."""
        if self.channel == NoticeChannel.SMS:
            return self.appeal.applicant_phone
        if self.channel == NoticeChannel.POST:
            return self.appeal.applicant_address
        return self.appeal.applicant_email


class SentMessage(models.Model):
    """One text message sent to an applicant: the body's SMS log, for its daily limit and for
    the administrator's count of messages and parts (what the gateway bills)."""

    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    appeal = models.ForeignKey("appeals.Appeal", models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=NoticeKind.choices)
    parts = models.PositiveSmallIntegerField(default=1)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("text message sent")
        verbose_name_plural = _("text messages sent")
        indexes = [models.Index(fields=["body", "sent_at"], name="sent_message_day")]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.kind} {self.sent_at:%Y-%m-%d %H:%M}"
