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


def seed_demo(now: datetime) -> None:
    """Add the demo's triage data (idempotent)."""
    seed_category_examples(now)
    from ratusha.triage.demo_clusters import seed_clusters

    seed_clusters(now)  # an open cluster of four and a repeated appeal
