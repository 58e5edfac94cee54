"""The demo town shows the per-category rule: a clerk always decides disability appeals."""

from __future__ import annotations

import pytest

from ratusha.bodies.models import Category
from ratusha.ledger.models import PendingEntry


@pytest.mark.django_db
def test_the_demo_makes_a_clerk_decide_one_category_once_and_keeps_an_admin_s_choice(
    django_capture_on_commit_callbacks: object,
) -> None:
    from ratusha.demo.actions import do_seed_demo
    from ratusha.triage.demo import seed_category_routing

    do_seed_demo()  # the bodies and categories (the extras come with a history)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert seed_category_routing()
    manual = Category.objects.filter(auto_route=False)
    assert [(c.body.code, c.code) for c in manual.select_related("body")] == [("ZAR", "DISAB")]
    assert not seed_category_routing()  # a second seeding changes nothing
    # An administrator routes it automatically again and makes a clerk decide schools.
    Category.objects.filter(code="DISAB").update(auto_route=True)
    Category.objects.filter(body__code="ZAR", code="SCHL").update(auto_route=False)
    assert not seed_category_routing()
    assert list(Category.objects.filter(auto_route=False).values_list("code", flat=True)) == [
        "SCHL"
    ]
    entries = PendingEntry.objects.filter(event_type="triage.category_routing")
    assert entries.count() == 1  # recorded once, when the demo made the choice
