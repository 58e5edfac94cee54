from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "ratusha.bodies"
    verbose_name = _("Public bodies")

    def ready(self) -> None:
        from ratusha.accounts.permissions import ProtectedKind, protect
        from ratusha.bodies.models import Body, Category, Department, Official
        from ratusha_core.permissions import Kind

        protect(Body, ProtectedKind(Kind.BODY, "path", "pk", None))
        protect(Department, ProtectedKind(Kind.DEPARTMENT, "body__path", "body_id", "pk"))
        protect(Category, ProtectedKind(Kind.CATEGORY, "body__path", "body_id", None))
        protect(Official, ProtectedKind(Kind.OFFICIAL, "body__path", "body_id", "department_id"))
