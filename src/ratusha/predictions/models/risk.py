"""The chance that an open appeal misses its deadline, and the model that gives it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskModel(models.Model):
    """A trained deadline-risk model of a body, with its test figures (AUC, Brier).

    ``model`` is the bytes of ``ratusha_core.analytics.risk.model_to_bytes``: load only
    rows this installation trained itself.
    """

    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(_("version"))
    model = models.BinaryField(_("trained model"))
    metrics = models.JSONField(_("test figures"), default=dict)
    trained_at = models.DateTimeField(_("trained"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("deadline-risk model")
        verbose_name_plural = _("deadline-risk models")
        ordering = ["body_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="one_risk_model_version")
        ]

    def __str__(self) -> str:
        return f"{self.body_id} v{self.version}"


class DeadlineRisk(models.Model):
    """The latest chance that one open appeal misses its deadline (0..1), with its reasons."""

    appeal = models.OneToOneField(
        "appeals.Appeal", models.CASCADE, primary_key=True, related_name="+"
    )
    probability = models.FloatField(_("chance of missing the deadline"))
    band = models.CharField(_("risk"), max_length=8)  # low | medium | high | overdue
    reasons = models.JSONField(default=list)
    model_version = models.PositiveIntegerField(null=True, blank=True)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("deadline risk")
        verbose_name_plural = _("deadline risks")
        indexes = [models.Index(fields=["band", "-probability"], name="deadline_risk_band")]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.probability:.2f}"


class RiskDigest(models.Model):
    """The daily e-mail to a department's heads about its high-risk appeals (one a day)."""

    department = models.ForeignKey("bodies.Department", models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    appeal_ids = models.JSONField(default=list)
    recipients = models.JSONField(default=list)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("deadline-risk digest")
        verbose_name_plural = _("deadline-risk digests")
        constraints = [
            models.UniqueConstraint(fields=["department", "day"], name="one_risk_digest_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.department_id} {self.day}"
