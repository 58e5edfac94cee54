"""Fields and a mixin for text kept in Belarusian, Russian and English."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = ("be", "ru", "en")


def pick(obj: object, stem: str) -> str:
    """Give obj.<stem>_<active language>, falling back to Belarusian, then any filled one."""
    active = (get_language() or "be")[:2]
    order = [active, *[c for c in LANGUAGE_CODES if c != active]]
    for code in order:
        value = getattr(obj, f"{stem}_{code}", "")
        if value:
            return str(value)
    return ""


class TranslatedName(models.Model):
    """An abstract model with a name in three languages, shown in the active one."""

    name_be = models.CharField(_("name in Belarusian"), max_length=255)
    name_ru = models.CharField(_("name in Russian"), max_length=255, blank=True)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self, "name")
