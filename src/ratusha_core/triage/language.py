"""Language of an appeal: Belarusian, Russian, English, or another language to flag.

The statistical guess comes from py3langid restricted to the languages an appeal in
Belarus is likely to be written in. Belarusian and Russian share most words' shapes, so
an orthographic layer on top weighs the letters only one of them uses (``ў``, ``і`` and
the apostrophe for Belarusian; ``и``, ``щ``, ``ъ`` for Russian; ``ї``, ``є``, ``ґ`` for
Ukrainian; ``ә``, ``қ``, ``ө``... for Kazakh). On the labelled set in
``tests/core/triage/data/language_id.jsonl`` the layer lifts accuracy measurably; see
``benchmarks/triage_language_pii.md``.

>>> detect_language("Калі будуць рамантаваць ліфт?").language
'be'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

AppealLanguage = Literal["be", "ru", "en", "other"]

ACCEPTED_LANGUAGES: tuple[str, ...] = ("be", "ru", "en")

# The languages the statistical model chooses among: the accepted three plus the
# neighbours whose appeals must be recognised as "other" rather than mistaken for them.
CANDIDATE_LANGUAGES: tuple[str, ...] = (
    "be",
    "ru",
    "en",
    "uk",
    "pl",
    "kk",
    "lt",
    "lv",
    "de",
    "fr",
    "es",
)

# Fewer letters than this carry no language ("ок", "123", ":)").
MIN_LETTERS = 3

# How much one word written with a letter that a language never uses lowers that
# language's likelihood, and how many such words count at most.
LETTER_PENALTY = 0.08
MAX_MARKED_WORDS = 4

LanguageScorer = Callable[[str], Mapping[str, float]]
"""Gives a probability per candidate language code for a text."""

_WORD = re.compile(r"[^\W\d_]+(?:['ʼ’][^\W\d_]+)*")

# spellings -> languages that never write them. Belarusian т, д, р, ч, ш, ж never
# soften (it writes ц, дз, рэ, чэ...), Russian has no ў, і, -ць or дзь, Ukrainian no
# ы, э, ё, ъ, and Kazakh letters belong to Kazakh alone.
_FOREIGN_SPELLINGS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile("ў"), frozenset({"ru", "uk", "kk"})),
    (re.compile("і"), frozenset({"ru"})),
    (re.compile("[ищ]"), frozenset({"be"})),
    (re.compile("ъ"), frozenset({"be", "uk"})),
    (re.compile("[ыэё]"), frozenset({"uk"})),
    (re.compile("[їєґ]"), frozenset({"be", "ru", "kk"})),
    (re.compile("[әғқңөұүһ]"), frozenset({"be", "ru", "uk"})),
    (re.compile("[тдрчшж][еёюяь]"), frozenset({"be"})),
    (re.compile("ць$|дз[ьяёю]|[чшж]э"), frozenset({"ru"})),
)
# Ukrainian and Kazakh appeals get flagged as not accepted, so they must show a letter of
# their own: a short Russian text is not Ukrainian just because the model leans so.
_REQUIRED_SPELLINGS: dict[str, re.Pattern[str]] = {
    "uk": re.compile("[іїєґ'ʼ’]"),
    "kk": re.compile("[әғқңөұүһі]"),
}
# Share of letters in one script above which candidates writing the other script drop.
DOMINANT_SCRIPT_SHARE = 0.75
_CYRILLIC_CANDIDATES = frozenset({"be", "ru", "uk", "kk"})
_APOSTROPHES = frozenset("'ʼ’")


@dataclass(frozen=True)
class LanguageResult:
    """The language of an appeal and how sure the detector is.

    ``language`` is one of be/ru/en/other; ``detected`` keeps the finer code (``uk``,
    ``pl``...) or ``und`` when the text has too few letters to tell. ``accepted`` is
    False for appeals the body must flag under the "left without consideration" rule.
    ``scores`` lists each candidate's probability, highest first.
    """

    language: AppealLanguage
    detected: str
    confidence: float
    accepted: bool
    scores: tuple[tuple[str, float], ...]

    def score(self, code: str) -> float:
        """Gives the probability of one language code (0.0 when not a candidate)."""
        return dict(self.scores).get(code, 0.0)


def detect_language(
    text: str,
    *,
    scorer: LanguageScorer | None = None,
    use_orthography: bool = True,
) -> LanguageResult:
    """Gives the language of a short appeal text, flagging the ones not accepted.

    >>> detect_language("No hot water since Monday").language
    'en'
    >>> detect_language("Дякую за швидку відповідь!").accepted
    False
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return _undetermined()
    cyrillic_or_latin = sum(1 for ch in letters if _is_cyrillic(ch) or _is_latin(ch))
    if cyrillic_or_latin * 2 < len(letters):
        # Chinese, Georgian, Arabic...: no candidate writes in this script.
        return LanguageResult("other", "other", 1.0, False, (("other", 1.0),))
    probabilities = dict((scorer or py3langid_scorer())(text))
    if use_orthography:
        probabilities = weigh_orthography(text, probabilities)
    ranked = tuple(sorted(probabilities.items(), key=lambda item: (-item[1], item[0])))
    detected, confidence = ranked[0]
    language: AppealLanguage = _appeal_language(detected)
    return LanguageResult(
        language=language,
        detected=detected,
        confidence=round(confidence, 6),
        accepted=language != "other",
        scores=tuple((code, round(p, 6)) for code, p in ranked),
    )


