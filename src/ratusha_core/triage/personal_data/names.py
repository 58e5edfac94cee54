"""Person names found by rules: first-name lists, patronymics, initials and role words.

Works for Belarusian, Russian and English spellings; Russian and Belarusian also get
natasha's NER (see ``ner.py``), whose finds are tidied here. Names inside street or
institution names ("вул. Янкі Купалы", "школа имени Ивана Мележа") honour a person but
do not identify an applicant, so they are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from . import name_patterns as shape
from .name_lists import ambiguous_forms, first_name_forms
from .spans import PersonalDataSpan, make_span


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str


@cache
def _first_names() -> frozenset[str]:
    return first_name_forms()


@cache
def _ambiguous_names() -> frozenset[str]:
    return ambiguous_forms()


def find_names(text: str) -> Iterator[PersonalDataSpan]:
    """Gives person names found by rules, without those that name streets or schools."""
    tokens = [_Token(m.start(), m.end(), m.group()) for m in shape.WORD.finditer(text)]
    found = [
        *_listed_names(text, tokens),
        *_patronymic_names(text, tokens),
        *_surname_pairs(text, tokens),
        *_initial_names(text),
        *_role_names(text),
    ]
    yield from drop_dedications(text, found)


def drop_dedications(text: str, spans: Iterable[PersonalDataSpan]) -> Iterator[PersonalDataSpan]:
    """Gives the name spans that do not name a place: "вул. X", "имени X", "X school"."""
    for span in spans:
        before = text[max(0, span.start - 16) : span.start]
        after = text[span.end :]
        if not shape.DEDICATION.search(before) and not shape.DEDICATED_PLACE.match(after):
            yield span


def tidy_ner_names(text: str, spans: Iterable[PersonalDataSpan]) -> Iterator[PersonalDataSpan]:
    """Gives NER name spans trimmed to the name itself.

    A statistical tagger trained on Russian news also grabs the capitalised word that
    opens a Belarusian sentence ("Тэлефануйце", "Сусед Ціхан") or runs on into lowercase
    words; a name never holds a lowercase word, a verb opening the sentence or a word
    such as "Шаноўны", and a name of one word must look like a name.
    """
    for span in spans:
        tokens = [
            _Token(span.start + m.start(), span.start + m.end(), m.group())
            for m in shape.WORD.finditer(span.text)
        ]
        cut = next((i for i, t in enumerate(tokens) if not t.text[0].isupper()), len(tokens))
        tokens = tokens[:cut]
        if tokens and (
            tokens[0].text in shape.NOT_NAMES
            or (_opens_sentence(text, tokens[0].start) and shape.VERB_ENDING.search(tokens[0].text))
        ):
            tokens = tokens[1:]
        # A lone word must look like a name: "у Маскве" is a place the tagger mistook.
        if len(tokens) == 1 and not _name_like(tokens[0].text):
            tokens = []
        if tokens:
            yield make_span(text, tokens[0].start, tokens[-1].end, "name")


def _listed_names(text: str, tokens: list[_Token]) -> Iterator[PersonalDataSpan]:
    names = _first_names()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.text not in names:
            index += 1
            continue
        first, last = index, index
        if _adjacent(text, tokens, last) and shape.PATRONYMIC.fullmatch(tokens[last + 1].text):
            last += 1
        if _adjacent(text, tokens, last) and _capitalised(tokens[last + 1].text):
            after = tokens[last + 1].text
            # "May Day", "Grace Hall": an ambiguous name needs a surname-shaped word.
            if token.text not in _ambiguous_names() or shape.SURNAME_ENDING.search(after):
                last += 1
        if first > 0 and _adjacent(text, tokens, first - 1):
            before = tokens[first - 1].text
            if _capitalised(before) and shape.SURNAME_ENDING.search(before):
                first -= 1
        if first < last or token.text not in _ambiguous_names():
            yield make_span(text, tokens[first].start, tokens[last].end, "name")
        index = last + 1


def _patronymic_names(text: str, tokens: list[_Token]) -> Iterator[PersonalDataSpan]:
    """Unlisted first names before a patronymic: "Прохор Евсеевич Белоусько"."""
    for index, token in enumerate(tokens[:-1]):
        if not (_capitalised(token.text) and _adjacent(text, tokens, index)):
            continue
        patronymic = tokens[index + 1].text
        if not shape.PATRONYMIC.fullmatch(patronymic):
            continue
        last = index + 1
        if _adjacent(text, tokens, last) and _capitalised(tokens[last + 1].text):
            last += 1
        first = index
        if index > 0 and _adjacent(text, tokens, index - 1):
            before = tokens[index - 1].text
            if _capitalised(before) and shape.SURNAME_ENDING.search(before):
                first -= 1
        # "Сегодня Богданович пришёл", "Пишет Гайдукевич Татьяна": a -вич word after a
        # sentence's first word may be a surname, and that first word a verb.
        male = not shape.FEMALE_PATRONYMIC.fullmatch(patronymic)
        if male and first == index and _opens_sentence(text, token.start):
            if not _name_like(token.text) or last == index + 1:
                continue
        yield make_span(text, tokens[first].start, tokens[last].end, "name")


def _surname_pairs(text: str, tokens: list[_Token]) -> Iterator[PersonalDataSpan]:
    """Two capitalised words ending like a surname: "Мирон Степанюк", "Prokhor Belousko"."""
    for index, token in enumerate(tokens[:-1]):
        second = tokens[index + 1].text
        if not (
            _capitalised(token.text)
            and _adjacent(text, tokens, index)
            and _capitalised(second)
            and shape.SURNAME_ENDING.search(second)
        ):
            continue
        start = token.start
        if _is_cyrillic(token.text) and _opens_sentence(text, start) and not _name_like(token.text):
            # "Звонил Петров": a Russian or Belarusian sentence often opens with a verb.
            start = tokens[index + 1].start
        yield make_span(text, start, tokens[index + 1].end, "name")


def _initial_names(text: str) -> Iterator[PersonalDataSpan]:
    for pattern in (shape.SURNAME_INITIALS, shape.INITIALS_SURNAME):
        for match in pattern.finditer(text):
            words = shape.WORD.findall(match.group())
            if any(word in shape.NOT_NAMES for word in words):
                continue
            yield make_span(text, match.start(), match.end(), "name")


def _role_names(text: str) -> Iterator[PersonalDataSpan]:
    for match in shape.ROLE_THEN_NAME.finditer(text):
        start = match.start(1)
        words = match.group(1).split()
        # "Mrs Malinina": the title is not part of the name.
        while words and words[0].rstrip(".") in shape.TITLES:
            start = text.index(words[1], start) if len(words) > 1 else match.end(1)
            words = words[1:]
        kept = 0
        while kept < len(words) and words[kept] not in shape.NOT_NAMES:
            kept += 1
        if kept:
            end = text.index(words[kept - 1], start) + len(words[kept - 1])
            yield make_span(text, start, end, "name")


def _adjacent(text: str, tokens: list[_Token], index: int) -> bool:
    """Tells whether tokens[index] and the next one are separated by spaces only."""
    if index + 1 >= len(tokens):
        return False
    gap = text[tokens[index].end : tokens[index + 1].start]
    return gap != "" and gap.strip(" \t") == ""


def _capitalised(word: str) -> bool:
    return bool(shape.CAPITALISED.fullmatch(word)) and word not in shape.NOT_NAMES


def _name_like(word: str) -> bool:
    return (
        word in _first_names()
        or bool(shape.SURNAME_ENDING.search(word))
        or bool(shape.PATRONYMIC.fullmatch(word))
    )


def _is_cyrillic(word: str) -> bool:
    return "\u0400" <= word[0] <= "\u04ff"


def _opens_sentence(text: str, start: int) -> bool:
    """Tells whether the word at start is the first of its sentence."""
    before = text[:start].rstrip(" \t\"'«“(—–-")
    return before == "" or before[-1] in ".!?\n:"
