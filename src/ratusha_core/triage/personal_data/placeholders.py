"""Numbered placeholders that a person's own server can fill back in after a model has written.

``redact`` gives every name ``[NAME]``; a model that answers cannot say which name it
means. ``redact_numbered`` gives each distinct value its own placeholder (``[NAME_1]``,
``[NAME_2]``, the same value always the same one) and writes down in a ``PlaceholderBook``
what each one hides. The book lives in memory for one request: it is never sent, stored
or logged. ``fill_placeholders`` puts the values back into the model's text and marks the
bracketed places it cannot fill, so that a person sees and fills them.

>>> book = PlaceholderBook()
>>> text = "Ганна Жук, тэл. 8029 1234567. Ганна Жук."
>>> spans = [PersonalDataSpan(0, 9, "name", "Ганна Жук"),
...          PersonalDataSpan(16, 28, "phone", "8029 1234567"),
...          PersonalDataSpan(30, 39, "name", "Ганна Жук")]
>>> redact_numbered(text, spans, book)
'[NAME_1], тэл. [PHONE_1]. [NAME_1].'
>>> filled = fill_placeholders("Паважаная [NAME_1]! Мы патэлефануем на [PHONE_2].", book)
>>> filled.text, filled.gaps
('Паважаная Ганна Жук! Мы патэлефануем на [PHONE_2].', ('[PHONE_2]',))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .spans import PLACEHOLDERS, PersonalDataKind, PersonalDataSpan, settle_overlaps

# Anything a model writes in square brackets is a place for a person to fill: our numbered
# placeholders, bare ones ([NAME]) and the facts it was told not to invent ([дата рамонту]).
BRACKETED = re.compile(r"\[[^\[\]\n]{1,80}\]")
# Kinds whose values are the same whatever the spacing or punctuation.
_BY_CHARACTERS: frozenset[PersonalDataKind] = frozenset(
    {"personal_id", "passport", "card", "plate"}
)

SegmentKind = Literal["text", "filled", "gap"]


def _key(kind: PersonalDataKind, value: str) -> str:
    if kind == "phone":
        # 8029 1234567 and +375 29 123-45-67 are one number: compare the national 9 digits.
        digits = "".join(ch for ch in value if ch.isdigit())
        return digits[-9:] if len(digits) >= 9 else digits
    if kind in _BY_CHARACTERS:
        return "".join(ch for ch in value if ch.isalnum()).casefold()
    return " ".join(value.split()).casefold()


def numbered(kind: PersonalDataKind, n: int) -> str:
    """Give the n-th placeholder of a kind: ``numbered("name", 2)`` is ``[NAME_2]``."""
    return f"{PLACEHOLDERS[kind][:-1]}_{n}]"


@dataclass
class PlaceholderBook:
    """Which numbered placeholder stands for which original value, for one request only.

    Its ``repr`` shows the placeholders, never the values, so that it cannot leak into a
    log or an error report by accident.
    """

    _values: dict[str, str] = field(default_factory=dict, repr=False)
    _by_key: dict[tuple[PersonalDataKind, str], str] = field(default_factory=dict, repr=False)
    _counts: dict[PersonalDataKind, int] = field(default_factory=dict, repr=False)

    def placeholder_for(self, kind: PersonalDataKind, value: str) -> str:
        """Give the value's placeholder, numbering it when the value is new to the book."""
        key = (kind, _key(kind, value))
        if key not in self._by_key:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            placeholder = numbered(kind, self._counts[kind])
            self._by_key[key] = placeholder
            self._values[placeholder] = value.strip()
        return self._by_key[key]

    def value_of(self, placeholder: str) -> str | None:
        """Give the original value behind a placeholder, or None when the book has none."""
        return self._values.get(placeholder)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"PlaceholderBook({sorted(self._values)})"


def redact_numbered(text: str, spans: Iterable[PersonalDataSpan], book: PlaceholderBook) -> str:
    """Give the text with every span replaced by its numbered placeholder from the book.

    Unlike ``redact`` (whose output public summaries and open data rely on), equal values
    get equal placeholders and different values different ones; the book keeps them.
    """
    pieces: list[str] = []
    cursor = 0
    for span in settle_overlaps(spans):
        pieces.append(text[cursor : span.start])
        pieces.append(book.placeholder_for(span.kind, text[span.start : span.end]))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


@dataclass(frozen=True)
class Segment:
    """A piece of a filled-in text: plain ``text``, a ``filled`` value, or a ``gap`` to fill."""

    text: str
    kind: SegmentKind = "text"


@dataclass(frozen=True)
class FilledText:
    """A text with the placeholders filled in, as a whole and as segments to display."""

    text: str
    segments: tuple[Segment, ...]
    gaps: tuple[str, ...]  # the bracketed places left, in order of appearance
    filled: int  # how many placeholders were filled in


def _greeting_end(text: str) -> int:
    """Give where the greeting, the first non-empty line, ends."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def fill_placeholders(
    text: str,
    book: PlaceholderBook,
    *,
    greeting_name: str = "",
    fields: Mapping[str, str] | None = None,
) -> FilledText:
    """Give the text with the book's placeholders replaced by their values.

    A bare ``[NAME]`` in the greeting (the first line) becomes ``greeting_name`` when one is
    given: that is whom the answer greets. ``fields`` are literal markers to replace as
    well, such as a template's ``{name}``. Every other bracketed place stays as written and
    is reported as a gap: a placeholder the model invented, a number the book never gave,
    a fact for a person to supply.
    """
    literal = {k: v for k, v in (fields or {}).items() if k and v}
    pattern = BRACKETED
    if literal:
        alternatives = "|".join(re.escape(k) for k in sorted(literal, key=len, reverse=True))
        pattern = re.compile(f"{BRACKETED.pattern}|{alternatives}")
    greeting_end = _greeting_end(text)
    segments: list[Segment] = []
    gaps: list[str] = []
    filled = 0
    cursor = 0
    for found in pattern.finditer(text):
        token = found.group()
        if found.start() > cursor:
            segments.append(Segment(text[cursor : found.start()]))
        value = literal.get(token) or book.value_of(token)
        if value is None and token == PLACEHOLDERS["name"] and found.start() < greeting_end:
            value = greeting_name.strip() or None
        if value:
            segments.append(Segment(value, "filled"))
            filled += 1
        else:
            segments.append(Segment(token, "gap"))
            gaps.append(token)
        cursor = found.end()
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return FilledText(
        text="".join(s.text for s in segments),
        segments=tuple(segments),
        gaps=tuple(gaps),
        filled=filled,
    )
