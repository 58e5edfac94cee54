"""Personal data with a fixed shape: e-mail, phone, personal number, passport, card, plate."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from .spans import PersonalDataSpan, make_span

# Latin letters and the Cyrillic ones that look the same: people type either.
_LOOKALIKES = "ABCEHIKMOPTXYАВСЕНІКМОРТХУ"

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")

# Belarusian personal number, e.g. 3140580A001PB3: sex/century digit, birth date DDMMYY,
# region letter, three digits, two letters, check digit.
_PERSONAL_ID = re.compile(
    r"(?<!\w)([1-6])(\d{2})(\d{2})\d{2}[A-ZА-ЯІЎ]\d{3}[A-ZА-ЯІЎ]{2}\d(?!\w)",
    re.IGNORECASE,
)

# Belarusian passport: series of two capital letters and seven digits (MP1234567).
_PASSPORT = re.compile(r"(?<!\w)[A-ZА-ЯІЎ]{2} ?№? ?\d{7}(?!\w)")
# Russian passport: 4-digit series and 6-digit number, recognised only after the word.
_PASSPORT_RU = re.compile(
    r"(?i:паспорт\w*|пашпарт\w*|passport)[^\d\n]{0,40}?(\d{2} ?\d{2} ?№? ?\d{6})(?!\d)"
)

_CARD = re.compile(
    r"(?<![\d\w])(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|\d{4}[ -]?\d{6}[ -]?\d{5}"
    r"|\d{13,19})(?![\d\w])"
)

# Belarus: 1234 AB-7 for cars, AB 1234-7 for lorries (region digit after the dash);
# Russia: А123ВС 77.
_PLATE_BY = re.compile(
    rf"(?<!\w)(?:\d{{4}} ?[{_LOOKALIKES}]{{2}}|[{_LOOKALIKES}]{{2}} ?\d{{4}}) ?[-–] ?[0-8](?!\w)",
    re.IGNORECASE,
)
_PLATE_RU = re.compile(rf"(?<!\w)[{_LOOKALIKES}] ?\d{{3}} ?[{_LOOKALIKES}]{{2}} ?\d{{2,3}}(?!\w)")

# City numbers without a code (222-33-44) that phonenumbers cannot validate.
_LOCAL_PHONE = re.compile(r"(?<![\d\w+-])\d{3}-\d{2}-\d{2}(?![\d\w-])")
_PHONE_REGIONS = ("BY", "RU")


def find_emails(text: str) -> Iterator[PersonalDataSpan]:
    """Gives e-mail addresses."""
    for match in _EMAIL.finditer(text):
        yield make_span(text, match.start(), match.end(), "email")


def find_personal_ids(text: str) -> Iterator[PersonalDataSpan]:
    """Gives Belarusian personal identification numbers whose date part is a real date."""
    for match in _PERSONAL_ID.finditer(text):
        day, month = int(match.group(2)), int(match.group(3))
        if 1 <= day <= 31 and 1 <= month <= 12:
            yield make_span(text, match.start(), match.end(), "personal_id")


def find_passports(text: str) -> Iterator[PersonalDataSpan]:
    """Gives passport numbers: Belarusian series + number, Russian ones after the word."""
    for match in _PASSPORT.finditer(text):
        yield make_span(text, match.start(), match.end(), "passport")
    for match in _PASSPORT_RU.finditer(text):
        yield make_span(text, match.start(1), match.end(1), "passport")


def find_cards(text: str) -> Iterator[PersonalDataSpan]:
    """Gives bank card numbers that pass the Luhn check (spaces or dashes allowed)."""
    for match in _CARD.finditer(text):
        raw = match.group()
        digits = re.sub(r"\D", "", raw)
        if 13 <= len(digits) <= 19 and luhn_valid(digits):
            yield make_span(text, match.start(), match.end(), "card")
        elif len(digits) > 16 and luhn_valid(digits[:16]):
            # A stray group after a 16-digit card: keep the card, leave the rest.
            end = match.start() + _position_after_digits(raw, 16)
            yield make_span(text, match.start(), end, "card")


def luhn_valid(digits: str) -> bool:
    """Tells whether a digit string passes the Luhn checksum used by bank cards."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _position_after_digits(raw: str, count: int) -> int:
    seen = 0
    for index, char in enumerate(raw):
        if char.isdigit():
            seen += 1
            if seen == count:
                return index + 1
    return len(raw)


def find_plates(text: str) -> Iterator[PersonalDataSpan]:
    """Gives vehicle registration plates in the Belarusian and Russian formats."""
    for pattern in (_PLATE_BY, _PLATE_RU):
        for match in pattern.finditer(text):
            yield make_span(text, match.start(), match.end(), "plate")


def find_phones(text: str, regions: tuple[str, ...] = _PHONE_REGIONS) -> Iterator[PersonalDataSpan]:
    """Gives phone numbers valid in Belarus (default) or Russia, and local 222-33-44 forms."""
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            yield make_span(text, match.start, match.end, "phone")
    for local in _LOCAL_PHONE.finditer(text):
        yield make_span(text, local.start(), local.end(), "phone")
