"""Appeals written straight into the tables: hundreds of weeks of history in milliseconds."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Europe/Minsk"))  # a Wednesday
_numbers = itertools.count(1)


def appeal(
    body: Any,
    at: datetime,
    category: Any = None,
    *,
    state: str = "closed",
    lat: float | None = None,
    lon: float | None = None,
    due_days: int = 15,
    answered_after: int | None = 10,
    executor: Any = None,
    text: str = "The heating does not work.",
) -> Any:
    """Give an unsaved appeal of the body registered ``at``."""
    from ratusha.appeals.models import Appeal

    n = next(_numbers)
    return Appeal(
        body=body,
        number=f"{body.code}-T-{n:07d}",
        year=at.year,
        sequence=n,
        registered_at=at,
        channel="web",
        applicant_name="Test Person",
        text=text,
        category=category,
        department=category.default_department if category is not None else None,
        executor=executor,
        state=state,
        due_date=(at + timedelta(days=due_days)).date(),
        answered_at=at + timedelta(days=answered_after) if answered_after is not None else None,
        latitude=Decimal(f"{lat:.6f}") if lat is not None else None,
        longitude=Decimal(f"{lon:.6f}") if lon is not None else None,
        processing="done",
    )


@pytest.fixture
def weekly_history(world: Any) -> Any:
    """Give a function that stores ``per_week`` appeals of category A1 a week for ``weeks``."""
    from ratusha.appeals.models import Appeal

    def make(weeks: int = 40, per_week: int = 10, last_week: int | None = None) -> None:
        rows = []
        body, category = world.bodies["A"], world.categories["A1"]
        monday = (NOW - timedelta(days=NOW.weekday())).replace(hour=10)
        for w in range(weeks, 0, -1):
            count = last_week if (w == 1 and last_week is not None) else per_week
            start = monday - timedelta(weeks=w)
            rows += [
                appeal(body, start + timedelta(hours=160 * i / count), category)
                for i in range(count)
            ]
        Appeal.objects.bulk_create(rows)

    return make
