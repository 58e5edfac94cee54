"""A small fixed register of appeals for October 2026 in town A (and one in village B).

The rows are written directly, as the history importer does, so that each appeal has
exactly the dates and states the report's figures are checked against.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

MINSK = ZoneInfo("Europe/Minsk")
NOW = datetime(2026, 11, 5, 12, 0, tzinfo=MINSK)


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=MINSK)


@dataclass
class Register:
    world: Any
    health: Any  # a category of A2 whose Belarusian name has ў
    appeals: dict[str, Any]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def register(world: Any) -> Register:
    from ratusha.appeals.models import Appeal, AppealEvent, Rating
    from ratusha.bodies.models import Category

    health = Category.objects.create(
        body=world.bodies["A"],
        code="HEALTH",
        name_be="Ахова здароўя",
        name_ru="Здравоохранение",
        name_en="Health care",
        default_department=world.departments["A2"],
    )
    a1, a2 = world.departments["A1"], world.departments["A2"]
    c1, c2 = world.categories["A1"], world.categories["A2"]
    rows: list[tuple[str, str, Any, Any, str, str | None, str | None, dict[str, Any]]] = [
        # key, registered, department, category, state, answered, due, extra
        ("A-1", "2026-10-02", a1, c1, "closed", "2026-10-10", "2026-10-17", {"rating": 5}),
        ("A-2", "2026-10-05", a1, c1, "answered", "2026-10-28", "2026-10-20", {"rating": 2}),
        ("A-3", "2026-10-07", a2, health, "in_progress", None, "2026-10-22", {}),
        ("A-4", "2026-10-08", a2, c2, "in_progress", None, "2026-11-10", {"collective": True}),
        ("A-5", "2026-10-09", None, c1, "left_without_consideration", None, None, {"left": 1}),
        ("A-6", "2026-10-12", None, c2, "forwarded", None, None, {"forwarded": 1}),
        ("A-7", "2026-09-20", a1, c1, "closed", "2026-10-05", "2026-10-05", {"rating": 4}),
        ("A-8", "2026-09-10", a2, health, "closed", "2026-09-20", "2026-09-25", {"rating": 3}),
        ("A-9", "2026-11-03", a1, c1, "assigned", None, "2026-11-18", {}),
    ]
    appeals = {}
    for i, (key, registered, dept, category, state, answered, due, extra) in enumerate(rows):
        appeal = Appeal.objects.create(
            body=world.bodies["A"],
            number=f"A-2026-{i + 1:06d}",
            year=2026,
            sequence=i + 1,
            registered_at=at(registered),
            channel="post" if i % 2 else "web",
            applicant_kind="collective" if extra.get("collective") else "individual",
            applicant_name="Ганна Жук",
            text="Тэкст звароту.",
            department=dept,
            category=category,
            state=state,
            answered_at=at(answered, 15) if answered else None,
            due_date=date.fromisoformat(due) if due else None,
        )
        if "rating" in extra:
            Rating.objects.create(appeal=appeal, score=extra["rating"])
        if "left" in extra or "forwarded" in extra:
            AppealEvent.objects.create(
                appeal=appeal,
                at=at(registered, 16),
                actor_role="registry_clerk",
                action="leave_without_consideration" if "left" in extra else "forward",
                from_state="registered",
                to_state=state,
                reason="repeated_nothing_new" if "left" in extra else "",
            )
        appeals[key] = appeal
    appeals["B-1"] = Appeal.objects.create(
        body=world.bodies["B"],
        number="B-2026-000001",
        year=2026,
        sequence=1,
        registered_at=at("2026-10-15"),
        channel="web",
        applicant_name="Ян Лось",
        text="Тэкст.",
        department=world.departments["B1"],
        category=world.categories["B1"],
        state="in_progress",
        due_date=date(2026, 10, 30),
    )
    return Register(world, health, appeals)
