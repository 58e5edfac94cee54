"""Working-day calendars as data an administrator edits: holidays and transferred days."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ratusha.appeals.choices import DayKind


class HolidayCalendar(models.Model):
    """A calendar of days off that bodies of one jurisdiction share (e.g. BY)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200)
    covers_from = models.DateField(_("covers from"))
    covers_until = models.DateField(_("covers until"))
    weekend = models.CharField(
        _("weekend days"),
        max_length=20,
        default="5,6",
        help_text=_("Weekday numbers, Monday is 0: 5,6 is Saturday and Sunday."),
    )

    class Meta:
        verbose_name = _("working-day calendar")
        verbose_name_plural = _("working-day calendars")

    def __str__(self) -> str:
        return self.name


class CalendarEntry(models.Model):
    """A day that differs from the usual week: a holiday, a day off or a working Saturday."""

    calendar = models.ForeignKey(HolidayCalendar, models.CASCADE, related_name="entries")
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=32, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["calendar_id", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "day", "kind"], name="one_entry_per_day_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()}"
