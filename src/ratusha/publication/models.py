"""Tables of public redaction: the reviewed public text of an appeal, and its answer summary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved for publication")
    REJECTED = "rejected", _("Not to be published")


class Publication(models.Model):
    """The redacted text of an appeal whose applicant consented, and the clerk's review of it.

    The detector proposes ``proposed_text``; the clerk may edit it (``edited_text``) and
    approves or rejects. Only an approved text of an appeal that still has consent is
    ever published (see ``records.py``).
    """

    appeal = models.OneToOneField(
        "appeals.Appeal", models.CASCADE, related_name="publication", verbose_name=_("appeal")
    )
    # The appeal's body, kept here so the review queue is one indexed read per body.
    body = models.ForeignKey(
        "bodies.Body", models.CASCADE, related_name="+", verbose_name=_("body")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    proposed_text = models.TextField(_("redaction proposed by the detector"))
    spans = models.JSONField(default=list, blank=True)  # [{"kind", "start", "end"}] in the text
    edited_text = models.TextField(_("redacted text as the clerk edited it"), blank=True)
    override = models.BooleanField(_("approved despite the detector's warning"), default=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed"))

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["body", "status", "created_at"], name="publication_queue")]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.status}"

    @property
    def final_text(self) -> str:
        """Give the text that is published once approved: the clerk's edit, else the proposal."""
        return self.edited_text or self.proposed_text


class AnswerSummary(models.Model):
    """The redacted opening of the appeal's latest public answer, made when it was sent."""

    appeal = models.OneToOneField(
        "appeals.Appeal", models.CASCADE, related_name="answer_summary", verbose_name=_("appeal")
    )
    answer = models.ForeignKey(
        "appeals.Answer", models.CASCADE, related_name="+", verbose_name=_("answer")
    )
    summary = models.TextField(_("public summary of the answer"))
    made_at = models.DateTimeField(_("made"))

    class Meta:
        verbose_name = _("answer summary")
        verbose_name_plural = _("answer summaries")

    def __str__(self) -> str:
        return self.summary[:80]
