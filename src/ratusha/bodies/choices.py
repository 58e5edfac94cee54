"""Enumerations of the bodies app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    STATE = "state", _("State")
    REGION = "region", _("Region")
    DISTRICT = "district", _("District")
    MUNICIPALITY = "municipality", _("Municipality")


class StatutoryPolicy(models.TextChoices):
    """The statutory rules a body follows (implemented in ratusha_core.deadlines)."""

    BELARUS_2023 = "by-appeals-2023", _("Belarus: Law on appeals of citizens and legal entities")
