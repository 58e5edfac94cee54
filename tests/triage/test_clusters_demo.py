"""The demo's cluster and repeat: the roads department finds them waiting."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from ratusha.accounts.models import User
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body, Department
from ratusha.triage.clusters import open_clusters
from ratusha.triage.demo import FOR_THE_CLERK
from ratusha.triage.models import TriageResult


@pytest.mark.django_db
def test_the_demo_head_sees_an_open_cluster_of_five_and_a_repeat(settings: Any) -> None:
    from ratusha.demo.actions import do_seed_demo
    from ratusha.triage.demo import seed_demo

    settings.RATUSHA_TRIAGE_NER = False
    settings.RATUSHA_TRIAGE_EMBEDDINGS = True  # the Russian report joins through it
    do_seed_demo()
    seed_demo(timezone.now())
    seed_demo(timezone.now())  # a second seeding changes nothing
    assert Appeal.objects.count() == 7 + len(FOR_THE_CLERK)
    body = Body.objects.get(code="ZAR")
    head = User.objects.get(email="head.road@demo.ratusha.example")
    road = Department.objects.get(body=body, code="ROAD")
    clusters = open_clusters(head, body, road)
    assert [c.size for c in clusters] == [5]
    assert clusters[0].streets and clusters[0].open_count == 5
    # The Russian report joins the Belarusian ones through the multilingual embedding.
    assert any("фонари" in member.text for member in clusters[0].members)
    texts = [text for _language, _email, text in FOR_THE_CLERK]
    again = Appeal.objects.exclude(text__in=texts).order_by("-pk").first()
    assert again is not None
    result = TriageResult.objects.get(appeal=again)
    assert result.repeat_of is not None and result.repeat_of.state == "answered"
