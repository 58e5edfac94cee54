"""Weekly volume forecasts per body, department and category, and the spikes above them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    BODY = "body", _("Body")
    DEPARTMENT = "department", _("Department")
    CATEGORY = "category", _("Category")


class Forecast(models.Model):
    """The latest 8-week forecast of appeals a week for one body, department or category.

    ``scope`` is ``body:<id>``, ``department:<id>`` or ``category:<id>`` so that one row
    per series is kept on both databases (a unique key over nullable columns is not).
    ``weeks`` holds ``{"week", "mean", "lo80", "hi80", "lo95", "hi95"}`` rows; ``history``
    the recent actual weeks as ``{"week", "count"}``.
    """

    scope = models.CharField(max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "bodies.Department", models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        "bodies.Category", models.CASCADE, null=True, blank=True, related_name="+"
    )
    method = models.CharField(_("method"), max_length=40)
    computed_at = models.DateTimeField(_("computed"))
    first_week = models.DateField(_("first forecast week"))
    weeks = models.JSONField(default=list)
    history = models.JSONField(default=list)

    class Meta:
        verbose_name = _("forecast")
        verbose_name_plural = _("forecasts")
        indexes = [models.Index(fields=["body", "level"], name="forecast_body_level")]

    def __str__(self) -> str:
        return f"{self.scope} from {self.first_week}"


class SpikeAlert(models.Model):
    """A week in which a category or an area got more appeals than its 95% forecast bound.

    One row per series and week (the unique key is the dedupe of the e-mail).
    """

    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "bodies.Department", models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        "bodies.Category", models.CASCADE, null=True, blank=True, related_name="+"
    )
    scope = models.CharField(max_length=60)
    week = models.DateField(_("week"))
    observed = models.PositiveIntegerField(_("appeals received"))
    expected = models.FloatField(_("expected"))
    upper95 = models.FloatField(_("upper 95% bound"))
    created_at = models.DateTimeField(_("raised"))
    notified_at = models.DateTimeField(_("heads told"), null=True, blank=True)
    recipients = models.JSONField(default=list)

    class Meta:
        verbose_name = _("spike alert")
        verbose_name_plural = _("spike alerts")
        ordering = ["-week", "scope"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "week"], name="one_spike_alert_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.week}: {self.observed} > {self.upper95:.1f}"
