"""Personal-data spans, how overlapping finds are settled, and the redacted text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

PersonalDataKind = Literal[
    "name", "phone", "email", "address", "personal_id", "passport", "card", "plate"
]

KINDS: tuple[PersonalDataKind, ...] = (
    "name",
    "phone",
    "email",
    "address",
    "personal_id",
    "passport",
    "card",
    "plate",
)

PLACEHOLDERS: dict[PersonalDataKind, str] = {
    "name": "[NAME]",
    "phone": "[PHONE]",
    "email": "[EMAIL]",
    "address": "[ADDRESS]",
    "personal_id": "[PERSONAL_ID]",
    "passport": "[PASSPORT]",
    "card": "[CARD]",
    "plate": "[PLATE]",
}

# When two finds overlap, the more certain kind wins: checksums and fixed formats
# before street patterns, and those before guessed names.
_PRIORITY: dict[PersonalDataKind, int] = {
    "email": 0,
    "personal_id": 1,
    "card": 2,
    "passport": 3,
    "phone": 4,
    "plate": 5,
    "address": 6,
    "name": 7,
}


@dataclass(frozen=True, order=True)
class PersonalDataSpan:
    """One piece of personal data: ``text[start:end]`` and what kind it is."""

    start: int
    end: int
    kind: PersonalDataKind
    text: str


def make_span(text: str, start: int, end: int, kind: PersonalDataKind) -> PersonalDataSpan:
    """Gives a span with surrounding spaces and trailing punctuation trimmed off."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end > start and text[end - 1] == "." and _ends_sentence(text, start, end - 1):
        end -= 1
    return PersonalDataSpan(start, end, kind, text[start:end])


def _ends_sentence(text: str, start: int, dot: int) -> bool:
    """Tells whether the dot closes a sentence rather than an abbreviation (St., кв.)."""
    word_start = dot
    while word_start > start and text[word_start - 1].isalpha():
        word_start -= 1
    return dot - word_start > 4


def settle_overlaps(spans: Iterable[PersonalDataSpan]) -> tuple[PersonalDataSpan, ...]:
    """Gives the spans in text order with overlaps removed, keeping the surer kind.

    Between spans of the same kind the longer one stays.
    """
    ranked = sorted(
        (s for s in spans if s.end > s.start),
        key=lambda s: (_PRIORITY[s.kind], -(s.end - s.start), s.start),
    )
    kept: list[PersonalDataSpan] = []
    for span in ranked:
        if all(span.end <= other.start or span.start >= other.end for other in kept):
            kept.append(span)
    return tuple(sorted(kept))


def redact(text: str, spans: Iterable[PersonalDataSpan]) -> str:
    """Gives the text with every span replaced by its typed placeholder.

    Overlapping spans are settled first, so the result never garbles the text.

    >>> redact("тел. 8029 1234567", [PersonalDataSpan(5, 17, "phone", "8029 1234567")])
    'тел. [PHONE]'
    """
    pieces: list[str] = []
    cursor = 0
    for span in settle_overlaps(spans):
        pieces.append(text[cursor : span.start])
        pieces.append(PLACEHOLDERS[span.kind])
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)
