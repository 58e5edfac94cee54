"""The figures match the hand-counted history (see conftest.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from ratusha.analytics.figures import Scope, dashboard_figures, percentile
from ratusha.analytics.rollups import refresh_rollups
from tests.analytics.conftest import TODAY

pytestmark = pytest.mark.django_db

JAN, FEB_END = date(2026, 1, 1), date(2026, 2, 28)


@pytest.fixture
def counted(history: Any) -> Any:
    refresh_rollups()
    with time_machine.travel(TODAY, tick=False):
        yield history


def figures(world: Any, public: bool = False, **narrow: Any) -> Any:
    values: dict[str, Any] = {"start": JAN, "end": FEB_END, "body_ids": (world.bodies["A"].pk,)}
    values.update(narrow)
    return dashboard_figures(Scope(**values), public=public)


def test_every_figure_of_body_a(counted: Any, world: Any) -> None:
    f = figures(world)
    assert (f.received, f.answered, f.answered_on_time) == (6, 3, 2)
    assert f.answered_on_time_share == pytest.approx(2 / 3)
    assert (f.median_days_to_answer, f.p90_days_to_answer) == (7, 21)
    assert f.overdue_now == 1
    assert (f.left_without_consideration, f.forwarded, f.repeated) == (1, 1, 2)
    assert f.satisfaction_distribution == (0, 1, 0, 1, 1)
    assert f.satisfaction_mean == pytest.approx(11 / 3)
    assert (f.triage_reviewed, f.triage_overridden, f.triage_override_share) == (2, 1, 0.5)
    assert [(m.month, m.received, m.answered, m.answered_on_time) for m in f.monthly] == [
        (date(2026, 1, 1), 3, 2, 1),
        (date(2026, 2, 1), 3, 1, 1),
    ]
    top = [(c.code, c.received, c.previous, c.monthly) for c in f.top_categories]
    assert top == [("CA1", 4, 1, (2, 2)), ("CA2", 2, 0, (1, 1))]
    assert f.top_categories[0].change == pytest.approx(3.0)


def test_the_public_figures_leave_out_the_triage(counted: Any, world: Any) -> None:
    f = figures(world, public=True)
    assert f.received == 6
    assert (f.triage_reviewed, f.triage_overridden, f.triage_override_share) == (None, None, None)


def test_filters_apply_to_every_figure(counted: Any, world: Any) -> None:
    a2 = figures(world, department_ids=(world.departments["A2"].pk,))
    assert (a2.received, a2.answered, a2.overdue_now, a2.forwarded) == (2, 0, 0, 1)
    assert a2.left_without_consideration == 1
    post = figures(world, channel="post")
    assert (post.received, post.answered, post.median_days_to_answer) == (1, 1, 21)
    cat = figures(world, category_ids=(world.categories["A1"].pk,))
    assert (cat.received, cat.overdue_now, cat.repeated) == (4, 1, 2)
    district = figures(world, body_ids=(), district_id=world.bodies["D"].pk)
    assert (district.received, district.answered, district.median_days_to_answer) == (7, 4, 3)


def test_periods_count_local_days_across_month_edges(counted: Any, world: Any) -> None:
    # No.3 at 23:30 on 31 January and No.4 at 00:30 on 1 February (local time).
    assert figures(world, end=date(2026, 1, 31)).received == 3
    assert figures(world, start=date(2026, 1, 15), end=date(2026, 2, 5)).received == 3
    assert figures(world, start=date(2026, 2, 1), end=date(2026, 2, 1)).received == 1
    assert figures(world, start=date(2025, 12, 1), end=FEB_END).received == 7


def test_an_empty_scope_has_no_rates(db: Any) -> None:
    f = dashboard_figures(Scope(JAN, FEB_END), public=True)
    assert f.received == 0
    assert f.answered_on_time_share is None and f.median_days_to_answer is None


def test_percentile_is_nearest_rank() -> None:
    assert percentile((), 0.5) is None
    assert percentile((0, 0, 10), 0.9) == 2
    # 10 answers: p90 is the 9th smallest, never rounded up by float error.
    assert percentile((9, 1), 0.9) == 0
