from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "ratusha.decisions"
    verbose_name = _("Register of decisions")

    def ready(self) -> None:
        from ratusha.accounts.permissions import ProtectedKind, protect
        from ratusha.decisions.models import Decision
        from ratusha_core.permissions import Kind

        protect(Decision, ProtectedKind(Kind.DECISION, "body__path", "body_id", None))
