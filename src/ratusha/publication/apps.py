from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "ratusha.publication"
    verbose_name = _("Public redaction")
