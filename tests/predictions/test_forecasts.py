"""Stored forecasts and spike alerts, read back through queries.py; the alert is e-mailed once."""

from __future__ import annotations

from typing import Any

from django.core import mail

from ratusha.predictions.actions import do_detect_spikes, do_refresh_forecasts
from ratusha.predictions.models import Forecast, SpikeAlert
from ratusha.predictions.queries import alerts_for, forecast_for, forecasts_for

from .conftest import NOW


def test_forecasts_are_stored_per_body_department_and_category(
    world: Any, weekly_history: Any
) -> None:
    weekly_history(weeks=40, per_week=10)
    body = world.bodies["A"]
    assert do_refresh_forecasts(body, NOW) == 3
    assert set(Forecast.objects.values_list("scope", flat=True)) == {
        f"body:{body.pk}",
        f"department:{world.departments['A1'].pk}",
        f"category:{world.categories['A1'].pk}",
    }
    whole = forecast_for(body)
    assert whole is not None and len(whole.weeks) == 8
    assert whole.weeks[0].isoformat() == "2026-11-23"  # the week now running comes first
    assert all(7 <= m <= 13 for m in whole.mean)
    for lo95, lo80, hi80, hi95 in zip(whole.lo95, whole.lo80, whole.hi80, whole.hi95, strict=True):
        assert lo95 <= lo80 <= hi80 <= hi95
    assert whole.history_counts[-5:] == (10, 10, 10, 10, 10)
    assert forecast_for("A", category="CA1") is not None
    assert forecast_for(body, department=world.departments["A1"]).scope.startswith("department")
    assert forecast_for(world.bodies["B"]) is None
    assert forecast_for("NOPE") is None
    assert [f.level for f in forecasts_for(body, "category")] == ["category"]
    # Refreshing again keeps one row per series.
    do_refresh_forecasts(body, NOW)
    assert Forecast.objects.count() == 3


def test_too_short_a_history_gives_no_forecast(world: Any, weekly_history: Any) -> None:
    weekly_history(weeks=5)
    assert do_refresh_forecasts(world.bodies["A"], NOW) == 0
    assert forecast_for(world.bodies["A"]) is None


def test_a_spike_is_raised_and_mailed_to_the_head_once_a_week(
    world: Any, weekly_history: Any, django_capture_on_commit_callbacks: Any
) -> None:
    weekly_history(weeks=30, per_week=10, last_week=45)
    body = world.bodies["A"]
    with django_capture_on_commit_callbacks(execute=True):
        raised = do_detect_spikes(body, NOW)
    assert {a.scope for a in raised} == {
        f"department:{world.departments['A1'].pk}",
        f"category:{world.categories['A1'].pk}",
    }
    assert len(mail.outbox) == 2  # one per series, each to the A1 head
    assert {tuple(m.to) for m in mail.outbox} == {("head@example.org",)}
    assert "45" in mail.outbox[0].body
    assert all(a.notified_at is not None for a in SpikeAlert.objects.all())
    # The hourly task runs again in the same week: nothing new, nothing sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert do_detect_spikes(body, NOW) == []
    assert len(mail.outbox) == 2
    alerts = alerts_for(body)
    assert [a.observed for a in alerts] == [45, 45]
    assert alerts[0].week.isoformat() == "2026-11-16"
    assert alerts[0].upper95 < 45


def test_a_usual_week_raises_nothing(world: Any, weekly_history: Any) -> None:
    weekly_history(weeks=30, per_week=10)
    assert do_detect_spikes(world.bodies["A"], NOW) == []
    assert alerts_for(world.bodies["A"]) == []
