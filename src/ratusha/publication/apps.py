from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "ratusha.publication"
    verbose_name = _("Public redaction")

    def ready(self) -> None:
        from ratusha.publication import receivers

        receivers.connect()
