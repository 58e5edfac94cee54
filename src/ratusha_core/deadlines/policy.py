"""Statutory rules as policy objects: every term and every switch is a parameter.

`AppealsPolicy` is the generic rule set; a jurisdiction (and a version of its law) is a
subclass that only sets defaults or overrides a hook, never an `if country == ...`.
`BelarusAppealsLaw2023` follows Law No. 300-Z of 18 July 2011 as amended by Law
No. 176-Z of 28 June 2022 (in force since 2 January 2023); the items the design notes
mark UNVERIFIED are listed in its docstring with the defaults chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum


class TermUnit(StrEnum):
    """How a term is counted."""

    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


class TermKind(StrEnum):
    """Which statutory term applies to an appeal."""

    STANDARD = "standard"  # consider and answer
    FURTHER_STUDY = "further_study"  # the appeal needs further study or checking
    FORWARDING = "forwarding"  # send to the competent body and tell the applicant


class AppealForm(StrEnum):
    """The legal form of an appeal (the intake channel maps onto one of these)."""

    WRITTEN = "written"
    ELECTRONIC = "electronic"
    ORAL = "oral"


class PauseReason(StrEnum):
    """Why the clock of a term might be stopped, where a policy allows it at all."""

    AWAITING_APPLICANT = "awaiting_applicant"  # missing details asked from the applicant
    AWAITING_OTHER_BODY = "awaiting_other_body"  # information requested elsewhere
    COURT_PROCEEDINGS = "court_proceedings"


class WithoutConsiderationReason(StrEnum):
    """Statutory reasons (Belarus, 2023) to leave an appeal without consideration."""

    LANGUAGE_NOT_ACCEPTED = "language_not_accepted"
    IDENTIFYING_DETAILS_MISSING = "identifying_details_missing"
    UNREADABLE = "unreadable"
    OBSCENE_OR_INSULTING = "obscene_or_insulting"
    COURT_OR_ADMINISTRATIVE_PROCEDURE = "court_or_administrative_procedure"
    REPEATED_NOTHING_NEW = "repeated_nothing_new"
    # The alternative to forwarding: not the body's competence, explain where to apply.
    NOT_IN_COMPETENCE = "not_in_competence"


@dataclass(frozen=True)
class TermLength:
    """A length of time as the law states it, such as 15 calendar days or 1 month."""

    amount: int
    unit: TermUnit

    def __post_init__(self) -> None:
        if self.amount < 1:
            raise ValueError(f"a term must be at least 1, got {self.amount}")

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.value.replace('_', ' ')}"


@dataclass(frozen=True, kw_only=True)
class AppealsPolicy:
    """The rules a body applies to appeals' deadlines; a subclass sets a jurisdiction's defaults.

    Fields:
    - the three terms (standard, further study, forwarding);
    - `count_from_day_after_registration`: day 1 is the day after registration;
    - `move_last_day_off_to_next_working_day`: a last day on a day off moves forward;
    - extensions: how many, whether a reason and a notice to the applicant are needed,
      whether they must be granted before the term runs out, and an optional cap on the
      whole term measured from registration;
    - `allowed_pause_reasons`: empty means the clock can never be stopped;
    - `anonymous_appeals_start_deadline`: False means an anonymous appeal is registered
      but gets no term;
    - `accepted_languages` (ISO 639-1 codes) and the reasons to leave an appeal without
      consideration;
    - `late_forwarding_refused`: forwarding after its term is refused instead of flagged;
    - status and reminders: `due_soon_days`, `reminder_days_before`, `reminder_time`.
    """

    code: str
    title: str
    standard_term: TermLength
    further_study_term: TermLength
    forwarding_term: TermLength
    count_from_day_after_registration: bool = True
    move_last_day_off_to_next_working_day: bool = True
    max_extensions: int = 1
    extension_requires_reason: bool = True
    extension_requires_applicant_notice: bool = True
    extension_only_before_due: bool = True
    extension_max_total: TermLength | None = None
    allowed_pause_reasons: frozenset[PauseReason] = frozenset()
    anonymous_appeals_start_deadline: bool = False
    accepted_languages: frozenset[str] = frozenset()
    without_consideration_reasons: frozenset[str] = frozenset()
    late_forwarding_refused: bool = False
    due_soon_days: int = 3
    reminder_days_before: tuple[int, ...] = (3, 1)
    reminder_time: time = time(9, 0)

    def __post_init__(self) -> None:
        if self.max_extensions < 0:
            raise ValueError("max_extensions cannot be negative")
        if self.due_soon_days < 0:
            raise ValueError("due_soon_days cannot be negative")
        if any(n < 1 for n in self.reminder_days_before):
            raise ValueError("reminder_days_before must hold positive numbers of days")
        if self.reminder_time.tzinfo is not None:
            raise ValueError("reminder_time is a local wall-clock time without a zone")

    def term(self, kind: TermKind, form: AppealForm = AppealForm.WRITTEN) -> TermLength:
        """Give the length of a term; override to give electronic or oral appeals another one."""
        del form  # the generic rule: the same term for every form
        match kind:
            case TermKind.STANDARD:
                return self.standard_term
            case TermKind.FURTHER_STUDY:
                return self.further_study_term
            case TermKind.FORWARDING:
                return self.forwarding_term
        raise ValueError(f"unknown term kind {kind!r}")

    def starts_deadline(self, *, anonymous: bool) -> bool:
        """Give True when registering such an appeal starts a term."""
        return self.anonymous_appeals_start_deadline or not anonymous

    def accepts_language(self, language: str) -> bool:
        """Give True when an appeal in `language` (ISO 639-1) is considered."""
        return not self.accepted_languages or language.lower() in self.accepted_languages


_BY_REASONS = frozenset(r.value for r in WithoutConsiderationReason)


@dataclass(frozen=True, kw_only=True)
class BelarusAppealsLaw2023(AppealsPolicy):
    """Belarus: Law No. 300-Z "On appeals of citizens and legal entities" as of 2023.

    Stated by the law (as restated by official bodies):
    - 15 days to consider and answer; 1 month when further study or checking is needed;
    - counting starts the day after registration;
    - 5 working days to forward an appeal outside the body's competence;
    - the reasons to leave an appeal without consideration (`WithoutConsiderationReason`);
    - appeals are accepted in Belarusian or Russian.

    UNVERIFIED, kept as settings with these defaults:
    - the 15-day term counts calendar days (`standard_term` unit);
    - a last day on a day off moves to the next working day;
    - the head may extend once, with a reason and a written notice to the applicant;
      no cap on the total term is known, so `extension_max_total` is None;
    - an extension must be granted before the term runs out (our choice);
    - no pause of the clock is known, so `allowed_pause_reasons` is empty;
    - an anonymous appeal is registered and routed to the clerk without a term;
    - late forwarding is recorded with a "late" flag rather than refused.
    """

    code: str = "by-appeals-2023"
    title: str = "Belarus, Law No. 300-Z of 18 July 2011 as amended by Law No. 176-Z (2023)"
    standard_term: TermLength = TermLength(15, TermUnit.CALENDAR_DAYS)
    further_study_term: TermLength = TermLength(1, TermUnit.MONTHS)
    forwarding_term: TermLength = TermLength(5, TermUnit.WORKING_DAYS)
    accepted_languages: frozenset[str] = frozenset({"be", "ru"})
    without_consideration_reasons: frozenset[str] = _BY_REASONS
