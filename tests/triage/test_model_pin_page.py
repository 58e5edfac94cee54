"""The models page with a pin: who pinned it, the buttons, the version waiting, the rollback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ratusha.ledger.models import PendingEntry
from ratusha.triage.actions_models import (
    MODEL_ACTIVATED,
    MODEL_PINNED,
    MODEL_UNPINNED,
    check_pin_model,
)
from ratusha.triage.models import Target, TriageModel

pytestmark = pytest.mark.django_db


def stored(body: Any, version: int, active: bool, target: str = Target.CATEGORY) -> Any:
    return TriageModel.objects.create(
        body=body,
        target=target,
        version=version,
        classifier=b"",
        metrics={"examples": 70 + version},
        is_active=active,
        trained_at=timezone.now(),
    )


@pytest.fixture
def pinned(town: Any) -> dict[int, Any]:
    """Body A's category versions 1-3: version 2 active and pinned by the admin, 3 waiting."""
    body = town.bodies["A"]
    made = {1: stored(body, 1, False), 2: stored(body, 2, True), 3: stored(body, 3, False)}
    check_pin_model(town.users["admin"], made[2])
    return made


def url(town: Any, name: str = "triage:models", *args: Any) -> str:
    return reverse(name, args=[town.bodies["A"].pk, *args])


def pins() -> dict[int, bool]:
    rows = TriageModel.objects.filter(target=Target.CATEGORY).values_list("version", "pinned_at")
    return {version: at is not None for version, at in rows}


def active() -> int:
    return TriageModel.objects.get(target=Target.CATEGORY, is_active=True).version


def events(event: str) -> list[int]:
    found = PendingEntry.objects.filter(event_type=event).order_by("pk")
    return [json.loads(e.leaf_input)["model_version"] for e in found]


def test_the_page_tells_who_pinned_and_what_waits(
    town: Any, pinned: dict[int, Any], client: Any
) -> None:
    client.force_login(town.users["district_admin"])
    html = client.get(url(town)).text
    category = html[html.index('id="versions-category"') : html.index('id="versions-department"')]
    assert "Pinned by Admin on " in category
    assert "Version 3, trained " in category
    assert "is newer and not active because of the pin on version 2." in category
    rows = category.split("<tr>")[2:]
    newest, active_row, _oldest = rows
    assert "Make this version active" in newest and "Pinned by" not in newest
    assert f'action="{url(town, "triage:model-unpin", pinned[2].pk)}"' in active_row
    assert "Lift the pin" in active_row and "(version 2)" in active_row
    assert "Pin this version" not in category
    assert 'name="csrfmiddlewaretoken"' in active_row
    # The department model has no version; without a pin nothing waits.
    assert "is newer and not active" not in html[html.index('id="versions-department"') :]


def test_the_active_version_can_be_pinned_from_the_page(town: Any, client: Any) -> None:
    body = town.bodies["A"]
    stored(body, 1, True)
    newer = stored(body, 2, False)
    client.force_login(town.users["admin"])
    html = client.get(url(town)).text
    assert "Not pinned: the next training replaces it." in html and "Pin this version" in html
    assert "is newer and not active" not in html  # no pin, nothing waits because of one
    active_pk = TriageModel.objects.get(is_active=True).pk
    assert client.get(url(town, "triage:model-pin", active_pk)).status_code == 405
    done = client.post(url(town, "triage:model-pin", active_pk), follow=True)
    assert "Version 1 of the category model is pinned" in done.text
    assert "Pinned by Admin on " in done.text
    assert f"Version {newer.version}, trained " in done.text
    again = client.post(url(town, "triage:model-pin", active_pk), follow=True)
    assert "Version 1 was pinned already." in again.text
    lifted = client.post(url(town, "triage:model-unpin", active_pk), follow=True)
    assert "The pin of version 1 is lifted" in lifted.text
    assert pins() == {1: False, 2: False}


def test_the_confirmation_offers_the_pin_ticked(
    town: Any, pinned: dict[int, Any], client: Any
) -> None:
    client.force_login(town.users["admin"])
    asked = client.post(url(town, "triage:model-activate", pinned[1].pk)).text
    assert 'type="checkbox" name="pin" value="yes" id="pin-chosen" checked' in asked
    assert '<label for="pin-chosen">Keep this version active after later trainings (pin it)' in (
        asked
    )
    assert "Version 2 is pinned now." in asked


def test_a_rollback_with_the_box_ticked_moves_the_pin(
    town: Any, pinned: dict[int, Any], client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(town.users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url(town, "triage:model-activate", pinned[1].pk),
            {"confirm": "yes", "pin": "yes"},
            follow=True,
        )
    assert "Version 1 of the category model is active now." in done.text
    assert "It is pinned: later trainings will not replace it." in done.text
    assert active() == 1 and pins() == {1: True, 2: False, 3: False}
    assert events(MODEL_ACTIVATED) == [1] and events(MODEL_PINNED) == [
        1
    ]  # the fixture pinned v2 uncommitted
    assert events(MODEL_UNPINNED) == []


def test_a_rollback_with_the_box_unticked_lifts_the_pin(
    town: Any, pinned: dict[int, Any], client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(town.users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(town, "triage:model-activate", pinned[3].pk), {"confirm": "yes"})
    assert active() == 3 and pins() == {1: False, 2: False, 3: False}
    assert events(MODEL_ACTIVATED) == [3] and events(MODEL_UNPINNED) == [2]
    html = client.get(url(town)).text
    assert "Pinned by" not in html and "is newer and not active" not in html
