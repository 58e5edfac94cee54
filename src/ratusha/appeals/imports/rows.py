"""Reading a CSV of historic appeals: its rows with their line numbers, and checks of cells.

The columns are in `COLUMNS` (and `OPTIONAL_COLUMNS`). Times are ISO 8601 dates or
date-times; a naive one is read in the body's time zone, and a date alone means the
start of that day there.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ratusha.appeals.policy import policy_for
from ratusha.bodies.models import Body, Category, Department

COLUMNS = (
    "registered_at",
    "channel",
    "applicant_name",
    "applicant_email",
    "applicant_phone",
    "applicant_address",
    "organisation",
    "text",
    "category",
    "department",
    "status",
    "answered_at",
    "answer_text",
    "number",
)
# reason: a statutory reason code for left_without_consideration; forwarded_to: a body
# code (default: the higher body); merged_into: the number of the appeal it joined.
OPTIONAL_COLUMNS = ("language", "reason", "forwarded_to", "merged_into")
REQUIRED_COLUMNS = ("registered_at", "applicant_name", "text", "status")

_BELARUSIAN = re.compile(r"[ўЎіІ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")


@dataclass
class Row:
    line: int
    values: dict[str, str]
    fingerprint: str = ""


@dataclass
class Catalogue:
    """The body's categories, departments and bodies, read once for the whole file."""

    body: Body
    categories: dict[str, Category]
    departments: dict[str, Department]
    bodies: dict[str, int]
    reasons: frozenset[str]
    now: datetime

    @classmethod
    def of(cls, body: Body, now: datetime) -> Catalogue:
        return cls(
            body=body,
            categories={c.code: c for c in Category.objects.filter(body=body)},
            departments={d.code: d for d in Department.objects.filter(body=body)},
            bodies=dict(Body.objects.values_list("code", "pk")),
            reasons=policy_for(body).without_consideration_reasons,
            now=now,
        )


def read_rows(text: str) -> tuple[list[str], list[Row]]:
    """Give the header and the rows of a CSV text, each row with the line it starts on."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    rows: list[Row] = []
    start = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            values = {
                name: cells[n].strip() if n < len(cells) else "" for n, name in enumerate(header)
            }
            if len(cells) > len(header):
                values["\0extra"] = "yes"
            rows.append(Row(line=start, values=values))
        start = reader.line_num + 1
    return header, rows


def parse_moment(value: str, zone: ZoneInfo) -> datetime:
    """Give an aware moment from an ISO 8601 date or date-time; naive ones are in ``zone``."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return datetime.combine(date.fromisoformat(value), time(0), tzinfo=zone)
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def language_of(text: str) -> str:
    """Guess the language of an appeal: Belarusian letters, other Cyrillic, or English."""
    if _BELARUSIAN.search(text):
        return "be"
    return "ru" if _CYRILLIC.search(text) else "en"


def fingerprint(values: dict[str, str], occurrence: int) -> str:
    """Give the hash that recognises a row when the same file is imported again."""
    content = {name: values.get(name, "") for name in (*COLUMNS, *OPTIONAL_COLUMNS)}
    raw = json.dumps([content, occurrence], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def header_problems(header: list[str], file_name: str) -> list[str]:
    known = set(COLUMNS) | set(OPTIONAL_COLUMNS)
    problems = [
        f"{file_name}:1: " + _("The column %(name)s is missing.") % {"name": name}
        for name in REQUIRED_COLUMNS
        if name not in header
    ]
    problems += [
        f"{file_name}:1: " + _("Unknown column %(name)s.") % {"name": name or '""'}
        for name in header
        if name not in known
    ]
    problems += [
        f"{file_name}:1: " + _("The column %(name)s appears twice.") % {"name": name}
        for name, count in Counter(header).items()
        if count > 1
    ]
    return problems


def when(
    value: str, zone: ZoneInfo, name: str, now: datetime, errors: list[str]
) -> datetime | None:
    if not value:
        return None
    try:
        moment = parse_moment(value, zone)
    except ValueError:
        errors.append(
            _("%(column)s: %(value)s is not an ISO 8601 date or date and time.")
            % {"column": name, "value": value}
        )
        return None
    if moment > now:
        errors.append(
            _("%(column)s: %(value)s is in the future.") % {"column": name, "value": value}
        )
        return None
    return moment


def applicant_problems(values: dict[str, str]) -> list[str]:
    errors = []
    if not values.get("applicant_name"):
        errors.append(_("applicant_name: the applicant's name is required."))
    email = values.get("applicant_email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                _("applicant_email: %(value)s is not an e-mail address.") % {"value": email}
            )
    if not email and not values.get("applicant_address"):
        errors.append(
            _(
                "Give applicant_email or applicant_address, "
                "so that the answer can reach the applicant."
            )
        )
    text = values.get("text", "")
    if len(text) < 10:
        errors.append(_("text: the text of the appeal is missing or too short."))
    elif len(text) > settings.RATUSHA_MAX_APPEAL_CHARS:
        errors.append(
            _("text: at most %(count)d characters.") % {"count": settings.RATUSHA_MAX_APPEAL_CHARS}
        )
    return errors


def check_number(values: dict[str, str], body: Body, registered: datetime | None) -> list[str]:
    number = values.get("number", "")
    if not number:
        return []
    match = re.fullmatch(rf"{re.escape(body.code)}-(\d{{4}})-(\d{{6}})", number)
    if match is None or int(match[2]) == 0:
        return [
            _("number: %(value)s does not follow the pattern %(pattern)s.")
            % {"value": number, "pattern": f"{body.code}-YYYY-NNNNNN"}
        ]
    if registered and int(match[1]) != registered.astimezone(ZoneInfo(body.time_zone)).year:
        return [_("number: %(value)s is not of the year of registration.") % {"value": number}]
    return []
