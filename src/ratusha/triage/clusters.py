"""Clusters of duplicate appeals as an officer may see them: one appeal's cluster, a body's list.

A cluster is a connected group of appeals of one body: two appeals are linked when the
triage of either found the other a likely duplicate (``TriageResult.duplicates``) with a
score the body still asks for (``Body.duplicate_min_score``: a link stored before the body
raised it drops out at once), unless an officer has since said they are not
(``NotDuplicate``), or when one was merged into the other. Links are followed
transitively, but only through appeals the officer may see (``appeals.access.appeals_for``),
so a cluster never reveals an appeal out of reach.
Duplicates are searched within 30 days of each other, so the appeals linked to any appeal
were registered within 30 days of it: widening the time window around the cluster until
it stops growing finds every link.

    >>> group_clusters([(1, 2), (2, 3), (7, 8)], [4])
    [[1, 2, 3], [7, 8], [4]]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body, Department
from ratusha.triage.duplicate_candidates import DUPLICATE_WINDOW, body_min_score
from ratusha.triage.models import TriageResult
from ratusha.triage.not_duplicates import pair_of, standing_among
from ratusha_core.publication import street_of
from ratusha_core.workflow import (
    BELARUS_2023_RULES,
    CLOCK_RUNNING_STATES,
    TAKES_MERGED_STATES,
    AppealState,
)

MAX_MEMBERS = 200  # a cluster larger than this is shown in part; merge in steps
MAX_LINK_ROWS = 20_000  # triage results read for one body's list of clusters
MAX_ROUNDS = 12  # widenings of the window around one cluster
# The body still owes an answer: the cluster is open while one of its appeals is.
OPEN = frozenset(str(s) for s in CLOCK_RUNNING_STATES)
_MERGE = BELARUS_2023_RULES.transition("merge")
# Appeals that may still be merged into another (the workflow's sources of "merge").
MERGEABLE = frozenset(str(s) for s in (_MERGE.sources if _MERGE else ()))
MAIN_STATES = frozenset(str(s) for s in TAKES_MERGED_STATES)
PROGRESS = {
    "registered": 0,
    "triage": 1,
    "assigned": 2,
    "in_progress": 3,
    "reopened": 3,
    "answer_drafted": 4,
    "answer_approved": 5,
}
_FIELDS = (
    "pk",
    "number",
    "body_id",
    "state",
    "registered_at",
    "summary",
    "address",
    "department_id",
    "category_id",
    "due_date",
    "merged_into_id",
    "version",
    "applicant_name",
)


def group_clusters(links: Iterable[tuple[int, int]], single: Iterable[int] = ()) -> list[list[int]]:
    """Give the connected groups of the linked ids (and lone ids), largest first.

    Each group is sorted; groups of equal size come in the order of their smallest id.
    """
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # halve the path as we go
            node = parent[node]
        return node

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    for node in single:
        root(node)
    groups: dict[int, list[int]] = defaultdict(list)
    for node in list(parent):
        groups[root(node)].append(node)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))


@dataclass
class Cluster:
    """One cluster: its appeals (oldest first), the main appeal and what it sums up to."""

    members: list[Appeal]
    scores: dict[int, float] = field(default_factory=dict)  # best link score per appeal
    main: Appeal | None = None
    streets: list[tuple[str, int]] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    truncated: bool = False
    links: list[tuple[int, int, float]] = field(default_factory=list)  # (a, b, score), a < b

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def open_count(self) -> int:
        return sum(1 for a in self.members if a.state in OPEN)

    @property
    def merged_count(self) -> int:
        return sum(1 for a in self.members if a.merged_into_id is not None)

    @property
    def first(self) -> datetime:
        return self.members[0].registered_at

    @property
    def last(self) -> datetime:
        return self.members[-1].registered_at

    @property
    def earliest_due(self) -> date | None:
        """The earliest term among the appeals still waiting for this cluster's answer."""
        waiting = [
            a.due_date
            for a in self.members
            if a.due_date is not None and (a.state in OPEN or _waits_for_answer(a))
        ]
        return min(waiting, default=None)

    @property
    def mergeable(self) -> list[Appeal]:
        """The appeals that may still be merged into the main appeal."""
        main = self.main.pk if self.main is not None else None
        return [a for a in self.members if a.pk != main and a.state in MERGEABLE]

    @property
    def is_open(self) -> bool:
        return self.open_count > 0


