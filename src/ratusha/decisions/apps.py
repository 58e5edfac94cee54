from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "ratusha.decisions"
    verbose_name = _("Register of decisions")
