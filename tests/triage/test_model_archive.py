"""Old model versions lose their trained model (about 20 MB each) and keep their figures."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.actions import TransitionNotAllowed
from ratusha.triage.actions_models import check_activate_model, check_pin_model
from ratusha.triage.models import Target, TriageModel
from ratusha.triage.training import active_model, do_archive_old_versions, do_train_model
from ratusha_core.triage.classify import ClassifierConfig
from tests.api.conftest import Api
from tests.triage.test_clusters_api import problem

pytestmark = pytest.mark.django_db

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)


@pytest.fixture(autouse=True)
def _keep_two(settings: Any) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = False
    settings.RATUSHA_TRIAGE_KEEP_VERSIONS = 2


def kept(body: Any) -> list[tuple[int, bool, bool]]:
    """Give (version, active, model still stored) of the department versions, oldest first."""
    rows = TriageModel.objects.filter(body=body, target=Target.DEPARTMENT).order_by("version")
    return [(m.version, m.is_active, bool(bytes(m.classifier))) for m in rows]


def test_training_archives_all_but_the_newest_and_never_the_active_or_pinned(
    town: Any, history: Any
) -> None:
    body = town.bodies["A"]
    for _ in range(3):
        do_train_model(body, Target.DEPARTMENT, config=FAST)
    assert kept(body) == [(1, False, False), (2, False, True), (3, True, True)]
    archived = TriageModel.objects.get(body=body, target=Target.DEPARTMENT, version=1)
    assert archived.archived_at is not None and archived.metrics["examples"] > 0
    # Rolled back to 2 and pinned there: later versions pile up, 2 stays whole.
    check_activate_model(town.users["admin"], TriageModel.objects.get(body=body, version=2))
    check_pin_model(town.users["admin"], TriageModel.objects.get(body=body, version=2))
    for _ in range(2):
        do_train_model(body, Target.DEPARTMENT, config=FAST)
    assert kept(body) == [
        (1, False, False),
        (2, True, True),
        (3, False, False),
        (4, False, True),
        (5, False, True),
    ]
    assert active_model(body.pk, Target.DEPARTMENT) is not None  # loads version 2
    # The category model is another target: untouched.
    assert not TriageModel.objects.filter(body=body, archived_at__isnull=False).exclude(
        target=Target.DEPARTMENT
    )
    assert do_archive_old_versions(body, Target.DEPARTMENT, keep=0) == 0  # 0 keeps all


def test_an_archived_version_cannot_be_made_active(
    town: Any, history: Any, client: Any, api: Api, tokens: dict[str, str]
) -> None:
    body = town.bodies["A"]
    for _ in range(3):
        do_train_model(body, Target.DEPARTMENT, config=FAST)
    first = TriageModel.objects.get(body=body, target=Target.DEPARTMENT, version=1)
    with pytest.raises(TransitionNotAllowed) as refused:
        check_activate_model(town.users["admin"], first)
    assert refused.value.code == "archived"
    client.force_login(town.users["admin"])
    client.cookies["ratusha_language"] = "en"
    page = client.get(reverse("triage:models", args=[body.pk])).content.decode()
    activate = reverse("triage:model-activate", args=[body.pk, first.pk])
    assert "Archived: only its figures are kept." in page and activate not in page
    done = client.post(activate, {"confirm": "yes"}, follow=True).content.decode()
    assert "Version 1 is archived" in done
    problem(
        api.post("/bodies/A/triage-models/department/1/activate", token=tokens["admin"]),
        409,
        "archived",
    )
    listed = api.get("/bodies/A/triage-models", token=tokens["admin"]).json()
    flags = {(m["target"], m["version"]): m["archived_at"] is not None for m in listed["items"]}
    assert flags[("department", 1)] and not flags[("department", 2)]
    assert TriageModel.objects.get(body=body, is_active=True, target=Target.DEPARTMENT).version == 3
