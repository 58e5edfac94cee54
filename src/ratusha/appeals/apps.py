from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "ratusha.appeals"
    verbose_name = _("Appeals")

    def ready(self) -> None:
        from ratusha.accounts.permissions import ProtectedKind, protect
        from ratusha.appeals.models import AnswerTemplate, Appeal
        from ratusha_core.permissions import Kind

        protect(Appeal, ProtectedKind(Kind.APPEAL, "body__path", "body_id", "department_id"))
        protect(AnswerTemplate, ProtectedKind(Kind.ANSWER_TEMPLATE, "body__path", "body_id", None))

        from django.db.models.signals import post_delete, post_save

        from ratusha.appeals.models import CalendarEntry, HolidayCalendar
        from ratusha.appeals.policy import forget_calendars

        for model in (CalendarEntry, HolidayCalendar):
            post_save.connect(forget_calendars, sender=model, dispatch_uid=f"calendar-{model}")
            post_delete.connect(forget_calendars, sender=model, dispatch_uid=f"calendar-d-{model}")

        from ratusha.appeals import status_notices

        status_notices.connect()

        from ratusha.appeals import undelivered

        undelivered.connect()

        from ratusha.appeals import reply_notices

        reply_notices.connect()
