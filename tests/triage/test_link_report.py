"""The accuracy page's duplicate links: pairs linked, marked as not duplicates, merged."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Appeal
from ratusha.triage.actions_not_duplicates import check_keep_apart, check_withdraw
from ratusha.triage.link_report import link_lines

pytestmark = pytest.mark.django_db


def test_the_month_counts_each_pair_once_and_the_marks_and_merges(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    first, second, third, _other = manholes
    clerk = town.users["clerk"]
    visible = appeals_for(clerk).filter(body=town.bodies["A"])
    month = timezone.now().strftime("%Y-%m")
    [line] = link_lines(visible, timezone.now())
    assert (line.month, line.links, line.apart, line.merged) == (month, 2, 0, 0)
    assert line.apart_percent == 0
    check_keep_apart(clerk, third, first)
    check_withdraw(clerk, third, first)  # withdrawn marks still count as said
    check_keep_apart(clerk, second, first)
    from ratusha.appeals.actions.clusters import check_merge_appeals

    third.refresh_from_db()
    check_merge_appeals(clerk, first.pk, [(third.pk, third.version)])
    [line] = link_lines(visible, timezone.now())
    assert (line.links, line.apart, line.merged) == (2, 2, 1) and line.apart_percent == 100
    # Another body's officer counts nothing of body A.
    assert (
        link_lines(
            appeals_for(town.users["officer_b"]).filter(body=town.bodies["A"]), timezone.now()
        )
        == []
    )
    client.force_login(town.users["clerk"])
    page = client.get(reverse("triage:accuracy", args=[town.bodies["A"].pk])).content.decode()
    assert (
        "Duplicate links" in page
        and f'<th scope="row">{month}</th><td>2</td><td>2</td><td>100%</td><td>1</td>' in page
    )
