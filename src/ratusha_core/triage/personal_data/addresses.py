"""Street addresses with a house number (and a flat), in Belarusian, Russian and English.

A street without a house number ("на улице Ленина нет света") names a place, not a
person, so it is left alone; so is "дом культуры" or "кв. м" of floor area.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .spans import PersonalDataSpan, make_span

_STREET_MARKER = (
    r"(?<!\w)(?i:ул\.|ул(?=\s)|улиц[аеуыи]|вул\.|вул(?=\s)|вуліц[аыеу]|пр-т|пр-кт|просп\.|"
    r"проспект[ауе]?|праспект[ау]?|праспекце|пр\.|пер\.|переул(?:ок|ка|ке|ку)|зав\.|завул(?:ак|ка|ку)|"
    r"бул\.|б-р|бульвар[ауе]?|пл\.|площад[ьи]|плошч[аыу]|ш\.|шоссе|шаш[аыу]|наб\.|"
    r"набережн(?:ая|ой|ую)|мкр\.|мкрн\.|микрорайон[ае]?|мікрараён[ае]?|пр-д|проезд[ае]?|"
    r"праезд[ае]?|тракт[ауе]?|туп\.|тупик[ае]?|тупік[ау]?)"
)
# A street name: capitalised words, ordinal numbers and a few lowercase linking words
# ("50 лет Октября", "1-й Ленинский", "Янкі Купалы").
_NAME_WORD = (
    r"(?:[A-ZА-ЯЁІЎ][\w'’.-]*|\d{1,3}-?[а-яёіў]{1,3}|\d{1,3}(?=\s+(?:лет|год|гадоў))"
    r"|лет|год[аы]?|гадоў|имени|імя)"
)
_STREET_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}"
_HOUSE_WORD = r"(?i:д\.|дом[аеу]?|№|house|bldg\.?|no\.)"
_HOUSE_NUMBER = (
    r"\d{1,4}(?:[а-яёіўa-z]|[А-ЯЁІЎA-Z](?!\w))?(?![\d.,]\d)"
    r"(?:\s?[/-]\s?\d{1,4}[а-яёіўa-z]?)?"
)
_BUILDING = r"(?:,?\s*(?i:корп\.|корпус|к\.|корп|building)\s*\d{1,3})?"
_FLAT_WORD = r"(?i:кв\.|кв(?=\s|\d)|квартир[аыеу]|кват\.|кватэр[аыеу]|flat|apt\.?|apartment)"
_FLAT = rf"(?:,?\s*{_FLAT_WORD}\s*№?\s*\d{{1,4}}[а-я]?(?!\s?м\b|\d))?"

_STREET_FIRST = re.compile(
    rf"{_STREET_MARKER}\s*{_STREET_NAME}\s*,?\s*(?:{_HOUSE_WORD}\s*)?{_HOUSE_NUMBER}"
    rf"{_BUILDING}{_FLAT}"
)
_HOUSE_FIRST = re.compile(
    rf"(?i:д\.|дом[аеу]?|доміку?)\s*№?\s*{_HOUSE_NUMBER}{_BUILDING}{_FLAT}\s+"
    rf"(?i:по|на|па)\s+{_STREET_MARKER}\s*{_STREET_NAME}"
)
_HOUSE_AND_FLAT = re.compile(
    rf"(?i:д\.|дом[аеу]?)\s*№?\s*{_HOUSE_NUMBER}{_BUILDING},?\s*{_FLAT_WORD}\s*№?\s*\d{{1,4}}"
    r"(?!\s?м\b|\d)"
)

# A flat on its own ("сосед из кв. 45") points at one household of a known building; a
# range ("квартиры 10-15") or floor area ("54 кв. м") does not.
_FLAT_ALONE = re.compile(rf"(?<!\w){_FLAT_WORD}\s*№?\s*\d{{1,4}}[а-я]?(?!\s?м\b|\d|\s?[-–]\s?\d)")

_EN_STREET_TYPE = (
    r"(?:Street|St\.?|street|Avenue|Ave\.?|avenue|Road|Rd\.?|road|Lane|lane|Boulevard|"
    r"Blvd\.?|Square|Sq\.?|Drive|Prospekt|Praspekt|prospekt|praspekt|Highway|Way)"
)
_EN_FLAT = r"(?:,?\s*(?i:flat|apt\.?|apartment|unit)\s*(?:No\.?\s*)?\d{1,4}[a-z]?)?"
_EN_NUMBER_FIRST = re.compile(
    rf"(?<![\w-])\d{{1,4}}[a-zA-Z]?,?\s+(?:[A-Z][\w'’-]*\s+){{1,3}}{_EN_STREET_TYPE}(?!\w)"
    rf"{_EN_FLAT}"
)
_EN_NAME_FIRST = re.compile(
    rf"(?:[A-Z][\w'’-]*\s+){{1,3}}{_EN_STREET_TYPE},?\s*(?:No\.?\s*)?"
    rf"\d{{1,4}}[a-zA-Z]?(?![\d.,]\d)(?:\s?[/-]\s?\d{{1,4}})?{_EN_FLAT}"
)

_EN_HOUSE_FIRST = re.compile(
    rf"(?i:house|building)\s*(?:No\.?\s*)?\d{{1,4}}[a-zA-Z]?{_EN_FLAT}\s+(?:on|in|at)\s+"
    rf"(?:[A-Z][\w'’-]*\s+){{1,3}}{_EN_STREET_TYPE}(?!\w)"
)
_EN_HOUSE_AND_FLAT = re.compile(
    r"(?i:house|building|bldg\.?)\s*(?:No\.?\s*)?\d{1,4}[a-zA-Z]?,?\s*"
    r"(?i:flat|apt\.?|apartment)\s*(?:No\.?\s*)?\d{1,4}(?!\d)"
)

_PATTERNS = (
    _STREET_FIRST,
    _HOUSE_FIRST,
    _HOUSE_AND_FLAT,
    _EN_NUMBER_FIRST,
    _EN_NAME_FIRST,
    _EN_HOUSE_FIRST,
    _EN_HOUSE_AND_FLAT,
    _FLAT_ALONE,
)


def find_addresses(text: str) -> Iterator[PersonalDataSpan]:
    """Gives street addresses that carry a house number, with building and flat if given."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            yield make_span(text, match.start(), match.end(), "address")
