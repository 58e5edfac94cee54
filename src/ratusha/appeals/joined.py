"""How many other appeals an appeal was joined with: what its applicant may know of a merge.

Appeals on one question are merged into a main appeal (also through another merged
appeal) and answered together. The applicant sees how many others share the answer,
never who they are or what they wrote.
"""

from __future__ import annotations

from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal

MAX_DEPTH = 5  # as far as merges are followed when answering (actions.clusters)


def main_of(appeal: Appeal) -> int:
    """Give the id of the appeal that answers for this one (itself when not merged)."""
    pk, state, parent = appeal.pk, appeal.state, appeal.merged_into_id
    for _depth in range(MAX_DEPTH):
        if state != State.MERGED or parent is None:
            break
        row = Appeal.objects.filter(pk=parent).values_list("pk", "state", "merged_into_id")
        found = row.first()
        if found is None:
            break
        pk, state, parent = found
    return pk


def joined_with(appeal: Appeal) -> int:
    """Give the number of other appeals answered together with this one (0 when none)."""
    root = main_of(appeal)
    members, level = 1, [root]
    for _depth in range(MAX_DEPTH):
        level = list(
            Appeal.objects.filter(merged_into_id__in=level, state=State.MERGED).values_list(
                "pk", flat=True
            )
        )
        if not level:
            break
        members += len(level)
    return members - 1
