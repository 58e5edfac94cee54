from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "ratusha.triage"
    verbose_name = _("AI triage")

    def ready(self) -> None:
        from ratusha.triage import labels_from_events

        labels_from_events.connect()
