"""What other duplicate thresholds would have done to a body's stored links: a what-if table.

Triage stores each link with its score, and officers judge the links: they mark some pairs
as not duplicates (wrong links) and merge others (right links). Replaying the stored
scores against a higher threshold tells, without triaging anything again, how many links
each threshold keeps, how many of the marked pairs would still bother officers, and how
many of the merged pairs would still be found.

A threshold below the one in force when the appeals were triaged cannot be replayed:
weaker pairs were never stored, so such a row counts only the links there are.

    >>> links = {(1, 2): 0.93, (3, 4): 0.55, (5, 6): 0.62, (7, 8): 0.71}
    >>> rows = what_if(links, marked={(3, 4), (5, 6)}, merged={(1, 2)}, thresholds=(0.5, 0.6, 0.7))
    >>> [(r.threshold, r.kept, r.marked, r.merged, r.marked_share) for r in rows]
    [(0.5, 4, 2, 1, 0.5), (0.6, 3, 1, 1, 0.3333333333333333), (0.7, 2, 0, 1, 0.0)]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

Pair = tuple[int, int]  # two appeal ids, smaller first

# 0.50, 0.55, ... 0.90, made from whole hundredths so that each equals its literal.
THRESHOLDS: tuple[float, ...] = tuple(n / 100 for n in range(50, 91, 5))


@dataclass(frozen=True)
class WhatIfRow:
    """One threshold replayed over the stored links."""

    threshold: float
    kept: int  # links whose stored score reaches the threshold
    marked: int  # of them, pairs officers marked as not duplicates: would still bother them
    merged: int  # of them, pairs where one appeal was merged into the other: right links kept

    @property
    def marked_share(self) -> float | None:
        """Give the share of the kept links that officers marked, or None when none is kept."""
        return self.marked / self.kept if self.kept else None


def what_if(
    links: Mapping[Pair, float],
    marked: Collection[Pair],
    merged: Collection[Pair],
    thresholds: Iterable[float] = THRESHOLDS,
) -> tuple[WhatIfRow, ...]:
    """Give, for each threshold in turn, the links it keeps and the judged pairs among them.

    ``links`` maps each linked pair (smaller id first) to its stored score (the better of the
    two runs, if both linked it); ``marked`` and ``merged`` are pairs in the same order; pairs
    in them that are not linked are ignored. A link is kept when its score is at least the
    threshold, as ``find_duplicates`` decides.
    """
    scores = sorted(links.values())
    marked_scores = sorted(score for pair, score in links.items() if pair in marked)
    merged_scores = sorted(score for pair, score in links.items() if pair in merged)
    return tuple(
        WhatIfRow(
            threshold=threshold,
            kept=_at_least(scores, threshold),
            marked=_at_least(marked_scores, threshold),
            merged=_at_least(merged_scores, threshold),
        )
        for threshold in thresholds
    )


def _at_least(ordered: list[float], threshold: float) -> int:
    """Give how many of the sorted scores are at least the threshold."""
    return len(ordered) - bisect_left(ordered, threshold)
