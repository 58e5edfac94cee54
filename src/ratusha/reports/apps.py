from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "ratusha.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from ratusha.accounts.permissions import ProtectedKind, protect
        from ratusha.reports.models import Report
        from ratusha_core.permissions import Kind

        # A report is read like its body: every staff member of the body, and the
        # administrators and auditors above it.
        protect(Report, ProtectedKind(Kind.BODY, "body__path", "body_id", None))
