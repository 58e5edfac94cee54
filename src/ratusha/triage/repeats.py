"""Repeated appeals: an earlier answered appeal of the same applicant on the same question.

The law lets a body leave without consideration an appeal that repeats a question it
already answered when the new one brings nothing new (reason ``repeated_nothing_new``).
Triage only flags the likely repeat; an officer reads both and decides.

The same applicant is the same account or the same e-mail address, in the same body; an
appeal with neither (on paper, oral) is matched by its phone number in the usual ways of
writing it. Each is one indexed lookup (the phone one is not indexed yet), so the check
stays cheap on a large history.

Personal data (the applicant's own details and whatever the detector finds: names,
phones, addresses) is blanked out of both texts before comparing: every appeal of a
person repeats their name and address, which says nothing about the question. A few of
the body's recent texts teach the comparison which phrases are everyday ones. On a
labelled set of pairs (``tests/triage/test_repeats.py``) the threshold 0.5 keeps every
"same person, other question" pair out and flags five of six rephrased repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Appeal
from ratusha.triage.duplicates import Candidate, find_duplicates
from ratusha_core.publication.own_details import Person, find_own_details
from ratusha_core.triage.personal_data import find_personal_data
from ratusha_core.workflow import BELARUS_2023_RULES, AppealState

REPEAT_MIN_SCORE = 0.5
POOL = 20  # the applicant's latest answered appeals compared
BACKGROUND = 40  # the body's latest texts that weigh the n-grams
PHONE_DIGITS = 9  # a Belarusian number without the country or trunk prefix
ANSWERED = (str(AppealState.ANSWERED), str(AppealState.CLOSED))
_NOT_DIGIT = re.compile(r"\D")
_SPACES = re.compile(r"\s+")
_LEAVE = BELARUS_2023_RULES.transition("leave_without_consideration")
# Where "leave without consideration" may start from (the workflow's sources of that action).
LEAVE_STATES = frozenset(str(s) for s in (_LEAVE.sources if _LEAVE else ()))


def phone_key(phone: str) -> str:
    """Give the last nine digits of a phone number ('' when it has fewer than seven).

    >>> phone_key("+375 (29) 123-45-67") == phone_key("8 029 1234567")
    True
    """
    digits = _NOT_DIGIT.sub("", phone or "")
    return digits[-PHONE_DIGITS:] if len(digits) >= 7 else ""


def question_text(text: str, person: Person) -> str:
    """Give the text with personal data blanked out, keeping only the question's words."""
    spans = [*find_personal_data(text, None, use_ner=False), *find_own_details(text, [person])]
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return _SPACES.sub(" ", "".join(chars)).strip()


def phone_forms(phone: str) -> list[str]:
    """Give the ways a Belarusian number is usually written (for an exact, indexed lookup).

    >>> "80291234567" in phone_forms("+375 (29) 123-45-67")
    True
    """
    key = phone_key(phone)
    if len(key) != PHONE_DIGITS:
        return [phone] if phone else []
    code, rest = key[:2], key[2:]
    grouped = f"{rest[:3]}-{rest[3:5]}-{rest[5:]}"
    forms = {
        phone,
        f"+375{key}",
        f"375{key}",
        f"80{key}",
        f"8{key}",
        f"+375 {code} {rest}",
        f"+375 {code} {grouped}",
        f"+375 ({code}) {grouped}",
        f"+375({code}){grouped}",
        f"+375 ({code}) {rest}",
        f"8 0{code} {rest}",
        f"8 0{code} {grouped}",
        f"8 (0{code}) {grouped}",
        f"8(0{code}){grouped}",
        f"80{code} {grouped}",
        f"80{code}{grouped}",
    }
    return sorted(forms)


def _earlier_of_applicant(appeal: Appeal) -> list[dict[str, Any]]:
    """Give the applicant's earlier answered appeals of the body, newest first (indexed reads).

    By account and by e-mail; by phone only when the appeal gives neither (paper and oral
    appeals), in the usual ways of writing the number.
    """
    earlier = Appeal.objects.filter(
        body_id=appeal.body_id, state__in=ANSWERED, registered_at__lt=appeal.registered_at
    ).exclude(pk=appeal.pk)
    ways = []
    if appeal.citizen_id is not None:
        ways.append(Q(citizen_id=appeal.citizen_id))
    email = appeal.applicant_email.strip()
    if email:
        ways.append(Q(applicant_email__in=sorted({email, email.lower()})))
    if not ways and phone_key(appeal.applicant_phone):
        ways.append(Q(applicant_phone__in=phone_forms(appeal.applicant_phone)))
    found: dict[int, dict[str, Any]] = {}
    for way in ways:  # one query each, so that each can use its index
        rows = earlier.filter(way).order_by("-registered_at")
        for row in rows.values("pk", "text", "registered_at")[:POOL]:
            found[row["pk"]] = row
    return sorted(found.values(), key=lambda r: (r["registered_at"], r["pk"]), reverse=True)


def find_repeat(appeal: Appeal) -> tuple[int, float] | None:
    """Give (earlier appeal id, similarity) of the likely repeat, or None.

    Only answered (or closed after the answer) appeals registered before this one count.
    """
    if not appeal.text.strip():
        return None
    earlier = _earlier_of_applicant(appeal)[:POOL]
    if not earlier:
        return None
    person = Person(
        appeal.applicant_name,
        appeal.applicant_email,
        appeal.applicant_phone,
        appeal.applicant_address,
    )
    recent = (
        Appeal.objects.filter(body_id=appeal.body_id)
        .exclude(pk=appeal.pk)
        .order_by("-registered_at")
        .values_list("text", flat=True)[:BACKGROUND]
    )
    background = [text[:1000] for text in recent]
    earlier_texts = [(row["pk"], row["text"]) for row in earlier]
    return best_repeat(appeal.text, earlier_texts, person, background)


def best_repeat(
    text: str, earlier: list[tuple[int, str]], person: Person, background: list[str]
) -> tuple[int, float] | None:
    """Give (id, similarity) of the earlier text most like this one's question, if close enough."""
    found = find_duplicates(
        question_text(text, person),
        None,
        [Candidate(pk, question_text(other, person)) for pk, other in earlier],
        min_score=REPEAT_MIN_SCORE,
        limit=1,
        background=background,
    )
    return found[0] if found else None


def repeat_fields(appeal: Appeal) -> dict[str, Any]:
    """Give the ``TriageResult`` values of the repeat flag: ``repeat_of_id`` and its score."""
    found = find_repeat(appeal)
    if found is None:
        return {"repeat_of_id": None, "repeat_score": None}
    return {"repeat_of_id": found[0], "repeat_score": found[1]}


@dataclass(frozen=True)
class RepeatFlag:
    """What the officer sees of a repeat: the earlier appeal, the similarity, a cited number."""

    earlier: Appeal
    percent: int
    cites_number: bool
    may_leave: bool


def repeat_flag(user: Any, appeal: Appeal, repeat_of_id: int | None, score: float | None) -> Any:
    """Give the flag of a likely repeat the user may open, or None."""
    if repeat_of_id is None:
        return None
    earlier = (
        appeals_for(user)
        .filter(pk=repeat_of_id)
        .only("pk", "number", "state", "summary", "answered_at", "registered_at")
        .first()
    )
    if earlier is None:
        return None
    return RepeatFlag(
        earlier=earlier,
        percent=round(100 * (score or 0.0)),
        cites_number=earlier.number in appeal.text,
        may_leave=appeal.state in LEAVE_STATES,
    )
