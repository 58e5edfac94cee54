"""Street names in appeals: the street of an address, the streets a text names, compared.

Two reports of one problem name one street, but in Belarusian, Russian or English, in
the address or only in the text ("на вуліцы Гагарына", "ул. Гагарина", "Gagarin
Street"). ``street_marks`` reduces each to consonant skeletons that ``same_street``
compares, for the place rules of ``ratusha.triage.duplicates``.
"""

from __future__ import annotations

import functools
import re

from ratusha_core.publication import street_of

# Belarusian and Russian spellings of one street name meet here (Леніна, Ленина -> ленина).
_SPELLING = str.maketrans({"і": "и", "ы": "и", "ў": "у", "э": "е", "ё": "е", "'": "", "’": ""})
_MARKER = re.compile(
    r"^(?:вул|ул|вуліца|улица|пр-т|пр-кт|просп|праспект|проспект|пр|пер|зав|завулак|"
    r"переулок|бульв|бул|пл|плошча|площадь|тракт|шаша|шоссе)\.?\s+",
    re.IGNORECASE,
)
# Streets named in a text: "на вуліцы Гагарына", "улиц Ленина и Кирова", "на Советской
# улице", "Kirov Street", "Lenin and Kirov streets", "Independence Avenue".
_NAME = r"(?:[А-ЯЁІЎA-Z]\.\s*)?([А-ЯЁІЎ][а-яёіў'’-]+)"
_TEXT_STREETS = (
    re.compile(
        r"(?<!\w)(?i:вуліц[аыеу]?|вул\.|улиц[аеиуы]?|ул\.|праспект[аеу]?|проспект[аеу]?|пр-т|"
        r"завулк[аеу]|завулак|переулк[аеу]|переулок|бульвар[аеу]?|плошч[аыу]|площад[иь])\s+"
        + _NAME
        + r"(?:\s+(?:і|и)\s+"
        + _NAME
        + ")?"
    ),
    re.compile(
        r"(?<![\w.])([А-ЯЁІЎ][а-яёіў'’-]+(?:ай|ой|ая|ей|ый|ій|ий|ую))\s+"
        r"(?:вуліц[аыеу]|улиц[аеиуы])"
    ),
    re.compile(
        r"(?<![\w.])([A-Z][a-z'-]+)(?:\s+and\s+([A-Z][a-z'-]+))?\s+"
        r"(?:Street|St\.?|Avenue|Ave\.?|Road|Lane|Boulevard|Square|streets)(?!\w)"
    ),
)
# The same name written by its Belarusian, Russian and English translations.
_SAME_NAMES = {
    "кастричн": "октябр",
    "october": "октябр",
    "перамог": "побед",
    "victory": "побед",
    "незалежн": "независим",
    "independence": "независим",
    "маладежн": "молодежн",
    "youth": "молодежн",
    "school": "школьн",
    "garden": "садов",
    "peace": "мир",
}
_LATIN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхыэіў", "abvgdeziyklmnoprstufhyeiv", strict=True)),
        "ё": "e", "ж": "zh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ю": "yu",
        "я": "ya", "ь": "", "ъ": "", "'": "", "’": "",
    }
)  # fmt: skip
_VOWELS = re.compile(r"[^bcdfghjklmnpqrstvwxz]")
_TYPE_WORDS = {"street", "streets", "st", "avenue", "ave", "road", "lane", "boulevard", "square"}
_TYPE_WORDS |= {"ул", "вул", "улица", "вуліца", "пр-т", "просп", "пер", "бул", "пл"}


def street_key(address: str) -> str:
    """Give a comparable name of the address's street ('' when none is recognisable).

    >>> street_key("вул. Леніна, 5") == street_key("ул. Ленина, 12")
    True
    """
    street = street_of(address or "") or ""
    return _MARKER.sub("", street.lower().translate(_SPELLING)).strip()


def streets_in_text(text: str) -> list[str]:
    """Give the street names a text mentions ("на вуліцы Гагарына" gives "Гагарына")."""
    found: list[str] = []
    for pattern in _TEXT_STREETS:
        for match in pattern.finditer(text):
            found += [name for name in match.groups() if name]
    return found


def _skeleton(word: str) -> str:
    """Give the consonants of a word in Latin letters: Гагарына, Гагарина, Gagarin -> ggrn."""
    word = word.lower().strip(".").translate(_SPELLING)
    for stem, common in _SAME_NAMES.items():
        if word.startswith(stem):
            word = common
    return _VOWELS.sub("", word.translate(_LATIN))[:5]


@functools.lru_cache(maxsize=4096)  # the same candidates are read for every new appeal
def street_marks(street: str, text: str) -> frozenset[str]:
    """Give the skeletons of the problem's street: from its address key, else from the text."""
    names = street.replace(".", " ").split() if street else streets_in_text(text)
    words = [w for w in names if w.lower() not in _TYPE_WORDS and len(w) >= 3]
    return frozenset(s for s in map(_skeleton, words) if len(s) >= 2)


def same_street(a: frozenset[str], b: frozenset[str]) -> bool:
    """Tell whether two sets of street skeletons share a street (endings may differ)."""
    return any(x[:k] == y[:k] for x in a for y in b for k in [min(len(x), len(y), 4)])
