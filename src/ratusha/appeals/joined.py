"""How many other appeals an appeal was joined with: what its applicant may know of a merge.

Appeals on one question are merged into a main appeal (also through another merged
appeal) and answered together. The applicant sees how many others share the answer,
never who they are or what they wrote.
"""

from __future__ import annotations

from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal

MAX_DEPTH = 5  # merged into merged into ... followed this far (also when answering)


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


def merged_count(main_pk: int) -> int:
    """Give how many merged appeals wait for this appeal's answer (also through merged ones).

    A count only, whoever may see them: the answer reaches them all.
    """
    total, level = 0, [main_pk]
    for _depth in range(MAX_DEPTH):
        level = list(
            Appeal.objects.filter(merged_into_id__in=level, state=State.MERGED).values_list(
                "pk", flat=True
            )
        )
        if not level:
            break
        total += len(level)
    return total


def joined_with(appeal: Appeal) -> int:
    """Give the number of other appeals answered together with this one (0 when none)."""
    return merged_count(main_of(appeal))
