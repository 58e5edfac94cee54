from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PredictionsConfig(AppConfig):
    name = "ratusha.predictions"
    verbose_name = _("Forecasts and risk")
