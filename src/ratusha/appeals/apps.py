from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "ratusha.appeals"
    verbose_name = _("Appeals")

    def ready(self) -> None:
        from ratusha.accounts.permissions import ProtectedKind, protect
        from ratusha.appeals.models import Appeal, AnswerTemplate
        from ratusha_core.permissions import Kind

        protect(Appeal, ProtectedKind(Kind.APPEAL, "body__path", "body_id", "department_id"))
        protect(AnswerTemplate, ProtectedKind(Kind.ANSWER_TEMPLATE, "body__path", "body_id", None))
