from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Open311Config(AppConfig):
    name = "ratusha.open311"
    verbose_name = _("Open311 GeoReport v2")

    def ready(self) -> None:
        from ratusha.accounts.permissions import ProtectedKind, protect
        from ratusha.open311.models import ServiceAttribute
        from ratusha_core.permissions import Kind

        # An extra question belongs to its category: who may change the category may change it.
        protect(
            ServiceAttribute,
            ProtectedKind(Kind.CATEGORY, "category__body__path", "category__body_id", None),
        )
