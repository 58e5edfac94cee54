"""The models page's what-if table of duplicate thresholds, read over what the reader may see.

Gathers the stored links of the triage runs of the body's appeals of the last 90 days
(``WHAT_IF_DAYS``), the pairs officers marked as not duplicates (standing marks) and the
pairs where one appeal was merged into the other, and replays them against each threshold
with ``ratusha_core.triage.link_what_if.what_if``. Every read is over ``visible``, the
appeals the reader may see (``appeals.access.appeals_for``), as ``link_report`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet

from ratusha.appeals.models import Appeal
from ratusha.triage.link_report import stored_links
from ratusha.triage.not_duplicates import marked_among, pair_of
from ratusha_core.triage.link_what_if import THRESHOLDS, Pair, WhatIfRow, what_if

WHAT_IF_DAYS = 90
_CHUNK = 500  # ids per query


@dataclass(frozen=True)
class LinkWhatIf:
    """The table of one body: a row per threshold, and what it was read from."""

    rows: tuple[WhatIfRow, ...]
    present: float  # the body's threshold now (always one of the rows)
    links: int  # linked pairs read
    marked: int  # of them, marked as not duplicates (standing marks)
    merged: int  # of them, one appeal merged into the other
    lowest: float | None  # the weakest stored score: rows below it count nothing new
    days: int = WHAT_IF_DAYS


def best_links(recent: QuerySet[Appeal]) -> dict[Pair, float]:
    """Give each pair the triage runs of the appeals linked (smaller id first), best score.

    A pair both runs linked counts once, with the better of its two scores.
    """
    links: dict[Pair, float] = {}
    for pair, _registered_at, score in stored_links(recent):
        links[pair] = max(score, links.get(pair, 0.0))
    return links


def link_what_if(visible: QuerySet[Appeal], present: float, now: datetime) -> LinkWhatIf:
    """Give the what-if table of the visible appeals registered in the last ``WHAT_IF_DAYS``.

    The rows are 0.50 to 0.90 by 0.05, and the body's ``present`` threshold if it is
    another value.
    """
    recent = visible.filter(registered_at__gte=now - timedelta(days=WHAT_IF_DAYS))
    links = best_links(recent)
    marked, merged = _judged(visible, links)
    thresholds = sorted({*THRESHOLDS, round(present, 2)})
    return LinkWhatIf(
        rows=what_if(links, marked, merged, thresholds),
        present=round(present, 2),
        links=len(links),
        marked=len(marked),
        merged=len(merged),
        lowest=min(links.values(), default=None),
    )


def _judged(visible: QuerySet[Appeal], links: dict[Pair, float]) -> tuple[set[Pair], set[Pair]]:
    """Give the linked pairs officers marked as not duplicates (standing marks) and those
    where one visible appeal was merged into the other.

    Both appeals of a linked pair are among the linked ids, so the merges are read by
    those ids (indexed), a chunk at a time; nothing is read when nothing is linked.
    """
    ids = sorted({pk for pair in links for pk in pair})
    merged: set[Pair] = set()
    for start in range(0, len(ids), _CHUNK):
        merges = visible.filter(pk__in=ids[start : start + _CHUNK], merged_into__isnull=False)
        for pk, into in merges.values_list("pk", "merged_into_id"):
            if pair_of(pk, into) in links:
                merged.add(pair_of(pk, into))
    return marked_among(links), merged
