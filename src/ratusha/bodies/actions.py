"""Writes to bodies, departments and categories, including the all-or-nothing CSV import.

The import file has one row per record; the ``record`` column says which:

======== =====================================================================
record   columns used
======== =====================================================================
body     code, parent (a body code), kind, name_be, name_ru, name_en,
         time_zone, policy, description_be/_ru/_en, address, email, phone
dept     body, code, name_be, name_ru, name_en, email, phone
category body, code, parent (a category code), department (a department code),
         name_be, name_ru, name_en, keywords (separated by ``;``), public (yes/no)
======== =====================================================================

Rows are matched on their codes, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ratusha.bodies.choices import BodyKind, StatutoryPolicy
from ratusha.bodies.models import Body, Category, Department

RECORD_KINDS = ("body", "dept", "category")
_TEXT = ("name_be", "name_ru", "name_en")


@dataclass
class ImportReport:
    """What an import did, or the rows it refused (then nothing was written)."""

    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORD_KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORD_KINDS, 0))
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRefused(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__(f"{len(report.errors)} bad rows")
        self.report = report


def _row_error(row: dict[str, str], known: dict[str, set[str]]) -> str | None:
    kind = row.get("record", "").strip()
    if kind not in RECORD_KINDS:
        return f"record must be one of {', '.join(RECORD_KINDS)}, not {kind!r}"
    if not row.get("code", "").strip():
        return "code is empty"
    if not row.get("name_be", "").strip():
        return "name_be is empty"
    if kind == "body":
        if row.get("kind", "").strip() not in BodyKind.values:
            return f"kind must be one of {', '.join(BodyKind.values)}"
        parent = row.get("parent", "").strip()
        if parent and parent not in known["body"]:
            return f"parent body {parent!r} is neither in the database nor above this row"
        policy = row.get("policy", "").strip()
        if policy and policy not in StatutoryPolicy.values:
            return f"policy must be one of {', '.join(StatutoryPolicy.values)}"
        tz = row.get("time_zone", "").strip() or "Europe/Minsk"
        if tz not in zoneinfo.available_timezones():
            return f"unknown time zone {tz!r}"
        return None
    body = row.get("body", "").strip()
    if body not in known["body"]:
        return f"body {body!r} is neither in the database nor above this row"
    if kind == "category":
        dept = row.get("department", "").strip()
        if dept and f"{body}/{dept}" not in known["dept"]:
            return f"department {dept!r} of body {body!r} is unknown"
        parent = row.get("parent", "").strip()
        if parent and f"{body}/{parent}" not in known["category"]:
            return f"parent category {parent!r} is not above this row"
    return None


def _upsert(model: type[Any], lookup: dict[str, Any], values: dict[str, Any]) -> bool:
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if obj is None:
        obj = model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean(validate_unique=False)
    obj.save()
    return created


def _write(row: dict[str, str]) -> bool:
    kind = row["record"].strip()
    text = {name: row.get(name, "").strip() for name in _TEXT}
    if kind == "body":
        parent = row.get("parent", "").strip()
        return _upsert(
            Body,
            {"code": row["code"].strip()},
            {
                **text,
                "kind": row["kind"].strip(),
                "parent": Body.objects.get(code=parent) if parent else None,
                "time_zone": row.get("time_zone", "").strip() or "Europe/Minsk",
                "policy": row.get("policy", "").strip() or StatutoryPolicy.BELARUS_2023,
                **{
                    f"description_{c}": row.get(f"description_{c}", "").strip()
                    for c in "be ru en".split()
                },
                **{name: row.get(name, "").strip() for name in ("address", "email", "phone")},
            },
        )
    body = Body.objects.get(code=row["body"].strip())
    if kind == "dept":
        return _upsert(
            Department,
            {"body": body, "code": row["code"].strip()},
            {
                **text,
                "email": row.get("email", "").strip(),
                "phone": row.get("phone", "").strip(),
            },
        )
    dept, parent = row.get("department", "").strip(), row.get("parent", "").strip()
    return _upsert(
        Category,
        {"body": body, "code": row["code"].strip()},
        {
            **text,
            "default_department": Department.objects.get(body=body, code=dept) if dept else None,
            "parent": Category.objects.get(body=body, code=parent) if parent else None,
            "keywords": "\n".join(
                w.strip() for w in row.get("keywords", "").split(";") if w.strip()
            ),
            "is_public": row.get("public", "yes").strip().lower() not in {"no", "0", "false"},
        },
    )


def do_import_bodies(text: str) -> ImportReport:
    """Import bodies, departments and categories from CSV text, all rows or none.

    Raises ImportRefused, whose report names every bad row by its line number.
    """
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    report = ImportReport()
    known: dict[str, set[str]] = {
        "body": set(Body.objects.values_list("code", flat=True)),
        "dept": {f"{b}/{d}" for b, d in Department.objects.values_list("body__code", "code")},
        "category": {f"{b}/{c}" for b, c in Category.objects.values_list("body__code", "code")},
    }
    for offset, row in enumerate(rows):
        line = offset + 2  # the header is line 1
        row = {k: (v or "") for k, v in row.items() if k is not None}
        problem = _row_error(row, known)
        if problem:
            report.errors.append((line, problem))
        kind, code = row.get("record", "").strip(), row.get("code", "").strip()
        if kind in RECORD_KINDS and code:
            # Known even when the row is bad, so one mistake is not reported again below.
            known[kind].add(code if kind == "body" else f"{row.get('body', '').strip()}/{code}")
    if report.errors:
        raise ImportRefused(report)
    with transaction.atomic():
        for offset, row in enumerate(rows):
            clean = {k: (v or "") for k, v in row.items() if k is not None}
            try:
                created = _write(clean)
            except ValidationError as exc:
                report.errors.append((offset + 2, "; ".join(exc.messages)))
                continue
            bucket = report.created if created else report.updated
            bucket[clean["record"].strip()] += 1
        if report.errors:
            transaction.set_rollback(True)
            raise ImportRefused(report)
    return report


# Limits on what triage reads for a cold start: enough for a few examples per language.
MAX_KEYWORDS = 100
MAX_KEYWORD_CHARS = 100
MAX_EXAMPLES = 30
MAX_EXAMPLE_CHARS = 1000


def _clean_lines(text: str) -> list[str]:
    """Give the non-blank lines, trimmed, each once, in the order typed."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def check_edit_category_examples(
    user: Any, category: Category, keywords: str, examples: str
) -> Category:
    """Store a category's keywords and example appeals, one per line, for cold-start triage.

    Raises ``PermissionDenied`` unless the user may change the category, and
    ``ValidationError`` (by field) when there are too many lines or a line is too long.
    """
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from ratusha.accounts.permissions import can
    from ratusha_core.permissions import Action

    if not can(user, Action.CHANGE, category):
        raise PermissionDenied
    words, texts = _clean_lines(keywords), _clean_lines(examples)
    errors: dict[str, list[str]] = {}
    if len(words) > MAX_KEYWORDS or any(len(w) > MAX_KEYWORD_CHARS for w in words):
        errors["keywords"] = [
            _("Give at most %(n)d keywords of at most %(chars)d characters each.")
            % {"n": MAX_KEYWORDS, "chars": MAX_KEYWORD_CHARS}
        ]
    if len(texts) > MAX_EXAMPLES or any(len(t) > MAX_EXAMPLE_CHARS for t in texts):
        errors["examples"] = [
            _("Give at most %(n)d examples of at most %(chars)d characters each.")
            % {"n": MAX_EXAMPLES, "chars": MAX_EXAMPLE_CHARS}
        ]
    if errors:
        raise ValidationError(errors)
    return do_edit_category_examples(category, words, texts)


