"""Personal data in appeal texts: find it, then redact it with typed placeholders.

>>> text = "Звоните +375 29 123-45-67, пишите ivan@mail.by"
>>> redact(text, find_personal_data(text, "ru"))
'Звоните [PHONE], пишите [EMAIL]'
"""

from __future__ import annotations

from collections.abc import Collection

from .addresses import find_addresses
from .identifiers import (
    find_cards,
    find_emails,
    find_passports,
    find_personal_ids,
    find_phones,
    find_plates,
)
from .names import drop_dedications, find_names, tidy_ner_names
from .ner import find_names_ner, ner_available
from .spans import (
    KINDS,
    PLACEHOLDERS,
    PersonalDataKind,
    PersonalDataSpan,
    redact,
    settle_overlaps,
)

__all__ = [
    "KINDS",
    "PLACEHOLDERS",
    "PersonalDataKind",
    "PersonalDataSpan",
    "find_personal_data",
    "ner_available",
    "redact",
]

# natasha is trained on Russian news; Belarusian shares enough to help (measured in
# benchmarks/triage_language_pii.md), English does not.
_NER_LANGUAGES = frozenset({None, "ru", "be"})


def find_personal_data(
    text: str,
    language: str | None = None,
    *,
    kinds: Collection[PersonalDataKind] = KINDS,
    use_ner: bool = True,
) -> tuple[PersonalDataSpan, ...]:
    """Gives the personal data in a text as non-overlapping spans in text order.

    ``language`` (be/ru/en, or None when unknown) decides whether natasha's Russian NER
    adds names; it loads only when names are asked for and ``use_ner`` is on.
    """
    spans: list[PersonalDataSpan] = []
    if "email" in kinds:
        spans.extend(find_emails(text))
    if "personal_id" in kinds:
        spans.extend(find_personal_ids(text))
    if "card" in kinds:
        spans.extend(find_cards(text))
    if "passport" in kinds:
        spans.extend(find_passports(text))
    if "phone" in kinds:
        spans.extend(find_phones(text))
    if "plate" in kinds:
        spans.extend(find_plates(text))
    if "address" in kinds:
        spans.extend(find_addresses(text))
    if "name" in kinds:
        spans.extend(find_names(text))
        if use_ner and language in _NER_LANGUAGES:
            spans.extend(drop_dedications(text, tidy_ner_names(text, find_names_ner(text))))
    return settle_overlaps(spans)
