"""Intake plumbing: API tokens, idempotency records and the log of reminders sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A token for the REST API; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class IdempotencyRecord(models.Model):
    """The appeal created for an Idempotency-Key, so a retried submission never duplicates."""

    scope = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    appeal = models.ForeignKey("appeals.Appeal", models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="one_appeal_per_idempotency_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"


class ReminderSent(models.Model):
    """A deadline reminder already e-mailed, so each goes out once."""

    appeal = models.ForeignKey("appeals.Appeal", models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    due_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "kind", "due_date"], name="one_reminder_per_kind_and_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.kind}"


class IntakeCount(models.Model):
    """Appeals filed by one submitter (a client address or an account) in one hour."""

    key = models.CharField(max_length=120)
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "hour"], name="one_intake_count_per_hour")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.hour:%Y-%m-%d %H}: {self.count}"
