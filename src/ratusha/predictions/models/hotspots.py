"""Places where the same problem keeps coming back or is growing."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Trend(models.TextChoices):
    GROWING = "growing", _("Growing")
    RECURRING = "recurring", _("Keeps coming back")
    STEADY = "steady", _("Steady")


class Hotspot(models.Model):
    """A map cell with more appeals of one category than the rest of the town would suggest.

    ``cell`` names the grid cell (``row:col`` of ``cell_metres`` squares); ``periods`` holds
    the counts of the last periods, oldest first (``{"start", "count"}``); ``action`` is
    the code of the suggested action, translated when shown.
    """

    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    category = models.ForeignKey("bodies.Category", models.CASCADE, related_name="+")
    cell = models.CharField(max_length=40)
    cell_metres = models.PositiveIntegerField(default=250)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    radius_metres = models.PositiveIntegerField(_("radius in metres"))
    address = models.CharField(_("typical address"), max_length=255, blank=True)
    count = models.PositiveIntegerField(_("appeals"))
    expected = models.FloatField(_("expected"))
    periods = models.JSONField(default=list)
    slope = models.FloatField(_("appeals per period, change"))
    trend = models.CharField(_("trend"), max_length=12, choices=Trend.choices)
    action = models.CharField(_("suggested action"), max_length=40)
    appeal_ids = models.JSONField(default=list)
    score = models.FloatField(_("strength"))
    first_seen = models.DateField(_("first appeal"))
    last_seen = models.DateField(_("latest appeal"))
    is_active = models.BooleanField(_("active"), default=True)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("hotspot")
        verbose_name_plural = _("hotspots")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "category", "cell", "cell_metres"], name="one_hotspot_per_cell"
            )
        ]
        indexes = [models.Index(fields=["body", "is_active"], name="hotspot_body_active")]

    def __str__(self) -> str:
        return f"{self.category_id} at {self.cell}: {self.count}"
