"""What the person may do with a cluster: merge which appeals, take which out, answer it once.

Shared by the cluster pages and the clusters API, so both offer the same choices.
"""

from __future__ import annotations

from typing import Any

from ratusha.appeals.actions import acting_roles
from ratusha.appeals.joined import merged_count
from ratusha.appeals.models import Appeal
from ratusha.triage.access import not_duplicates_on
from ratusha.triage.clusters import MAIN_STATES, MERGEABLE, Cluster
from ratusha.triage.models import NotDuplicate
from ratusha_core.workflow import ActorRole

MERGE_ROLES = frozenset({ActorRole.REGISTRY_CLERK, ActorRole.DEPARTMENT_HEAD, ActorRole.BODY_ADMIN})
# Who may say two appeals are not duplicates: also the officers who work on either.
APART_ROLES = MERGE_ROLES | {ActorRole.DEPARTMENT_OFFICER}


def _may(user: Any, appeal: Appeal, roles: frozenset[ActorRole]) -> bool:
    return bool(roles & set(acting_roles(user, appeal)))


def apart_role(user: Any, *appeals: Appeal) -> ActorRole | None:
    """Give the role in which the person may keep appeals apart from others, or None.

    A role on any of the appeals is enough: a pair is kept apart by the registry, an
    administrator, or the head or an officer of either appeal's department.
    """
    for side in appeals:
        for role in acting_roles(user, side):
            if role in APART_ROLES:
                return role
    return None


def kept_apart_for(user: Any, appeal: Appeal, appeal_ids: list[int]) -> list[NotDuplicate]:
    """Give the standing marks "not duplicates" on these appeals (of the appeal's body) that
    the user may read, each marked with whether the user may withdraw it."""
    rows = not_duplicates_on(user, appeal_ids)
    for row in rows:
        row.first.body = row.second.body = appeal.body  # one body: spares two queries a row
        row.may_withdraw = apart_role(user, row.first, row.second) is not None  # type: ignore[attr-defined]
    return rows


def mark_what_user_may(user: Any, appeal: Appeal, cluster: Cluster) -> Cluster:
    """Mark which appeals the person may merge and which may be the main one."""
    numbers = {member.pk: member.number for member in cluster.members}
    for member in cluster.members:
        member.body = appeal.body  # the same body: spares a query per appeal
        member.merged_into_number = numbers.get(member.merged_into_id, "")  # type: ignore[attr-defined]
        roles = set(acting_roles(user, member))
        may = member.state in MERGEABLE and bool(MERGE_ROLES & roles)
        member.may_merge = may  # type: ignore[attr-defined]
        member.may_be_main = member.state in MAIN_STATES  # type: ignore[attr-defined]
        member.score = round(100 * cluster.scores.get(member.pk, 0.0))  # type: ignore[attr-defined]
        member.may_take_out = bool(APART_ROLES & roles)  # type: ignore[attr-defined]
    return cluster


def cluster_answer_for(user: Any, main: Appeal) -> dict[str, Any]:
    """Give the draft the person may approve for the whole cluster, with how many it reaches."""
    if main.state != "answer_drafted" or not _may(
        user, main, frozenset({ActorRole.DEPARTMENT_HEAD})
    ):
        return {}
    draft = main.answers.order_by("-drafted_at", "-pk").first()
    if draft is None:
        return {}
    return {"draft": draft, "answer_main": main, "reaches": merged_count(main.pk)}
