"""Demo data of triage: what the demo seeding adds for the AI triage of appeals."""

from __future__ import annotations

from datetime import datetime

from ratusha.bodies.models import Category
from ratusha.triage.demo_examples import EXAMPLES


def seed_category_examples(now: datetime) -> int:
    """Give the demo's categories a few example appeals in be/ru/en; give how many changed.

    Only categories without examples get them, so an administrator's edits stay.
    """
    changed = []
    for category in Category.objects.filter(examples="").select_related("body"):
        texts = EXAMPLES.get((category.body.code, category.code))
        if texts:
            category.examples = "\n".join(texts)
            changed.append(category)
    Category.objects.bulk_update(changed, ["examples"])
    return len(changed)


# Appeals about disability concern a person's health and circumstances: in the demo a
# clerk always decides where they go, to show the per-category rule.
CLERK_DECIDES = ("ZAR", "DISAB")


def seed_category_routing() -> bool:
    """Make the demo town's disability category one a clerk always decides, once.

    Only while every category of the town is still routed automatically, so that an
    administrator's own choice stays. Gives whether it changed anything.
    """
    from ratusha.triage.actions_category_routing import do_set_category_routing

    code, category = CLERK_DECIDES
    found = Category.objects.filter(body__code=code, code=category).select_related("body").first()
    if found is None or Category.objects.filter(body=found.body, auto_route=False).exists():
        return False
    return do_set_category_routing(found.body, {found.pk}) > 0


def seed_demo(now: datetime) -> None:
    """Add the demo's triage data (idempotent)."""
    seed_category_examples(now)
    seed_category_routing()
    from ratusha.triage.demo_clusters import seed_clusters

    seed_clusters(now)  # an open cluster of four and a repeated appeal
