"""The part of an appeal's text that a sentence embedding sees (no heavy imports)."""

from __future__ import annotations

import re

# An appeal states its problem first: the first 300 characters (about 70-120 tokens) hold
# it, and a longer text costs more to embed and adds little.
EMBEDDED_CHARS = 300
_SPACES = re.compile(r"\s+")


def embedding_text(text: str, max_chars: int = EMBEDDED_CHARS) -> str:
    """Give the part of a text that is embedded: spaces folded, cut at a word boundary."""
    folded = _SPACES.sub(" ", text).strip()
    if len(folded) <= max_chars:
        return folded
    cut = folded[:max_chars]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut
