"""The applicant's own details wherever a text repeats them: names, e-mails, phones, addresses.

The detector in ``ratusha_core.triage.personal_data`` finds what looks like personal
data; this finds what *is* the applicant's, because the appeal row knows it. Names are
found in their inflected forms too ("Ганне Жук", "Ивановой"), phones whatever the
separators, addresses by the street and house number they contain.

    >>> people = (Person(name="Ганна Жук", phone="+375 29 123-45-67"),)
    >>> [s.text for s in find_own_details("Паважаная Ганна Жук! Тэл. 80291234567.", people)]
    ['Ганна', 'Жук', '80291234567']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ratusha_core.triage.personal_data import PersonalDataSpan, redact
from ratusha_core.triage.personal_data.spans import make_span, settle_overlaps

from .streets import street_of

# Endings a Belarusian or Russian name takes when declined (Жук -> Жука, Ганна -> Ганне).
_ENDING = r"(?:[аяуюеёиыіоьйэў]|ой|ей|ою|ею|ам|ям|ом|ем|ым|им|ах|ях|ых|их|ов|ев|аў|яў|ай|яй)?"
_MIN_NAME_PART = 3  # shorter parts (initials, "Ли") would hit ordinary words
_MIN_PHONE_DIGITS = 7


@dataclass(frozen=True)
class Person:
    """One applicant's own details as the appeal row holds them (any may be empty)."""

    name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""


def find_own_details(text: str, people: Iterable[Person]) -> tuple[PersonalDataSpan, ...]:
    """Give the spans of the text that repeat any person's name, e-mail, phone or address."""
    spans: list[PersonalDataSpan] = []
    for person in people:
        spans.extend(_names(text, person.name))
        spans.extend(_emails(text, person.email))
        spans.extend(_phones(text, person.phone))
        spans.extend(_addresses(text, person.address))
    return settle_overlaps(spans)


def redact_own_details(text: str, people: Iterable[Person]) -> str:
    """Give the text with every repeat of the people's own details replaced by a placeholder."""
    return redact(text, find_own_details(text, people))


def _name_stem(part: str) -> str:
    """Give the part of a name every declined form starts with (the nominative minus its ending)."""
    stem = re.sub(r"(?:ий|ый|ой|ая|яя|ий|а|я|ь|й|о|е|ы|і|ў)$", "", part, flags=re.IGNORECASE)
    return stem if len(stem) >= _MIN_NAME_PART - 1 else part


def _names(text: str, name: str) -> Iterator[PersonalDataSpan]:
    parts = [p for p in re.split(r"[\s,.\-]+", name) if len(p) >= _MIN_NAME_PART]
    for part in parts:
        if not any(ch.isalpha() for ch in part):
            continue
        stem = re.escape(_name_stem(part))
        pattern = re.compile(rf"(?<!\w){stem}(?:{_ENDING}|ов(?:а|ой|у|ым)?|ин(?:а|ой|у|ым)?)(?!\w)")
        for match in pattern.finditer(text):
            yield make_span(text, match.start(), match.end(), "name")
        # The whole name in one piece, also when the text holds it in capitals.
        for match in re.finditer(re.escape(part), text, flags=re.IGNORECASE):
            if _whole_word(text, match.start(), match.end()):
                yield make_span(text, match.start(), match.end(), "name")


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _emails(text: str, email: str) -> Iterator[PersonalDataSpan]:
    email = email.strip()
    if not email:
        return
    for match in re.finditer(re.escape(email), text, flags=re.IGNORECASE):
        yield make_span(text, match.start(), match.end(), "email")
    local = email.split("@", 1)[0]
    if len(local) >= 4:  # the mailbox name alone identifies the person too
        for match in re.finditer(rf"(?<![\w.]){re.escape(local)}(?![\w])", text, re.IGNORECASE):
            yield make_span(text, match.start(), match.end(), "email")


# Runs of digits with the separators people put in phone numbers.
_DIGIT_RUN = re.compile(r"\+?\d(?:[\d\s().\-]{0,24}\d)?")


def _phones(text: str, phone: str) -> Iterator[PersonalDataSpan]:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < _MIN_PHONE_DIGITS:
        return
    # The subscriber number: the last 7 digits, whatever the country or operator prefix.
    tail = digits[-_MIN_PHONE_DIGITS:]
    for match in _DIGIT_RUN.finditer(text):
        found = re.sub(r"\D", "", match.group(0))
        if tail in found:
            yield make_span(text, match.start(), match.end(), "phone")


def _addresses(text: str, address: str) -> Iterator[PersonalDataSpan]:
    address = " ".join(address.split())
    if not address:
        return
    whole = re.escape(address).replace(r"\ ", r"\s+")
    for match in re.finditer(whole, text, flags=re.IGNORECASE):
        yield make_span(text, match.start(), match.end(), "address")
    yield from _flats(text, address)
    street = street_of(address)
    words = [w for w in re.findall(r"[^\W\d_]{3,}", street or "") if w[0].isupper()]
    house = _house_number(address, words[0]) if words else None
    if house is None:
        return
    # The street's name (not the marker), then the house number within a few words.
    name = re.escape(_name_stem(words[0]))
    pattern = re.compile(
        rf"(?<!\w)\w*\.?\s*{name}\w*[\s,.]{{1,4}}(?:\w{{1,5}}\.?\s*)?№?\s*{house}"
        r"(?:\s*[/-]\s*\d+)?(?:[\s,]*(?i:кв\.?|квартира|кват\.?|flat|apt\.?)\s*\d+)?(?!\d)"
    )
    # English order: the house number first ("12 Baker Street").
    number_first = re.compile(
        rf"(?<![\w-]){house}[a-zA-Z]?,?\s+(?:[\w'’-]+\s+){{0,2}}{name}\w*(?:\s+\w+\.?)?"
    )
    for found in (pattern, number_first):
        for match in found.finditer(text):
            yield make_span(text, match.start(), match.end(), "address")


# A flat word in any case form ("квартирой", "кватэры"), then the number.
_FLAT_WORDS = r"(?:кв\.?|квартир\w*|кват\.?|кватэр\w*|flat|apt\.?|apartment|unit)"


def _flats(text: str, address: str) -> Iterator[PersonalDataSpan]:
    """Give every mention of the address's flat number with a flat word, in any form."""
    for flat in re.findall(rf"(?i)(?<!\w){_FLAT_WORDS}\s*№?\s*(\d{{1,4}})(?!\d)", address):
        pattern = rf"(?i)(?<!\w){_FLAT_WORDS}\s*(?:№|No\.?)?\s*{flat}(?!\d)"
        for match in re.finditer(pattern, text):
            yield make_span(text, match.start(), match.end(), "address")


def _house_number(address: str, street_word: str) -> str | None:
    """Give the house number next to the street's name: after it ("Ленина, 5"), else before."""
    at = address.find(street_word)
    if at < 0:
        return None
    after = re.match(
        r"[^\d,]*[\s,]*(?i:д\.|дом|house|no\.?|№)?\s*(\d+)", address[at + len(street_word) :]
    )
    if after:
        return after.group(1)
    before = re.search(r"(\d+)[a-zA-Z]?,?\s+\S*$", address[:at] + "x")
    return before.group(1) if before else None
