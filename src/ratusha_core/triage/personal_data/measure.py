"""Recall and precision of personal-data detection per kind, against labelled spans."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .spans import KINDS, PersonalDataKind, PersonalDataSpan

# A labelled span counts as found when spans of its kind cover this share of it; a found
# span counts as right when this share of it lies inside labelled spans of its kind.
FOUND_COVERAGE = 0.75
RIGHT_COVERAGE = 0.5


@dataclass(frozen=True)
class LabelledText:
    """One sentence of the test set with its personal-data spans."""

    text: str
    language: str
    spans: tuple[PersonalDataSpan, ...]


@dataclass(frozen=True)
class KindScore:
    """How well one kind of personal data is found."""

    kind: PersonalDataKind
    labelled: int
    found: int
    predicted: int
    right: int
    exact: int

    @property
    def recall(self) -> float:
        """Share of labelled spans found (1.0 when none are labelled)."""
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        """Share of predicted spans that are right (1.0 when none are predicted)."""
        return self.right / self.predicted if self.predicted else 1.0


Finder = Callable[[str, str], Sequence[PersonalDataSpan]]


def score_personal_data(
    examples: Iterable[LabelledText], find: Finder
) -> dict[PersonalDataKind, KindScore]:
    """Gives recall, precision and exact-boundary counts per kind over a labelled set."""
    counts = {kind: [0, 0, 0, 0, 0] for kind in KINDS}
    for example in examples:
        predicted = tuple(find(example.text, example.language))
        for gold in example.spans:
            row = counts[gold.kind]
            row[0] += 1
            same = [p for p in predicted if p.kind == gold.kind]
            if _covered(gold, same) >= FOUND_COVERAGE:
                row[1] += 1
            if any(p.start == gold.start and p.end == gold.end for p in same):
                row[4] += 1
        for guess in predicted:
            row = counts[guess.kind]
            row[2] += 1
            labelled = [g for g in example.spans if g.kind == guess.kind]
            if _covered(guess, labelled) >= RIGHT_COVERAGE:
                row[3] += 1
    return {
        kind: KindScore(kind, row[0], row[1], row[2], row[3], row[4])
        for kind, row in counts.items()
    }


def _covered(span: PersonalDataSpan, others: Sequence[PersonalDataSpan]) -> float:
    """Gives the share of span's characters that lie inside any of the other spans."""
    length = span.end - span.start
    if length <= 0:
        return 0.0
    inside = sum(
        max(0, min(span.end, other.end) - max(span.start, other.start)) for other in others
    )
    return min(inside, length) / length
