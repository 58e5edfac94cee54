"""What the person may do with a cluster: merge which appeals, answer it once.

Shared by the cluster pages and the clusters API, so both offer the same choices.
"""

from __future__ import annotations

from typing import Any

from ratusha.appeals.actions import acting_roles
from ratusha.appeals.joined import merged_count
from ratusha.appeals.models import Appeal
from ratusha.triage.clusters import MAIN_STATES, MERGEABLE, Cluster
from ratusha_core.workflow import ActorRole

MERGE_ROLES = frozenset({ActorRole.REGISTRY_CLERK, ActorRole.DEPARTMENT_HEAD, ActorRole.BODY_ADMIN})


def _may(user: Any, appeal: Appeal, roles: frozenset[ActorRole]) -> bool:
    return bool(roles & set(acting_roles(user, appeal)))


def mark_what_user_may(user: Any, appeal: Appeal, cluster: Cluster) -> Cluster:
    """Mark which appeals the person may merge and which may be the main one."""
    numbers = {member.pk: member.number for member in cluster.members}
    for member in cluster.members:
        member.body = appeal.body  # the same body: spares a query per appeal
        member.merged_into_number = numbers.get(member.merged_into_id, "")  # type: ignore[attr-defined]
        may = member.state in MERGEABLE and _may(user, member, MERGE_ROLES)
        member.may_merge = may  # type: ignore[attr-defined]
        member.may_be_main = member.state in MAIN_STATES  # type: ignore[attr-defined]
        member.score = round(100 * cluster.scores.get(member.pk, 0.0))  # type: ignore[attr-defined]
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
