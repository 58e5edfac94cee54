"""What the review queue shows: the original text cut into plain and highlighted pieces."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ratusha.triage.presentation import PERSONAL_DATA_KINDS


@dataclass(frozen=True)
class Piece:
    """A stretch of text; ``kind`` is set when it is personal data to highlight."""

    text: str
    kind: str = ""

    @property
    def label(self) -> str:
        return str(PERSONAL_DATA_KINDS.get(self.kind, "")) if self.kind else ""


def pieces(text: str, spans: Iterable[Mapping[str, Any]]) -> list[Piece]:
    """Give the text as pieces, the spans (``kind``, ``start``, ``end``) highlighted."""
    found: list[Piece] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: int(s["start"])):
        start, end = int(span["start"]), int(span["end"])
        if start < cursor or end > len(text) or end <= start:
            continue  # a span that does not fit the text (it changed) is not shown
        if start > cursor:
            found.append(Piece(text[cursor:start]))
        found.append(Piece(text[start:end], str(span["kind"])))
        cursor = end
    if cursor < len(text):
        found.append(Piece(text[cursor:]))
    return found


def kinds_found(spans: Iterable[Any]) -> list[str]:
    """Give the readable names of the kinds of personal data among the spans, once each."""
    kinds = sorted({getattr(s, "kind", None) or s["kind"] for s in spans})
    return [str(PERSONAL_DATA_KINDS.get(k, k)) for k in kinds]