def do_edit_category_examples(
    category: Category, keywords: list[str], examples: list[str]
) -> Category:
    """Store the category's keywords and examples as given (trusted)."""
    category.keywords = "\n".join(keywords)
    category.examples = "\n".join(examples)
    category.save(update_fields=["keywords", "examples"])
    return category


MAX_SMS_DAILY_LIMIT = 1_000_000


def check_set_sms_limits(user: Any, body: Body, limit: int | None, budget: int | None) -> Body:
    """Set the body's own daily limit of text messages (None: the installation's; 0: none)
    and its monthly budget of SMS parts for the administrators' alert (None: no alert).

    Raises ``PermissionDenied`` unless the user may change the body (its administrators),
    and ``ValidationError`` for a negative or absurd number.
    """
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from ratusha.accounts.permissions import can
    from ratusha_core.permissions import Action

    if not can(user, Action.CHANGE, body):
        raise PermissionDenied
    errors = {
        name: [_("Give a number from 0 to %(n)d.") % {"n": MAX_SMS_DAILY_LIMIT}]
        for name, value in (("limit", limit), ("budget", budget))
        if value is not None and not 0 <= value <= MAX_SMS_DAILY_LIMIT
    }
    if errors:
        raise ValidationError(errors)
    body.sms_daily_limit = limit
    if (budget or None) != body.sms_monthly_budget:
        # A new budget alerts anew, even in a month whose old budget was reached.
        body.sms_budget_alerted = None
    body.sms_monthly_budget = budget or None  # 0 would alert at once: no alert
    body.save(update_fields=["sms_daily_limit", "sms_monthly_budget", "sms_budget_alerted"])
    return body
