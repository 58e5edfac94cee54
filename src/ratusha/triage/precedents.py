"""The similar answered appeals a triage panel shows: the officer's precedents.

A queue page shows a hundred or more (three per card, many shared between cards), so they
are read as plain rows in two queries and their display strings worked out once each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Answer, Appeal
from ratusha.appeals.views_staff.addresses import Address
from ratusha.bodies.translated import LANGUAGE_CODES, pick
from ratusha.triage.models import TriageResult
from ratusha.triage.similar import answer_line

# What ``_similar.html`` shows of a similar answered appeal.
PRECEDENT_FIELDS = (
    "number",
    "registered_at",
    "state",
    "body__time_zone",
    *(f"{rel}__name_{code}" for rel in ("category", "department") for code in LANGUAGE_CODES),
)


@dataclass
class SimilarAppeal:
    """An answered appeal like this one, with how it ended: the officer's precedent.

    The display strings are worked out once per precedent, which many cards of a queue
    page share; only ``percent`` differs from card to card.
    """

    pk: int
    number: str
    answer: str
    percent: int
    url: str = ""
    registered: str = ""  # the date, in the precedent's body's time zone
    category: str = ""
    department: str = ""
    state: str = ""


def similar_answered(user: Any, results: Iterable[TriageResult]) -> dict[int, SimilarAppeal]:
    """Give the similar answered appeals the user may read, by id, with their last answer.

    Two queries for a whole queue page: the appeals (scoped by role, only the columns the
    panel shows) and their answers.
    """
    ids = {int(pk) for r in results for pk, _score in r.similar}
    if not ids:
        return {}
    visible = appeals_for(user).filter(pk__in=list(ids)).order_by().values("pk", *PRECEDENT_FIELDS)
    rows = {row["pk"]: row for row in visible}  # plain rows: a page holds a hundred or more
    answers: dict[int, str] = {}
    sent = Answer.objects.filter(appeal_id__in=list(rows), sent_at__isnull=False)
    for appeal_id, text in sent.order_by("appeal_id", "-sent_at").values_list("appeal_id", "text"):
        answers.setdefault(appeal_id, answer_line(text))
    appeal_page = Address("appeals:appeal")
    short_date = get_format("SHORT_DATE_FORMAT")  # what the date filter would look up each time
    no_category, no_department = _("no category"), _("no department")
    states = {value: str(label) for value, label in Appeal._meta.get_field("state").flatchoices}
    found = {}
    for pk, row in rows.items():
        registered = timezone.localtime(row["registered_at"], ZoneInfo(row["body__time_zone"]))
        found[pk] = SimilarAppeal(
            pk,
            row["number"],
            answers.get(pk, ""),
            percent=0,
            url=appeal_page(pk),
            registered=dateformat.format(registered, short_date),
            category=_name(row, "category") or no_category,
            department=_name(row, "department") or no_department,
            state=states.get(row["state"], row["state"]),
        )
    return found


def _name(row: dict[str, Any], relation: str) -> str:
    """Give the name of a row's category or department as ``TranslatedName.name`` does."""
    names = SimpleNamespace(**{f"name_{c}": row[f"{relation}__name_{c}"] for c in LANGUAGE_CODES})
    return pick(names, "name")
