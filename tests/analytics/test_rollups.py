"""The rollup refresh: incremental after a watermark, idempotent, and run as a task."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from ratusha.analytics.figures import Scope, dashboard_figures
from ratusha.analytics.models import Grain, Rollup, RollupWatermark
from ratusha.analytics.rollups import refresh_rollups
from ratusha.analytics.tasks import refresh_rollups as refresh_task
from ratusha.appeals.actions import check_register_appeal, check_transition
from ratusha.appeals.models import Appeal, Rating
from tests.analytics.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock(time_machine: Any) -> Any:
    """Stand on 1 March 2026 before the history is stored (ratings stamp the clock)."""
    time_machine.move_to(at(2026, 3, 1), tick=False)
    return time_machine


def body_a(world: Any) -> Any:
    scope = Scope(date(2026, 1, 1), date(2026, 2, 28), body_ids=(world.bodies["A"].pk,))
    return dashboard_figures(scope, public=False)


def cells() -> list[dict[str, Any]]:
    rows = Rollup.objects.order_by(
        "grain", "body_id", "day", "department_id", "category_id", "channel"
    )
    return [{k: v for k, v in row.items() if k != "id"} for row in rows.values()]


def test_a_refresh_counts_everything_once_and_repeating_it_changes_nothing(
    history: Any, world: Any, clock: Any
) -> None:
    first = refresh_rollups()
    assert first.full and first.appeals_counted == 8
    before = cells()
    months = {row["day"] for row in before if row["grain"] == Grain.MONTH}
    assert months == {date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)}
    clock.move_to(at(2026, 3, 1, 11), tick=False)
    again = refresh_rollups()  # re-reads the 5 minutes before the mark: the ratings just made
    assert not again.full and cells() == before
    clock.move_to(at(2026, 3, 1, 12), tick=False)
    assert refresh_rollups().days_rebuilt == 0


def test_only_the_days_of_changed_appeals_are_rebuilt(
    history: Any, world: Any, appeal_input: Any, clock: Any
) -> None:
    refresh_rollups()
    clock.move_to(at(2026, 3, 1, 11), tick=False)
    refresh_rollups()
    clock.move_to(at(2026, 2, 20), tick=False)
    new = check_register_appeal(appeal_input()).appeal
    clock.move_to(at(2026, 3, 1, 12), tick=False)
    check_transition(
        new.pk, "assign", world.users["clerk"], {"department": world.departments["A1"].pk}
    )
    Rating.objects.create(appeal=history[5], score=1)
    clock.move_to(at(2026, 3, 1, 13), tick=False)
    report = refresh_rollups()
    assert not report.full
    assert report.days_rebuilt == 2  # the new appeal's day and No.5's (rated just now)
    figures = body_a(world)
    assert figures.received == 7
    assert figures.satisfaction_count == 4


def test_old_appeals_imported_after_a_refresh_are_counted(
    history: Any, world: Any, appeal_input: Any, clock: Any
) -> None:
    refresh_rollups()
    clock.move_to(at(2026, 3, 1, 11), tick=False)
    refresh_rollups()  # past the overlap of the ratings the history made
    assert body_a(world).received == 6
    clock.move_to(at(2026, 1, 15), tick=False)  # an import of old appeals: old times only
    for _ in range(2):
        check_register_appeal(appeal_input())
    clock.move_to(at(2026, 3, 1, 12), tick=False)
    report = refresh_rollups()
    assert not report.full and report.days_rebuilt == 1
    assert body_a(world).received == 8
    assert RollupWatermark.objects.get().appeals_up_to == Appeal.objects.latest("pk").pk


def test_a_change_of_state_moves_the_counts(history: Any, world: Any, clock: Any) -> None:
    refresh_rollups()
    assert body_a(world).forwarded == 1
    Appeal.objects.filter(pk=history[5].pk).update(state="forwarded", changed_at=at(2026, 3, 2))
    clock.move_to(at(2026, 3, 2, 12), tick=False)
    refresh_rollups()
    assert body_a(world).forwarded == 2


def test_the_overlap_catches_late_commits(history: Any, world: Any, clock: Any) -> None:
    refresh_rollups()
    # Committed after the refresh, but stamped a minute before its clock.
    Appeal.objects.filter(pk=history[4].pk).update(
        state="forwarded", changed_at=at(2026, 3, 1) - timedelta(minutes=1)
    )
    clock.move_to(at(2026, 3, 1, 12), tick=False)
    refresh_rollups()
    assert body_a(world).forwarded == 2


def test_the_task_reports_what_it_did(history: Any) -> None:
    result = refresh_task.enqueue()
    assert result.return_value["appeals_counted"] == 8
    mark = RollupWatermark.objects.get()
    assert mark.refreshed_at is not None and mark.last_days_rebuilt == 8


def test_the_command_recounts_everything(history: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("refresh_rollups", "--full", stdout=out)
    assert "Counted 8 appeals" in out.getvalue()
