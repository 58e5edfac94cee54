"""What the detector and the appeal's own details say must go: proposals, rechecks, summaries.

The triage detector (``ratusha_core.triage.personal_data``) finds what looks like personal
data; ``ratusha_core.publication.find_own_details`` finds what the appeal row knows is
the applicants'. A text is redacted for both, and a clerk's edit is checked for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from ratusha_core.publication import SUMMARY_LENGTH, Person, find_own_details, shorten
from ratusha_core.triage.personal_data import PersonalDataSpan, find_personal_data, redact
from ratusha_core.triage.personal_data.spans import settle_overlaps


@dataclass(frozen=True)
class Redaction:
    """A text with its personal data replaced, and the spans found in the original."""

    text: str
    spans: tuple[PersonalDataSpan, ...]


def people_of(appeal: Any) -> list[Person]:
    """Give the applicant and the co-applicants of an appeal as the row knows them."""
    people = [
        Person(
            appeal.applicant_name,
            appeal.applicant_email,
            appeal.applicant_phone,
            appeal.applicant_address,
        )
    ]
    if appeal.organisation:
        people.append(Person(name=appeal.organisation))
    people.extend(Person(c.name, c.email, c.phone, c.address) for c in appeal.co_applicants.all())
    return people


def uses_ner() -> bool:
    """Tell whether name-finding NER runs (the same switch as triage's)."""
    return bool(getattr(settings, "RATUSHA_TRIAGE_NER", True))


def find_all(
    text: str, people: list[Person], language: str | None, use_ner: bool | None = None
) -> tuple[PersonalDataSpan, ...]:
    """Give every span the detector finds and every repeat of the people's own details.

    ``use_ner`` None follows the settings; the demo turns NER off for speed.
    """
    lang = language if language in ("be", "ru", "en") else None
    ner = uses_ner() if use_ner is None else use_ner
    found = list(find_personal_data(text, lang, use_ner=ner))
    found.extend(find_own_details(text, people))
    return settle_overlaps(found)


def redact_text(
    text: str, people: list[Person], language: str | None, use_ner: bool | None = None
) -> Redaction:
    """Give the text redacted for personal data and the applicants' own details."""
    spans = find_all(text, people, language, use_ner)
    return Redaction(redact(text, spans), spans)


def summarise_answer(
    text: str, people: list[Person], language: str | None, use_ner: bool | None = None
) -> str:
    """Give the public summary of an answer: redacted first, then its opening sentences.

    Only the opening (with room to spare) is redacted, so long answers cost no more.
    """
    opening = shorten(text, SUMMARY_LENGTH * 2)
    return shorten(redact_text(opening, people, language, use_ner).text)


def spans_as_json(spans: tuple[PersonalDataSpan, ...]) -> list[dict[str, Any]]:
    return [{"kind": s.kind, "start": s.start, "end": s.end} for s in spans]
