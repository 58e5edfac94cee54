"""Officers' corrections of duplicate links: two appeals are not duplicates, or undo that.

``check_keep_apart`` records a ``NotDuplicate`` for one pair; ``check_take_out`` records
one for every link that ties an appeal to the rest of its cluster; ``check_withdraw``
undoes one (the row stays, marked withdrawn). Who may: the people who may merge a
cluster's appeals (``cluster_rights.MERGE_ROLES``) and the officers of either appeal's
department, since they read the appeal most closely. A merge is never undone this way:
appeals merged into one another stay linked. Each call is idempotent: keeping apart a
pair already apart, or withdrawing a word already withdrawn, changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.appeals.actions import TransitionNotAllowed
from ratusha.appeals.models import Appeal
from ratusha.triage.cluster_rights import apart_role
from ratusha.triage.clusters import cluster_of
from ratusha.triage.models import NotDuplicate, TriageResult
from ratusha.triage.not_duplicates import are_merged, pair_of, standing, standing_between


def _no_right() -> TransitionNotAllowed:
    return TransitionNotAllowed(
        _(
            "Only the registry, the administrators, and the heads and officers of the "
            "appeals' departments may say that two appeals are not duplicates."
        ),
        "role_not_permitted",
    )


def _link_score(a: Appeal, b: Appeal) -> float | None:
    """Give the best score either appeal's triage run stored for the pair, if any."""
    best = None
    rows = TriageResult.objects.filter(appeal_id__in=[a.pk, b.pk]).values_list(
        "appeal_id", "duplicates"
    )
    for owner, duplicates in rows:
        far = b.pk if owner == a.pk else a.pk
        for pk, score in duplicates or ():
            if int(pk) == far:
                best = max(best or 0.0, float(score))
    return best


def check_keep_apart(
    user: Any, appeal: Appeal, other: Appeal, *, score: float | None = None
) -> NotDuplicate:
    """Record that the two appeals (both readable by the user) are not duplicates.

    ``score`` is the pair's link score when the caller has read it (a cluster has); else
    it is read from the two triage results. Raises ``TransitionNotAllowed`` (with a
    message in the user's language) for another body's appeal, the appeal itself, merged
    appeals, or a person without the right.
    """
    if other.pk == appeal.pk or other.body_id != appeal.body_id:
        raise TransitionNotAllowed(
            _("Only two different appeals of one body can be kept apart."), "bad_other_appeal"
        )
    if are_merged(appeal, other):
        raise TransitionNotAllowed(
            _("%(a)s and %(b)s are merged; a merge is not undone here.")
            % {"a": appeal.number, "b": other.number},
            "merged",
        )
    role = apart_role(user, appeal, other)
    if role is None:
        raise _no_right()
    first, second = pair_of(appeal.pk, other.pk)
    try:
        with transaction.atomic():
            found = standing_between(first, second)
            if found is not None:
                return found
            return NotDuplicate.objects.create(
                body_id=appeal.body_id,
                first_id=first,
                second_id=second,
                score=_link_score(appeal, other) if score is None else score,
                by=user,
                by_role=str(role),
                at=timezone.now(),
            )
    except IntegrityError:  # another request kept them apart at the same moment
        found = standing_between(first, second)
        if found is None:
            raise
        return found


def check_take_out(user: Any, appeal: Appeal, member: Appeal) -> list[NotDuplicate]:
    """Keep ``member`` apart from every appeal it is linked to in ``appeal``'s cluster.

    Links of a merge stay (and are left out); the others are each kept apart. Raises
    ``TransitionNotAllowed`` when the member is not in the cluster the user sees, or when
    it is tied to the cluster only by merges.
    """
    cluster = cluster_of(user, appeal)
    members = {m.pk: m for m in cluster.members} if cluster is not None else {}
    if member.pk not in members:
        raise TransitionNotAllowed(
            _("%(number)s is not in this cluster any more.") % {"number": member.number},
            "not_in_cluster",
        )
    assert cluster is not None
    linked = [
        (members[b if a == member.pk else a], score)
        for a, b, score in cluster.links
        if member.pk in (a, b)
    ]
    others = [(other, score) for other, score in linked if not are_merged(member, other)]
    if not others:
        raise TransitionNotAllowed(
            _("%(number)s is in the cluster only through a merge, which is not undone here.")
            % {"number": member.number},
            "merged",
        )
    with transaction.atomic():
        return [check_keep_apart(user, member, other, score=score) for other, score in others]


def check_withdraw(user: Any, appeal: Appeal, other: Appeal) -> NotDuplicate | None:
    """Withdraw the word that the two are not duplicates; give the row, or None if none stood.

    The right is the same as to give it. Their stored links count again at once, and the
    next triage runs compare them again.
    """
    if apart_role(user, appeal, other) is None:
        raise _no_right()
    first, second = pair_of(appeal.pk, other.pk)
    with transaction.atomic():
        found = standing().select_for_update().filter(first_id=first, second_id=second).first()
        if found is None:
            return None
        found.withdrawn_at = timezone.now()
        found.withdrawn_by = user
        found.save(update_fields=["withdrawn_at", "withdrawn_by"])
        return found
