"""Word stems of Russian appeal texts, so that "фонари", "фонарей" and "фонарь" count once.

A light stemmer after M. Porter's Snowball algorithm for Russian: it strips the longest
known ending (verb, adjective, participle, noun, reflexive, superlative, derivational)
from the part of the word after its first vowel. It needs no dictionary and no third
party library, works on Belarusian words well enough (they share most endings), and
leaves Latin words and numbers alone.

>>> stem("фонарей"), stem("фонари"), stem("отопления")
('фонар', 'фонар', 'отоплен')
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = frozenset("аеиоуыэюя")
_WORD = re.compile(r"\w\w+", re.UNICODE)


def _by_length(*endings: str) -> tuple[str, ...]:
    return tuple(sorted(endings, key=len, reverse=True))


# Endings that only count after "а" or "я" (the letter itself stays).
_PERFECTIVE_AFTER_A = _by_length("в", "вши", "вшись")
_PERFECTIVE = _by_length("ив", "ивши", "ившись", "ыв", "ывши", "ывшись")
_REFLEXIVE = _by_length("ся", "сь")
_ADJECTIVE = _by_length(
    *"ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею".split()
)
_PARTICIPLE_AFTER_A = _by_length("ем", "нн", "вш", "ющ", "щ")
_PARTICIPLE = _by_length("ивш", "ывш", "ующ")
_VERB_AFTER_A = _by_length(*"ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно".split())
_VERB = _by_length(
    *(
        "ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют "
        "ит ыт ены ить ыть ишь ую ю"
    ).split()
)
_NOUN = _by_length(
    *(
        "а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах "
        "иях ях ы ь ию ью ю ия ья я"
    ).split()
)
_SUPERLATIVE = _by_length("ейш", "ейше")
_DERIVATIONAL = _by_length("ост", "ость")


def _regions(word: str) -> tuple[int, int]:
    """Give where RV (after the first vowel) and R2 start, as in the Snowball definition."""
    rv = next((i + 1 for i, ch in enumerate(word) if ch in _VOWELS), len(word))
    r1 = _after_vowel_consonant(word, 1)
    return rv, _after_vowel_consonant(word, r1 + 1)


def _after_vowel_consonant(word: str, start: int) -> int:
    for i in range(max(start, 1), len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return i + 1
    return len(word)


def _strip(word: str, start: int, endings: tuple[str, ...], after_a: bool = False) -> str | None:
    """Give the word without its longest ending from the list inside the region, or None."""
    for ending in endings:
        cut = len(word) - len(ending)
        if cut < start or not word.endswith(ending):
            continue
        if after_a and (cut - 1 < start or word[cut - 1] not in "ая"):
            continue
        return word[:cut]
    return None


def _step_one(word: str, rv: int) -> str:
    """Strip a perfective gerund, or else a reflexive and then an adjective, verb or noun."""
    done = _strip(word, rv, _PERFECTIVE_AFTER_A, True) or _strip(word, rv, _PERFECTIVE)
    if done is not None:
        return done
    word = _strip(word, rv, _REFLEXIVE) or word
    adjective = _strip(word, rv, _ADJECTIVE)
    if adjective is not None:
        participle = _strip(adjective, rv, _PARTICIPLE_AFTER_A, True) or _strip(
            adjective, rv, _PARTICIPLE
        )
        return participle if participle is not None else adjective
    verb = _strip(word, rv, _VERB_AFTER_A, True) or _strip(word, rv, _VERB)
    if verb is not None:
        return verb
    noun = _strip(word, rv, _NOUN)
    return noun if noun is not None else word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Give the stem of one lower-case word (ё folded to е); digits stay as they are."""
    word = word.lower().replace("ё", "е")
    if not any(ch in _VOWELS for ch in word):
        return word
    rv, r2 = _regions(word)
    word = _step_one(word, rv)
    if word.endswith("и") and len(word) - 1 >= rv:
        word = word[:-1]
    word = _strip(word, r2, _DERIVATIONAL) or word
    if word.endswith("нн") and len(word) - 1 >= rv:
        return word[:-1]
    superlative = _strip(word, rv, _SUPERLATIVE)
    if superlative is not None:
        word = superlative
        return word[:-1] if word.endswith("нн") and len(word) - 1 >= rv else word
    if word.endswith("ь") and len(word) - 1 >= rv:
        return word[:-1]
    return word


def stem_tokens(text: str) -> list[str]:
    """Give the stems of the words of a text, in order (words of one letter are dropped).

    >>> stem_tokens("Не горят фонари во дворе")
    ['не', 'гор', 'фонар', 'во', 'двор']
    """
    return [stem(match.group()) for match in _WORD.finditer(text.lower())]
