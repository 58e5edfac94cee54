"""Importing historic appeals from CSV: every row is checked first, then all are stored at once.

``check_import_appeals(body, text, file_name)`` reads a UTF-8 CSV with a header row
(columns in `COLUMNS`; `OPTIONAL_COLUMNS` may be added), checks every row, and raises
`ImportRefused` with one "FILE:LINE: message" per problem when any row is bad, so that
nothing of a bad file is stored. Otherwise it stores all new rows in one transaction
through `ratusha.appeals.imports.history` (numbers, terms, events and counters exactly
as for the demo history) and gives an `ImportReport`.

Rows already imported are skipped: a row with a number is known by its number, and
every row by the hash of its content, kept in its registration event
(``extra["import_hash"]``). Naive times are read in the body's time zone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.appeals.choices import ApplicantKind, Channel, State
from ratusha.appeals.imports.history import PastAppeal, Step, plan_rows
from ratusha.appeals.imports.rows import (
    Catalogue,
    Row,
    applicant_problems,
    check_number,
    fingerprint,
    header_problems,
    language_of,
    read_rows,
    when,
)
from ratusha.appeals.imports.statuses import ANSWERED, WITH_ANSWER_TEXT, steps_to
from ratusha.appeals.imports.writing import save_rows
from ratusha.appeals.models import Appeal, AppealEvent, RegistrationCounter
from ratusha.appeals.policy import calendar_for
from ratusha.bodies.models import Body


class ImportRefused(Exception):
    """The file has bad rows; ``problems`` holds one "FILE:LINE: message" each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportReport:
    """What an import did: appeals stored, rows skipped as already imported, numbers given."""

    imported: int
    skipped: int
    first_number: str = ""
    last_number: str = ""


@dataclass
class _Checked:
    """What one row's check found: the appeal to store, or the problems."""

    past: PastAppeal | None
    errors: list[str]
    merge_target: str = ""


def _check_row(row: Row, cat: Catalogue) -> _Checked:
    """Check one row and give the appeal it describes, or its problems."""
    values = row.values
    zone = ZoneInfo(cat.body.time_zone)
    errors: list[str] = []
    if "\0extra" in values:
        errors.append(_("The row has more cells than the header."))
    registered = when(values.get("registered_at", ""), zone, "registered_at", cat.now, errors)
    if registered is None and not values.get("registered_at"):
        errors.append(_("registered_at: the date of registration is required."))
    answered = when(values.get("answered_at", ""), zone, "answered_at", cat.now, errors)
    channel = values.get("channel", "") or Channel.IMPORT
    if channel not in Channel.values:
        errors.append(
            _("channel: %(value)s is not one of %(allowed)s.")
            % {"value": channel, "allowed": ", ".join(Channel.values)}
        )
    errors += applicant_problems(values)
    category = cat.categories.get(values.get("category", ""))
    if values.get("category") and category is None:
        errors.append(
            _("category: this body has no category %(code)s.") % {"code": values["category"]}
        )
    department = cat.departments.get(values.get("department", ""))
    if values.get("department") and department is None:
        errors.append(
            _("department: this body has no department %(code)s.") % {"code": values["department"]}
        )
    if department is None and category is not None and not values.get("department"):
        department = category.default_department
    raw_status = values.get("status", "")
    status = State(raw_status) if raw_status in State.values else None
    if status is None:
        errors.append(
            _("status: %(value)s is not one of %(allowed)s.")
            % {"value": raw_status, "allowed": ", ".join(State.values)}
        )
    elif status in (State.REGISTERED, State.TRIAGE) and values.get("department"):
        errors.append(
            _("department: an appeal with status %(status)s is not assigned yet.")
            % {"status": status.value}
        )
    if (
        status is not None
        and status in ANSWERED
        and answered is None
        and not values.get("answered_at")
    ):
        errors.append(_("answered_at: an answered appeal needs the date of the answer."))
    if status is not None and status not in ANSWERED and values.get("answered_at"):
        errors.append(
            _("answered_at: the appeal with status %(status)s has no answer yet.")
            % {"status": status.value}
        )
    if (
        status is not None
        and status in WITH_ANSWER_TEXT
        and len(values.get("answer_text", "")) < 10
    ):
        errors.append(
            _("answer_text: the appeal with status %(status)s needs the text of its answer.")
            % {"status": status.value}
        )
    if status is not None and status not in WITH_ANSWER_TEXT and values.get("answer_text"):
        errors.append(
            _("answer_text: the appeal with status %(status)s has no answer yet.")
            % {"status": status.value}
        )
    if registered and answered and answered < registered:
        errors.append(_("answered_at: the answer cannot come before the registration."))
    errors += check_number(values, cat.body, registered)
    language = values.get("language") or language_of(values.get("text", ""))
    if language not in ("be", "ru", "en"):
        errors.append(_("language: use be, ru or en."))
    steps: tuple[Step, ...] = ()
    if status is not None and registered is not None:
        steps = steps_to(status, registered, answered, department, values, cat, errors)
    if errors or registered is None:
        return _Checked(None, errors)
    past = PastAppeal(
        registered_at=registered,
        channel=channel,
        text=values["text"],
        applicant_name=values["applicant_name"],
        language=language,
        applicant_email=values.get("applicant_email", ""),
        applicant_phone=values.get("applicant_phone", ""),
        applicant_address=values.get("applicant_address", ""),
        applicant_kind=ApplicantKind.LEGAL_ENTITY
        if values.get("organisation")
        else ApplicantKind.INDIVIDUAL,
        organisation=values.get("organisation", ""),
        category_id=category.pk if category else None,
        steps=steps,
        answers=(values["answer_text"],) if values.get("answer_text") else (),
        number=values.get("number", ""),
        marker={"source": "import", "import_hash": row.fingerprint},
    )
    return _Checked(past, [], values.get("merged_into", "") if status is State.MERGED else "")