def weigh_orthography(text: str, probabilities: Mapping[str, float]) -> dict[str, float]:
    """Gives the probabilities re-weighted by the script and by spellings some never use.

    Each word holding a spelling that a language never writes multiplies that
    language's probability by ``LETTER_PENALTY`` (at most ``MAX_MARKED_WORDS`` words
    count), so one borrowed word cannot overturn a text but a consistent spelling does.
    When one script holds ``DOMINANT_SCRIPT_SHARE`` of the letters, languages written in
    the other script get the full penalty: "Problem at ул. Ленина 5" stays English.
    Ukrainian and Kazakh get it too when the text lacks every letter of their own.
    """
    counts = _marked_word_counts(text)
    full_penalty = MAX_MARKED_WORDS * math.log(LETTER_PENALTY)
    log_factor = dict.fromkeys(probabilities, 0.0)
    for code, words in counts.items():
        if code in log_factor:
            log_factor[code] += min(words, MAX_MARKED_WORDS) * math.log(LETTER_PENALTY)
    lowered = text.lower()
    for code, spelling in _REQUIRED_SPELLINGS.items():
        if code in log_factor and not spelling.search(lowered):
            log_factor[code] += full_penalty
    cyrillic = sum(1 for ch in text if _is_cyrillic(ch))
    latin = sum(1 for ch in text if ch.isalpha() and _is_latin(ch))
    if cyrillic + latin:
        cyrillic_share = cyrillic / (cyrillic + latin)
        for code in log_factor:
            is_cyrillic = code in _CYRILLIC_CANDIDATES
            if (is_cyrillic and cyrillic_share <= 1 - DOMINANT_SCRIPT_SHARE) or (
                not is_cyrillic and cyrillic_share >= DOMINANT_SCRIPT_SHARE
            ):
                log_factor[code] += full_penalty
    weighted = {code: p * math.exp(log_factor[code]) for code, p in probabilities.items()}
    total = sum(weighted.values())
    if total <= 0.0:
        return dict(probabilities)
    return {code: p / total for code, p in weighted.items()}


def _marked_word_counts(text: str) -> dict[str, int]:
    """Counts, per language, the words written with a letter that language never uses."""
    counts: dict[str, int] = {}
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if not any(_is_cyrillic(ch) for ch in word):
            continue
        excluded: set[str] = set()
        for spelling, languages in _FOREIGN_SPELLINGS:
            if spelling.search(word):
                excluded |= languages
        if set(word) & _APOSTROPHES:
            # Belarusian and Ukrainian write пад'езд, Russian writes подъезд.
            excluded.add("ru")
        for code in excluded:
            counts[code] = counts.get(code, 0) + 1
    return counts


def _appeal_language(code: str) -> AppealLanguage:
    if code == "be":
        return "be"
    if code == "ru":
        return "ru"
    if code == "en":
        return "en"
    return "other"


def _undetermined() -> LanguageResult:
    return LanguageResult("other", "und", 0.0, False, ())


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"


def py3langid_scorer(languages: Sequence[str] = CANDIDATE_LANGUAGES) -> LanguageScorer:
    """Gives a scorer backed by py3langid restricted to ``languages`` (loaded once)."""
    return _py3langid_scorer(tuple(languages))


@cache
def _py3langid_scorer(languages: tuple[str, ...]) -> LanguageScorer:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # An identifier of our own: set_languages on the module-level one would leak the
    # restriction into every other user of py3langid in the process.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))

    def score(text: str) -> dict[str, float]:
        return {str(code): float(p) for code, p in identifier.rank(text)}

    return score
