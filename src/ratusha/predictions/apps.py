from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PredictionsConfig(AppConfig):
    name = "ratusha.predictions"
    verbose_name = _("Forecasts and risk")

    def ready(self) -> None:
        from ratusha.accounts.permissions import ProtectedKind, protect
        from ratusha.predictions.models import DeadlineRisk, Hotspot, SpikeAlert
        from ratusha_core.permissions import Kind

        # Hotspots and alerts are counts of a body's categories: whoever sees the body's
        # categories sees them. A risk is part of its appeal.
        protect(Hotspot, ProtectedKind(Kind.CATEGORY, "body__path", "body_id", None))
        protect(SpikeAlert, ProtectedKind(Kind.CATEGORY, "body__path", "body_id", None))
        protect(
            DeadlineRisk,
            ProtectedKind(
                Kind.APPEAL, "appeal__body__path", "appeal__body_id", "appeal__department_id"
            ),
        )
