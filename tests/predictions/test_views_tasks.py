"""The staff page shows a body's predictions to its staff only; the periodic tasks run."""

from __future__ import annotations

from typing import Any

import time_machine
from django.urls import reverse

from ratusha.predictions import tasks
from ratusha.predictions.models import Forecast

from .conftest import NOW


def test_the_staff_page_is_for_the_bodys_staff(
    client: Any, world: Any, weekly_history: Any
) -> None:
    weekly_history(weeks=20)
    body = world.bodies["A"]
    with time_machine.travel(NOW, tick=False):
        tasks.refresh_forecasts.enqueue()
    url = reverse("predictions:overview", args=[body.pk])
    client.force_login(world.users["head"])
    client.cookies["ratusha_language"] = "en"
    page = client.get(url)
    assert page.status_code == 200
    assert "Appeals expected in the coming weeks" in page.content.decode()
    for name in ("citizen", "officer_b"):
        client.force_login(world.users[name])
        assert client.get(url).status_code == 404


def test_the_periodic_tasks_run(world: Any, weekly_history: Any) -> None:
    weekly_history(weeks=20)
    with time_machine.travel(NOW, tick=False):
        assert tasks.refresh_forecasts.enqueue().return_value == {"A": 3}
        assert tasks.detect_spikes_and_hotspots.enqueue().return_value == {"A": [0, 0]}
        # Every appeal of this history was answered in time: nothing to learn lateness from.
        assert tasks.retrain_risk_models.enqueue().return_value == {"A": None}
        assert tasks.refresh_deadline_risk.enqueue().return_value == {"A": [0, 0]}
    assert Forecast.objects.count() == 3
