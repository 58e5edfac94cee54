"""Statutory deadlines for appeals: working-day calendars, policies, due dates, reminders.

How a due date is found (`compute_deadline`):

1. The registration moment is read in the body's time zone (a zoneinfo name); naive
   datetimes are refused.
2. Counting starts the day after registration (`count_from_day_after_registration`).
3. The policy gives the term for the kind (and, through a hook, the form) of appeal:
   Belarus 2023 gives 15 calendar days (standard), 1 month (further study or checking:
   same day number next month, or the month's last day) and 5 working days
   (forwarding to the competent body).
4. A last day on a day off moves to the next working day
   (`move_last_day_off_to_next_working_day`).
5. `adjust_deadline` then applies extensions (a new last day set by the head, with a
   reason and a notice to the applicant; never earlier; at most `max_extensions`; at
   most `extension_max_total` from registration when set) and pauses (only for
   `allowed_pause_reasons`; the stopped days are added in the term's unit).

`deadline_status` and `reminder_schedule` read a deadline at a given `now`.

Rules from the law as restated by official bodies: the 15-day and 1-month terms, the
day-after-registration start, the 5-working-day forwarding term, the reasons to leave
an appeal without consideration, the accepted languages (be, ru).

UNVERIFIED defaults, each a setting of `BelarusAppealsLaw2023`: calendar (not working)
days for the 15-day term; the last-day-off rule; one extension by the head with a
reason and a notice, granted before the term runs out, with no cap on the total;
no pause of the clock; no term for anonymous appeals; late forwarding flagged, not
refused. The calendar's 2027 transfers were unknown when the seed file was written
(see the notes in `data/by-2026-2027.json`); administrators edit the calendar.
"""

from ratusha_core.deadlines.adjustments import (
    DeadlineRuleError,
    Extension,
    Pause,
    adjust_deadline,
    check_extension,
)
from ratusha_core.deadlines.calendar import (
    CalendarDay,
    CalendarError,
    CalendarFile,
    DayKind,
    WorkingCalendar,
    bundled_calendar_file,
    orthodox_easter,
    parse_calendar_file,
    read_calendar_file,
)
from ratusha_core.deadlines.policy import (
    AppealForm,
    AppealsPolicy,
    BelarusAppealsLaw2023,
    PauseReason,
    TermKind,
    TermLength,
    TermUnit,
    WithoutConsiderationReason,
)
from ratusha_core.deadlines.status import (
    DeadlineReading,
    DeadlineStatus,
    Reminder,
    ReminderKind,
    answered_in_time,
    deadline_status,
    reminder_schedule,
)
from ratusha_core.deadlines.terms import (
    Deadline,
    add_months,
    compute_deadline,
    end_of_day,
    local_date,
)

__all__ = [
    "AppealForm",
    "AppealsPolicy",
    "BelarusAppealsLaw2023",
    "CalendarDay",
    "CalendarError",
    "CalendarFile",
    "DayKind",
    "Deadline",
    "DeadlineReading",
    "DeadlineRuleError",
    "DeadlineStatus",
    "Extension",
    "Pause",
    "PauseReason",
    "Reminder",
    "ReminderKind",
    "TermKind",
    "TermLength",
    "TermUnit",
    "WithoutConsiderationReason",
    "WorkingCalendar",
    "add_months",
    "adjust_deadline",
    "answered_in_time",
    "bundled_calendar_file",
    "check_extension",
    "compute_deadline",
    "deadline_status",
    "end_of_day",
    "local_date",
    "orthodox_easter",
    "parse_calendar_file",
    "read_calendar_file",
    "reminder_schedule",
]
