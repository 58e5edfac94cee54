"""A small hand-counted history of appeals in the world's bodies, for checking the figures.

Body A (Europe/Minsk), period 1 January - 28 February 2026, looked at on 5 March 2026:

| # | registered (local) | cat | channel | state / answer | notes |
| --- | --------------------- | ----- | --------- | --- | ------------------ |
| 8 | 2025-12-20 | A1 | web | answered in 2 days | x@, before period |
| 1 | 2026-01-05 | A1 | web | answered in 7 days, on time, rated 5 | x@, repeated |
| 2 | 2026-01-20 | A1 | post | answered in 21 days, late, rated 2 | x@, repeated |
| 3 | 2026-01-31 23:30 | A2 | web | forwarded |  |
| 4 | 2026-02-01 00:30 | A2 | email | left without consideration | Jan 31 in UTC |
| 5 | 2026-02-10 | A1 | web | in progress, due 25 Feb: overdue | triage overridden |
| 6 | 2026-02-15 | A1 | web | answered the same day, rated 4 | triage accepted |
| 7 | 2026-01-10 (body B) | B1 | web | answered in 3 days, on time |  |
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

MINSK = ZoneInfo("Europe/Minsk")
TODAY = datetime(2026, 3, 5, 12, 0, tzinfo=MINSK)


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MINSK)


def make_appeal(world: Any, n: int, body: str, registered: datetime, **fields: Any) -> Any:
    """Store one historic appeal row as the demo history does (no workflow replay)."""
    from ratusha.appeals.models import Appeal

    values: dict[str, Any] = {
        "body": world.bodies[body],
        "number": f"{body}-{registered.year}-{900 + n:06d}",
        "year": registered.year,
        "sequence": 900 + n,  # clear of the numbers the real registration gives
        "registered_at": registered,
        "changed_at": registered,
        "channel": "web",
        "applicant_name": f"Applicant {n}",
        "text": f"Appeal number {n} about a street lamp.",
        "state": "answered",
    }
    values.update(fields)
    return Appeal.objects.create(**values)


@pytest.fixture
def history(world: Any) -> dict[int, Any]:
    return build_history(world)


def build_history(world: Any) -> dict[int, Any]:
    """Store the table above in the world's bodies; give the appeals by number."""
    from ratusha.appeals.models import Rating
    from ratusha.triage.models import TriageLabel

    a1, a2, b1 = (world.categories[c] for c in ("A1", "A2", "B1"))
    d1, d2, db = (world.departments[c] for c in ("A1", "A2", "B1"))
    x = {"applicant_email": "x@example.org"}
    rows = {
        8: make_appeal(
            world,
            8,
            "A",
            at(2025, 12, 20),
            category=a1,
            department=d1,
            answered_at=at(2025, 12, 22),
            due_date=date(2026, 1, 5),
            **x,
        ),
        1: make_appeal(
            world,
            1,
            "A",
            at(2026, 1, 5),
            category=a1,
            department=d1,
            answered_at=at(2026, 1, 12),
            due_date=date(2026, 1, 20),
            **x,
        ),
        2: make_appeal(
            world,
            2,
            "A",
            at(2026, 1, 20),
            category=a1,
            department=d1,
            channel="post",
            answered_at=at(2026, 2, 10),
            due_date=date(2026, 2, 4),
            **x,
        ),
        3: make_appeal(
            world, 3, "A", at(2026, 1, 31, 23, 30), category=a2, department=d2, state="forwarded"
        ),
        4: make_appeal(
            world,
            4,
            "A",
            at(2026, 2, 1, 0, 30),
            category=a2,
            department=d2,
            channel="email",
            state="left_without_consideration",
        ),
        5: make_appeal(
            world,
            5,
            "A",
            at(2026, 2, 10),
            category=a1,
            department=d1,
            state="in_progress",
            due_date=date(2026, 2, 25),
        ),
        6: make_appeal(
            world,
            6,
            "A",
            at(2026, 2, 15, 9),
            category=a1,
            department=d1,
            answered_at=at(2026, 2, 15, 17),
            due_date=date(2026, 3, 2),
        ),
        7: make_appeal(
            world,
            7,
            "B",
            at(2026, 1, 10),
            category=b1,
            department=db,
            answered_at=at(2026, 1, 13),
            due_date=date(2026, 1, 26),
        ),
    }
    for n, score in ((1, 5), (2, 2), (6, 4)):
        Rating.objects.create(appeal=rows[n], score=score)
    for n, accepted in ((5, False), (6, True)):
        TriageLabel.objects.create(
            appeal=rows[n],
            body=world.bodies["A"],
            target="category",
            suggested="CA2",
            chosen="CA2" if accepted else "CA1",
            accepted=accepted,
            at=at(2026, 2, 16),
        )
    return rows
