from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "ratusha.ledger"
    verbose_name = _("Public ledger")

    def ready(self) -> None:
        from ratusha.ledger import receivers

        receivers.connect()
