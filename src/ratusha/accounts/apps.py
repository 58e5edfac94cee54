from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ratusha.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from ratusha.accounts.models import RoleGrant
        from ratusha.accounts.permissions import ProtectedKind, protect
        from ratusha_core.permissions import Kind

        protect(RoleGrant, ProtectedKind(Kind.GRANT, "body__path", "body_id", "department_id"))
