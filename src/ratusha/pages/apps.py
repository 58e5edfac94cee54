from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "ratusha.pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from ratusha.sqlite_like import install

        connection_created.connect(install, dispatch_uid="ratusha.sqlite_like")