def _waits_for_answer(appeal: Appeal) -> bool:
    return appeal.state == AppealState.MERGED and appeal.answered_at is None


def address_summary(addresses: Iterable[str], limit: int = 3) -> list[tuple[str, int]]:
    """Give the most frequent streets of the addresses with their counts (no house numbers)."""
    streets = Counter(s for s in (street_of(a) for a in addresses if a) if s)
    return sorted(streets.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]


def choose_main(members: list[Appeal]) -> Appeal | None:
    """Give the appeal the others merge into: the one already holding merged appeals, else
    the appeal furthest on towards its answer, else the earliest; None if none may be."""
    candidates = [a for a in members if a.state in MAIN_STATES]
    if not candidates:
        return None
    holding = Counter(a.merged_into_id for a in members if a.merged_into_id is not None)
    return min(
        candidates,
        key=lambda a: (-holding[a.pk], -PROGRESS.get(a.state, 0), a.registered_at, a.pk),
    )


class _Links:
    """Links between the appeals of one body that one person may see, read window by window.

    A stored link counts when its score reaches ``min_score`` (the body's threshold now).
    """

    def __init__(self, user: Any, body_id: int, min_score: float) -> None:
        self.visible: QuerySet[Appeal] = appeals_for(user).filter(body_id=body_id)
        self.min_score = min_score
        self.pairs: dict[tuple[int, int], float] = {}
        self.rows: dict[int, dict[str, Any]] = {}
        self.covered: tuple[datetime, datetime] | None = None

    def read(self, start: datetime, end: datetime, limit: int = MAX_LINK_ROWS) -> None:
        """Read the links of the visible appeals registered between start and end.

        A window read before is not read again: only what widens it is.
        """
        if self.covered is None:
            parts = [(start, end)]
        else:
            low, high = self.covered
            parts = [p for p in ((start, low), (high, end)) if p[0] < p[1]]
            start, end = min(start, low), max(end, high)
        self.covered = (start, end)
        for part in parts:
            self._read(*part, limit=limit)

    def _read(self, start: datetime, end: datetime, limit: int) -> None:
        window = self.visible.filter(registered_at__gte=start, registered_at__lte=end)
        found = TriageResult.objects.filter(appeal__in=window.values("pk")).order_by("-appeal_id")
        targets: dict[int, list[tuple[int, float]]] = {}
        for appeal_id, duplicates in found.values_list("appeal_id", "duplicates")[:limit]:
            pairs = [(int(pk), float(score)) for pk, score in duplicates or ()]
            kept = [pair for pair in pairs if pair[1] >= self.min_score]
            if kept:
                targets[appeal_id] = kept
        wanted = set(targets) | {pk for pairs in targets.values() for pk, _s in pairs}
        merged = window.filter(merged_into__isnull=False).values_list("pk", "merged_into_id")
        merged_into = window.filter(merged_appeals__isnull=False).values_list("pk", flat=True)
        for pk, target in merged:
            self._add(pk, target, 1.0)
            wanted |= {pk, target}
        for pk, source in self.visible.filter(merged_into__in=list(merged_into)).values_list(
            "pk", "merged_into_id"
        ):
            self._add(pk, source, 1.0)
            wanted |= {pk, source}
        self.load(wanted)
        apart = standing_among(targets)  # officers said these are not duplicates
        for source, pairs in targets.items():
            for pk, score in pairs:
                if pk in self.rows and source in self.rows and pair_of(source, pk) not in apart:
                    self._add(source, pk, score)

    def load(self, ids: Iterable[int]) -> None:
        """Read the visible appeals among the ids (once each)."""
        missing = [pk for pk in set(ids) if pk not in self.rows]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            for row in self.visible.filter(pk__in=chunk).values(*_FIELDS, "answered_at"):
                self.rows[row["pk"]] = row

    def _add(self, a: int, b: int, score: float) -> None:
        if a != b:
            key = (min(a, b), max(a, b))
            self.pairs[key] = max(score, self.pairs.get(key, 0.0))

    def visible_pairs(self) -> list[tuple[int, int]]:
        return [(a, b) for a, b in self.pairs if a in self.rows and b in self.rows]

    def component(self, start: int) -> set[int]:
        for group in group_clusters(self.visible_pairs(), [start]):
            if start in group:
                return set(group)
        return {start}


