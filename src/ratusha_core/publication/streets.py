"""The street of an address, without the house, the building, the flat or the postcode.

Addresses come as people write them, in Belarusian, Russian or English::

    >>> street_of("г. Зарэчанск, вул. Савецкая, д. 12, кв. 45")
    'вул. Савецкая'
    >>> street_of("220030, Минск, пр-т Независимости 4/2, корп. 3")
    'пр-т Независимости'
    >>> street_of("Flat 3, 12 Baker Street, Zarechansk")
    'Baker Street'
    >>> street_of("кв. 7") is None
    True

The result names a place many people share, never a household: every number that is
not part of the street's own name ("50 лет Октября", "1-й Ленинский") is dropped.
"""

from __future__ import annotations

import re

# Words that say "this part is a street" (abbreviated or not, in be/ru).
_MARKER = (
    r"ул\.?|улиц[аеуыи]|вул\.?|вуліц[аыеу]|пр-т|пр-кт|просп\.?|проспект[ауе]?|праспект[ау]?|"
    r"пр\.|пер\.?|переул(?:ок|ка|ке|ку)|зав\.?|завул(?:ак|ка|ку)|бул\.?|б-р|бульвар[ауе]?|"
    r"пл\.?|площад[ьи]|плошч[аыу]|ш\.|шоссе|шаш[аыу]|наб\.?|набережн(?:ая|ой|ую)|мкр\.?|"
    r"мкрн\.?|микрорайон[ае]?|мікрараён[ае]?|пр-д|проезд[ае]?|праезд[ае]?|тракт[ауе]?|"
    r"туп\.?|тупик[ае]?|тупік[ау]?"
)
_MARKER_WORD = re.compile(rf"(?<!\w)(?i:{_MARKER})(?=\s|\.|$|\d)")
_EN_TYPE = re.compile(
    r"(?<!\w)(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Square|Sq|Drive|Dr|"
    r"Prospekt|Praspekt|Highway|Way|Place|Pl|Court|Ct|Embankment|Alley)\b\.?",
    re.IGNORECASE,
)
# Parts that are not the street: the settlement, the district, the region, the country.
_SETTLEMENT = re.compile(
    r"^(?i:г\.|г\.\s*п\.|гп|город|горад|пос\.|пас\.|посёлок|пасёлак|в\.|вёска|д\.(?!\s*\d)|"
    r"деревня|аг\.|агрогородок|аграгарадок|р-н|район|раён|обл\.|область|вобласць|"
    r"республика|рэспубліка)(?=\s|$)"
    r"|(?i:р-н|район|раён|обл\.|область|вобл\.|вобласць|district|region|oblast)\.?$"
    r"|^(?i:Belarus|Беларусь|Республика Беларусь|Рэспубліка Беларусь)$"
)
# A house, building, flat or room number with its word, or a bare number.
_NUMBER_PART = re.compile(
    r"(?<!\w)(?i:д\.|дом[аеу]?|№|house|bldg\.?|building|no\.?|корп\.?|корпус|к\.|стр\.|"
    r"строение|кв\.?|квартир[аыеу]|кват\.?|кватэр[аыеу]|flat|apt\.?|apartment|unit|"
    r"room|комн\.?|комната|пакой|офис|офіс|office|suite|п\.?|под\.?|подъезд|эт\.?|этаж|"
    r"паверх|floor)?\s*№?\s*\d+(?:\s*[а-яёіўa-zА-ЯЁІЎA-Z](?!\w))?(?:\s*[/-]\s*\d+[а-яёіўa-z]?)*(?!\w)"
)
# Numbers that belong to a street's name: ordinals and anniversaries.
_NAME_NUMBER = re.compile(
    r"(?<!\w)\d{1,3}(?:(?:-?(?:й|ый|ий|ой|ая|st|nd|rd|th)|-(?:я|е|га|ы|і|ае|ці))(?!\w)"
    r"|\s+(?:лет|год[аы]?|гадоў|years)(?!\w))",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"^\s*\d{5,6}\s*$")
_SPACES = re.compile(r"\s+")
_PRIVATE_USE = 0xE000
_PART_BREAK = re.compile(r"[,;\n]+")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LEFT_WORD = re.compile(r"(?<!\w)(?i:д|дом|кв|корп|к)\.?$")  # "д." left without its number


def street_of(address: str) -> str | None:
    """Give the street of an address (marker and name), or None when none is recognisable.

    The part of the address with a street word (вул., ул., пр-т, Street, St...) is kept;
    without one, the first part that carries a house number ("Ленина 5"), else the first
    that is neither a settlement nor a number.
    """
    if not address or not address.strip():
        return None
    parts = [p.strip() for p in _PART_BREAK.split(address) if p.strip()]
    chosen = next((p for p in parts if _is_street(p)), None)
    if chosen is None:  # no street word: a part with a house number, else any name
        candidates = [p for p in parts if _could_be_street(p)]
        chosen = next((p for p in candidates if _DIGIT.search(p)), None)
        chosen = chosen or next(iter(candidates), None)
    if chosen is None:
        return None
    return _without_numbers(chosen)


def _is_street(part: str) -> bool:
    return bool(_MARKER_WORD.search(part) or _EN_TYPE.search(part))


def _could_be_street(part: str) -> bool:
    if _POSTCODE.match(part) or _SETTLEMENT.search(part):
        return False
    return _without_numbers(part) is not None


def _without_numbers(part: str) -> str | None:
    """Give the part with house and flat numbers removed, or None if no words are left."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return chr(_PRIVATE_USE + len(kept) - 1)  # no digits, so it survives

    protected = _NAME_NUMBER.sub(keep, part)
    stripped = _NUMBER_PART.sub(" ", protected)
    stripped = _DIGITS.sub(" ", stripped)  # any other digits: never publish them
    for index, original in enumerate(kept):
        stripped = stripped.replace(chr(_PRIVATE_USE + index), original)
    stripped = _SPACES.sub(" ", stripped).strip(" ,.-/№#")
    if _MARKER_WORD.fullmatch(stripped) or not _WORD.search(stripped):
        return None
    # A trailing marker-only word like "д." left from "д. 5" without its number.
    stripped = _LEFT_WORD.sub("", stripped).strip(" ,.-")
    if _MARKER_WORD.fullmatch(stripped) or _EN_TYPE.fullmatch(stripped):
        return None
    return stripped or None
