"""What the deadline-risk model knows of an appeal on a given day, from its history.

Everything is read *as of* that day: the department's and the executor's open appeals
then, the executor's, department's and category's share of late answers among appeals
settled before then, how long the appeal has run and how long it has left, whether it
has been assigned or drafted, and its complexity (text length, questions, collective).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

FEATURES = (
    "days_left",
    "age_days",
    "term_days",
    "share_of_term_used",
    "assigned",
    "drafted",
    "department_open",
    "department_open_vs_usual",
    "executor_open",
    "executor_late_share",
    "department_late_share",
    "category_late_share",
    "log_text_length",
    "questions",
    "collective",
    "electronic",
)
PRIOR_WEIGHT = 10.0  # a record of a few appeals is pulled towards the overall late share


@dataclass(frozen=True)
class RiskCase:
    """An appeal as the risk model sees it.

    ``settled`` is the day the body stopped owing an answer (answer sent, or the appeal
    forwarded, left, withdrawn or merged), None while it is open. ``missed`` is True when
    the answer came after ``due`` (or has not come and ``due`` has passed), False when it
    came in time, None when no answer was owed or the outcome is not known yet.
    """

    appeal_id: int
    registered: date
    due: date
    settled: date | None
    missed: bool | None
    department: str
    category: str
    executor: str
    assigned: date | None = None
    drafted: date | None = None
    text_length: int = 0
    questions: int = 0
    collective: bool = False
    electronic: bool = False


class History:
    """Indexes over all cases, so features as of any day are found by binary search."""

    def __init__(self, cases: Sequence[RiskCase]) -> None:
        self.cases = cases
        opened: dict[tuple[str, str], list[int]] = defaultdict(list)
        closed: dict[tuple[str, str], list[int]] = defaultdict(list)
        outcomes: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for c in cases:
            for key in (("department", c.department), ("executor", c.executor)):
                opened[key].append(c.registered.toordinal())
                closed[key].append(c.settled.toordinal() if c.settled else 10**7)
            if c.missed is not None:
                # The outcome is known on the day of the answer, or on the due date when late.
                known = c.settled or c.due
                if c.missed and c.settled:
                    known = min(c.settled, c.due)
                for key in (
                    ("executor", c.executor),
                    ("department", c.department),
                    ("category", c.category),
                    ("all", ""),
                ):
                    outcomes[key].append((known.toordinal(), int(c.missed)))
        self._opened = {k: sorted(v) for k, v in opened.items()}
        self._closed = {k: sorted(v) for k, v in closed.items()}
        self._usual: dict[tuple[str, int], float] = {}
        self._known: dict[tuple[str, str], tuple[list[int], NDArray[np.float64]]] = {}
        for key, rows in outcomes.items():
            rows.sort()
            self._known[key] = ([d for d, _ in rows], np.cumsum([m for _, m in rows], dtype=float))

    def open_on(self, kind: str, name: str, day: date) -> int:
        """Give how many appeals of the department or executor were open on ``day``."""
        key = (kind, name)
        d = day.toordinal()
        return bisect_right(self._opened.get(key, []), d) - bisect_right(
            self._closed.get(key, []), d
        )

    def late_share(self, kind: str, name: str, day: date) -> float:
        """Give the smoothed share of late answers known before ``day``."""
        overall = self._raw(("all", ""), day)
        prior = overall[1] / overall[0] if overall[0] else 0.1
        n, late = self._raw((kind, name), day)
        return (late + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT)

    def _raw(self, key: tuple[str, str], day: date) -> tuple[int, float]:
        days, cumulative = self._known.get(key, ([], np.zeros(0)))
        n = bisect_right(days, day.toordinal() - 1)
        return n, float(cumulative[n - 1]) if n else 0.0

    def usual_open(self, department: str, day: date) -> float:
        """Give the department's open appeals on average over the 8 weeks before ``day``."""
        key = (department, day.toordinal())
        if key not in self._usual:
            samples = [
                self.open_on("department", department, date.fromordinal(key[1] - k))
                for k in range(7, 57, 7)
            ]
            self._usual[key] = max(1.0, sum(samples) / len(samples))
        return self._usual[key]


def features_on(case: RiskCase, day: date, history: History) -> list[float]:
    """Give the case's features as of ``day``, in the order of ``FEATURES``."""
    term = max(1, (case.due - case.registered).days)
    age = (day - case.registered).days
    dept_open = history.open_on("department", case.department, day)
    return [
        float((case.due - day).days),
        float(age),
        float(term),
        age / term,
        float(case.assigned is not None and case.assigned <= day),
        float(case.drafted is not None and case.drafted <= day),
        float(dept_open),
        dept_open / history.usual_open(case.department, day),
        float(history.open_on("executor", case.executor, day)) if case.executor else 0.0,
        history.late_share("executor", case.executor, day),
        history.late_share("department", case.department, day),
        history.late_share("category", case.category, day),
        math.log1p(case.text_length),
        float(case.questions),
        float(case.collective),
        float(case.electronic),
    ]


def snapshot_days(case: RiskCase, offsets: Sequence[int] = (0, 2, 4, 7, 10, 12, 14)) -> list[date]:
    """Give the days on which a settled case is looked at in training: open and not yet late."""
    end = min(case.settled or case.due, case.due)
    return [d for k in offsets if (d := date.fromordinal(case.registered.toordinal() + k)) < end]