def _clusters(links: _Links, groups: list[list[int]]) -> list[Cluster]:
    """Give the clusters of the groups, reading their appeals in a few queries."""
    kept = [
        sorted(g, key=lambda pk: (links.rows[pk]["registered_at"], pk))[:MAX_MEMBERS]
        for g in groups
    ]
    ids = [pk for g in kept for pk in g]
    by_pk: dict[int, Appeal] = {}
    for start in range(0, len(ids), 500):
        chunk = Appeal.objects.filter(pk__in=ids[start : start + 500])
        by_pk.update((a.pk, a) for a in chunk.only(*_FIELDS, "answered_at"))
    departments = {
        d.pk: str(d)
        for d in Department.objects.filter(pk__in={a.department_id for a in by_pk.values()})
    }
    clusters = []
    for group, whole in zip(kept, groups, strict=True):
        members = [by_pk[pk] for pk in group if pk in by_pk]
        chosen = {a.pk for a in members}
        scores: dict[int, float] = {}
        pairs = []
        for (a, b), score in links.pairs.items():
            if a in chosen and b in chosen:
                scores[a] = max(scores.get(a, 0.0), score)
                scores[b] = max(scores.get(b, 0.0), score)
                pairs.append((a, b, score))
        for appeal in members:
            name = departments.get(appeal.department_id or 0, "")
            appeal.department_name = name  # type: ignore[attr-defined]
        clusters.append(
            Cluster(
                members=members,
                scores=scores,
                main=choose_main(members),
                streets=address_summary(a.address for a in members),
                departments=sorted(
                    {departments.get(a.department_id or 0, "") for a in members} - {""}
                ),
                truncated=len(whole) > len(group),
                links=sorted(pairs),
            )
        )
    return clusters


def cluster_of(user: Any, appeal: Appeal) -> Cluster | None:
    """Give the cluster of the appeal as the user may see it, or None when it has no twin."""
    links = _Links(user, appeal.body_id, body_min_score(appeal.body_id))
    links.load([appeal.pk])
    if appeal.pk not in links.rows:
        return None
    start = end = appeal.registered_at
    members = {appeal.pk}
    for _round in range(MAX_ROUNDS):
        links.read(start - DUPLICATE_WINDOW, end + DUPLICATE_WINDOW)
        members = links.component(appeal.pk)
        times = [links.rows[pk]["registered_at"] for pk in members]
        wider = (min(times), max(times))
        if wider == (start, end) or len(members) > MAX_MEMBERS:
            break
        start, end = wider
    if len(members) < 2:
        return None
    return _clusters(links, [sorted(members)])[0]


def open_clusters(user: Any, body: Body, department: Department | None = None) -> list[Cluster]:
    """Give the body's clusters that still owe an answer, largest first, as the user sees them.

    With a department, only clusters with an open appeal of that department are given.
    """
    return body_clusters(user, body, department)


def body_clusters(
    user: Any, body: Body, department: Department | None = None, *, settled: bool = False
) -> list[Cluster]:
    """Give the body's clusters as the user sees them, largest first: those that still owe
    an answer, or with ``settled`` those that owe none any more.

    Settled clusters are read from the newest ``MAX_LINK_ROWS`` triaged appeals of the body.
    With a department, only clusters with an appeal of that department (an open one, for
    open clusters) are given.
    """
    links = _Links(user, body.pk, body_min_score(body.pk))
    scope = links.visible if settled else links.visible.filter(state__in=OPEN)
    first = scope.order_by("registered_at").values_list("registered_at", flat=True).first()
    if first is None:
        return []
    links.read(first - DUPLICATE_WINDOW, timezone.now() + DUPLICATE_WINDOW)
    clusters = []
    for group in group_clusters(links.visible_pairs()):
        if len(group) < 2:
            continue
        rows = [links.rows[pk] for pk in group]
        still_open = [r for r in rows if r["state"] in OPEN]
        if bool(still_open) == settled:
            continue
        concerned = rows if settled else still_open
        if department is not None and all(r["department_id"] != department.pk for r in concerned):
            continue
        clusters.append(group)
    return _clusters(links, clusters)
