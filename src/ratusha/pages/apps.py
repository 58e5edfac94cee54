from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "ratusha.pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from ratusha.sqlite_like import install_function, install_lookup

        install_lookup()  # icontains in every alphabet on SQLite
        connection_created.connect(install_function, dispatch_uid="ratusha.sqlite_like")