def _imported_hashes(body: Body) -> set[str]:
    return set(
        AppealEvent.objects.filter(
            appeal__body=body, action="register", extra__has_key="import_hash"
        ).values_list("extra__import_hash", flat=True)
    )


def _cross_row_problems(
    rows: list[Row], checked: dict[int, _Checked], body: Body, done: set[str]
) -> dict[int, list[str]]:
    """Give the problems no single row shows: numbers used twice, merges into nothing."""
    problems: dict[int, list[str]] = {}
    numbers = [row.values.get("number", "") for row in rows]
    taken = set(
        Appeal.objects.filter(number__in=[n for n in numbers if n]).values_list("number", flat=True)
    )
    first_line: dict[str, int] = {}
    for n, row in enumerate(rows):
        number = numbers[n]
        if not number or row.fingerprint in done:
            continue
        if number in first_line:
            problems.setdefault(n, []).append(
                _("number: %(value)s is already used on line %(line)d.")
                % {"value": number, "line": first_line[number]}
            )
        elif number in taken:
            problems.setdefault(n, []).append(
                _("number: %(value)s is already used by another appeal.") % {"value": number}
            )
        first_line.setdefault(number, row.line)
    targets = {c.merge_target for c in checked.values() if c.merge_target}
    known = set(numbers) | set(
        Appeal.objects.filter(body=body, number__in=targets).values_list("number", flat=True)
    )
    for n, result in checked.items():
        if result.merge_target and (
            result.merge_target not in known or result.merge_target == numbers[n]
        ):
            problems.setdefault(n, []).append(
                _("merged_into: this body has no other appeal %(value)s.")
                % {"value": result.merge_target}
            )
    return problems


def check_import_appeals(
    body: Body, text: str, file_name: str, *, now: datetime | None = None
) -> ImportReport:
    """Check every row of a CSV of historic appeals, then store them all in one transaction.

    Raises ImportRefused with every problem found ("FILE:LINE: message") and stores
    nothing when any row is bad. Rows imported before are skipped.
    """
    now = now or timezone.now()
    header, rows = read_rows(text)
    problems = header_problems(header, file_name)
    if problems:
        raise ImportRefused(problems)
    seen: Counter[str] = Counter()
    for row in rows:
        content = fingerprint(row.values, 0)
        row.fingerprint = fingerprint(row.values, seen[content])
        seen[content] += 1
    with transaction.atomic():
        # Lock the counters first, so that live registrations wait for the import.
        list(RegistrationCounter.objects.select_for_update().filter(body=body))
        done = _imported_hashes(body)
        catalogue = Catalogue.of(body, now)
        checked = {
            n: _check_row(row, catalogue)
            for n, row in enumerate(rows)
            if row.fingerprint not in done
        }
        extra = _cross_row_problems(rows, checked, body, done)
        for n, result in checked.items():
            for message in [*result.errors, *extra.get(n, [])]:
                problems.append(f"{file_name}:{rows[n].line}: {message}")
        if problems:
            raise ImportRefused(problems)
        order = sorted(checked)
        pasts = [checked[n].past for n in order]
        planned = plan_rows(body, [p for p in pasts if p is not None], calendar=calendar_for(body))
        if planned.errors:
            raise ImportRefused(
                [f"{file_name}:{rows[order[i]].line}: {message}" for i, message in planned.errors]
            )
        appeals = save_rows(body, planned)
    numbers = sorted(a.number for a in appeals)
    return ImportReport(
        imported=len(appeals),
        skipped=len(rows) - len(checked),
        first_number=numbers[0] if numbers else "",
        last_number=numbers[-1] if numbers else "",
    )
