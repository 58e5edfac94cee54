"""A short public summary of an answer: its opening sentences, up to a length.

>>> shorten("Першы сказ. Другі сказ. Трэці.", 25)
'Першы сказ. Другі сказ.'
>>> shorten("Адзін доўгі сказ без канца", 12)
'Адзін доўгі…'
"""

from __future__ import annotations

import re

SUMMARY_LENGTH = 500
# A sentence ends with . ! ? or … followed by a space; "ул." or "т.д." rarely fall
# exactly at the cut, and a cut there still reads well.
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """Give the text's opening sentences that fit in ``limit`` characters.

    When even the first sentence is longer, it is cut at a word and ends with "…".
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]
    if ends:
        return text[: ends[-1]]
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # do not break a word
    return cut.rstrip(" ,;:") + "…"
