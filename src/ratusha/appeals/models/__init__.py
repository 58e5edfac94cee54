"""Tables of the appeals app, split by area."""

from ratusha.appeals.models.answer import Answer, AnswerTemplate, Rating, TemplateKind
from ratusha.appeals.models.appeal import (
    Appeal,
    AppealEvent,
    Applicant,
    Attachment,
    Question,
    RegistrationCounter,
)
from ratusha.appeals.models.calendar import CalendarEntry, HolidayCalendar
from ratusha.appeals.models.intake import (
    ApiToken,
    IdempotencyRecord,
    IntakeCount,
    ReminderSent,
)
from ratusha.appeals.models.notices import (
    NoticeChannel,
    NoticeKind,
    NoticeResolution,
    SentMessage,
    UndeliveredNotice,
)

__all__ = [
    "Answer",
    "AnswerTemplate",
    "ApiToken",
    "Appeal",
    "AppealEvent",
    "Applicant",
    "Attachment",
    "CalendarEntry",
    "HolidayCalendar",
    "IdempotencyRecord",
    "IntakeCount",
    "NoticeChannel",
    "NoticeKind",
    "NoticeResolution",
    "Question",
    "Rating",
    "RegistrationCounter",
    "ReminderSent",
    "SentMessage",
    "TemplateKind",
    "UndeliveredNotice",
]
