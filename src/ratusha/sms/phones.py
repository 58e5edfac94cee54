"""Phone numbers in E.164 form (+375291234567), read with ``phonenumbers``.

A number written without a country code is read as one of ``RATUSHA_PHONE_REGION``
(Belarus, ``BY``, unless set).
"""

from __future__ import annotations

import phonenumbers
from django.conf import settings

# Kinds of number that can receive a text message.
_TEXTABLE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


class InvalidPhone(ValueError):
    """The text is not a valid phone number."""


def region() -> str:
    return (getattr(settings, "RATUSHA_PHONE_REGION", "") or "BY").upper()


def parse(raw: str) -> phonenumbers.PhoneNumber:
    """Give the parsed number, or raise InvalidPhone."""
    try:
        number = phonenumbers.parse(raw.strip(), region())
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(raw) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(raw)
    return number


def to_e164(raw: str) -> str:
    """Give the number in E.164 form, or raise InvalidPhone.

    >>> to_e164("8 (029) 123-45-67")
    '+375291234567'
    """
    return phonenumbers.format_number(parse(raw), phonenumbers.PhoneNumberFormat.E164)


def can_get_sms(raw: str) -> bool:
    """Tell whether the number is valid and of a kind that receives text messages."""
    try:
        return phonenumbers.number_type(parse(raw)) in _TEXTABLE
    except InvalidPhone:
        return False


def masked(e164: str) -> str:
    """Give the number with all but the country code and the last two digits hidden.

    >>> masked("+375291234567")
    '+375 *** ** 67'
    """
    try:
        number = parse(e164)
    except InvalidPhone:
        return "…" + e164[-2:]
    return f"+{number.country_code} *** ** {e164[-2:]}"
