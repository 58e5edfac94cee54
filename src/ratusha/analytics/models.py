"""Pre-aggregated counts of appeals (rollups) that keep the dashboards fast at any volume.

One row counts the appeals registered in one body, department, category and channel on
one local day (``grain = day``) or in one calendar month (``grain = month``, the sum of
that month's day rows). Every measure belongs to the day the appeal was registered: the
dashboard describes the appeals that arrived in a period, whatever happened to them since.
The refresh task (``ratusha.analytics.tasks.refresh_rollups``) rebuilds only the days whose
appeals changed since its watermark.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Days to answer are counted exactly from 0 to ANSWER_DAYS_EXACT; longer ones share the
# last bucket, so percentiles beyond it read "ANSWER_DAYS_EXACT + 1 days or more".
ANSWER_DAYS_EXACT = 45
ANSWER_DAY_FIELDS = tuple(f"days_{d:02d}" for d in range(ANSWER_DAYS_EXACT + 2))
RATING_FIELDS = tuple(f"rated_{score}" for score in range(1, 6))
COUNT_FIELDS = (
    "received",
    "answered",
    "answered_on_time",
    "left_without_consideration",
    "forwarded",
    "repeated",
    "triage_reviewed",
    "triage_overridden",
    *RATING_FIELDS,
    *ANSWER_DAY_FIELDS,
)


class Grain(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")


class Rollup(models.Model):
    """Counts of the appeals registered in one cell: body, department, category, channel, day.

    ``department_id`` and ``category_id`` are plain integers (0 = none) rather than foreign
    keys, so that deleting a category never rewrites millions of counted rows.
    """

    grain = models.CharField(max_length=5, choices=Grain.choices)
    day = models.DateField(_("day"))  # the first day of the month for the month grain
    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    department_id = models.IntegerField(default=0)
    category_id = models.IntegerField(default=0)
    channel = models.CharField(max_length=16)
    received = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    answered_on_time = models.PositiveIntegerField(default=0)
    left_without_consideration = models.PositiveIntegerField(default=0)
    forwarded = models.PositiveIntegerField(default=0)
    repeated = models.PositiveIntegerField(default=0)
    triage_reviewed = models.PositiveIntegerField(default=0)
    triage_overridden = models.PositiveIntegerField(default=0)
    rated_1 = models.PositiveIntegerField(default=0)
    rated_2 = models.PositiveIntegerField(default=0)
    rated_3 = models.PositiveIntegerField(default=0)
    rated_4 = models.PositiveIntegerField(default=0)
    rated_5 = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rollup of appeals")
        verbose_name_plural = _("rollups of appeals")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "body", "day", "department_id", "category_id", "channel"],
                name="rollup_one_row_per_cell",
            )
        ]
        indexes = [
            models.Index(fields=["grain", "body", "day"], name="rollup_body_period"),
            # The public and installation-wide dashboards read every body of a period.
            models.Index(fields=["grain", "day"], name="rollup_period"),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.day} body {self.body_id}: {self.received}"


# The histogram of days to answer, one column per bucket (days_00 ... days_46).
for _field in ANSWER_DAY_FIELDS:
    Rollup.add_to_class(_field, models.PositiveIntegerField(default=0))


class RollupWatermark(models.Model):
    """How far the refresh has read: appeals changed after ``changed_until``, and appeals
    stored after ``appeals_up_to`` (an import of old ones carries old times), are pending."""

    name = models.CharField(max_length=32, unique=True, default="appeals")
    changed_until = models.DateTimeField(null=True, blank=True)
    appeals_up_to = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    last_duration_ms = models.PositiveIntegerField(default=0)
    last_days_rebuilt = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.changed_until}"
