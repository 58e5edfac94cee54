"""Duplicate clusters in the REST API: a body's clusters, one appeal's, merge, answer once.

The same reads and actions as the officers' pages (``views_clusters``): clusters come
from ``triage.clusters`` (scoped by ``appeals.access.appeals_for``), merging is
``check_merge_appeals`` and answering the whole cluster is ``check_answer_cluster``,
so roles, states and versions are checked exactly as there. Staff tokens only: no token
is a 401, a citizen's token a 403, an appeal or a body out of reach is like one that
does not exist.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from ratusha.accounts.models import User
from ratusha.accounts.permissions import is_staff_member
from ratusha.appeals.access import access_appeal, appeals_for
from ratusha.appeals.actions import TransitionNotAllowed
from ratusha.appeals.actions.clusters import check_answer_cluster, check_merge_appeals
from ratusha.appeals.api.auth import staff_or_citizen, token_auth
from ratusha.appeals.api.problems import Problem, invalid, transition_problem
from ratusha.appeals.api.schemas import problems
from ratusha.appeals.models import Appeal
from ratusha.bodies import access as body_access
from ratusha.bodies.models import Body, Category, Department
from ratusha.triage.api_schemas import (
    MAX_ID,
    ClusterAnswerIn,
    ClusterFilters,
    ClusterOut,
    ClusterPageOut,
    MergeIn,
)
from ratusha.triage.cluster_rights import cluster_answer_for, mark_what_user_may
from ratusha.triage.clusters import (
    MAIN_STATES,
    Cluster,
    address_summary,
    body_clusters,
    choose_main,
    cluster_of,
)

router = Router(tags=["clusters"])


def staff_user(request: HttpRequest) -> User:
    user = staff_or_citizen(request)
    if not is_staff_member(user):
        raise Problem(403, "staff-only", _("Only the staff of a body may use this."))
    return user


def _codes(clusters: Iterable[Cluster]) -> tuple[dict[int, str], dict[int, str]]:
    """Give the codes of the members' departments and categories, in two queries."""
    members = [m for c in clusters for m in c.members]
    departments = Department.objects.filter(
        pk__in={m.department_id for m in members if m.department_id}
    )
    categories = Category.objects.filter(pk__in={m.category_id for m in members if m.category_id})
    return (
        dict(departments.values_list("pk", "code")),
        dict(categories.values_list("pk", "code")),
    )


def _cluster_out(
    cluster: Cluster,
    codes: tuple[dict[int, str], dict[int, str]],
    answer: dict[str, int] | None = None,
) -> dict[str, Any]:
    departments, categories = codes
    numbers = {m.pk: m.number for m in cluster.members}
    return {
        "main": cluster.main.pk if cluster.main is not None else None,
        "size": cluster.size,
        "open_count": cluster.open_count,
        "merged_count": cluster.merged_count,
        "first": cluster.first,
        "last": cluster.last,
        "earliest_due": cluster.earliest_due,
        "streets": [{"street": street, "count": n} for street, n in cluster.streets],
        "departments": sorted(
            {departments[m.department_id] for m in cluster.members if m.department_id}
        ),
        "truncated": cluster.truncated,
        "members": [
            {
                "id": m.pk,
                "number": m.number,
                "state": m.state,
                "registered_at": m.registered_at,
                "summary": m.summary,
                "department": departments.get(m.department_id or 0),
                "category": categories.get(m.category_id or 0),
                "due_date": m.due_date,
                "answered_at": m.answered_at,
                "merged_into": numbers.get(m.merged_into_id or 0),
                "version": m.version,
                "score": round(cluster.scores.get(m.pk, 0.0), 3),
                "may_be_main": m.state in MAIN_STATES,
                "may_merge": getattr(m, "may_merge", None),
            }
            for m in cluster.members
        ],
        "links": [{"a": a, "b": b, "score": round(s, 3)} for a, b, s in cluster.links],
        "answer": answer,
    }


def _one(user: User, appeal: Appeal) -> dict[str, Any]:
    """Give the appeal's cluster as its page shows it; an appeal without twins is alone in it."""
    cluster = cluster_of(user, appeal)
    if cluster is None:
        cluster = Cluster(
            members=[appeal],
            main=choose_main([appeal]),
            streets=address_summary([appeal.address]),
        )
    mark_what_user_may(user, appeal, cluster)
    main = cluster.main if cluster.main is not None else appeal
    form = cluster_answer_for(user, main)
    answer = None
    if form:
        answer = {"main": main.pk, "draft": form["draft"].pk, "reaches": form["reaches"]}
    return _cluster_out(cluster, _codes([cluster]), answer)


@router.get(
    "/clusters",
    response={200: ClusterPageOut, **problems(401, 403, 422)},
    auth=token_auth,
    summary="A body's clusters of duplicate appeals",
)
def list_clusters(request: HttpRequest, filters: Query[ClusterFilters]) -> dict[str, Any]:
    """The body's clusters the caller may see, largest first, like the officers' list."""
    user = staff_user(request)
    body = body_access.visible(user, Body).filter(code=filters.body).first()
    if body is None:
        raise invalid({"body": [_("There is no body with this code.")]})
    department = None
    if filters.department:
        department = body_access.departments_of(user, body).filter(code=filters.department).first()
        if department is None:
            raise invalid({"department": [_("This body has no department with this code.")]})
    found = body_clusters(user, body, department, settled=not filters.open)
    start = (filters.page - 1) * filters.page_size
    page = found[start : start + filters.page_size]
    codes = _codes(page)
    return {
        "count": len(found),
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": math.ceil(len(found) / filters.page_size),
        "items": [_cluster_out(cluster, codes) for cluster in page],
    }


@router.get(
    "/appeals/{appeal_id}/cluster",
    response={200: ClusterOut, **problems(401, 403, 404, 422)},
    auth=token_auth,
    summary="One appeal's cluster of duplicates",
)
def appeal_cluster(
    request: HttpRequest, appeal_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    """The appeals linked to this one, what the caller may merge, and the draft to send once."""
    user = staff_user(request)
    return _one(user, access_appeal(user, appeal_id))


def _main(user: User, pk: int) -> Appeal | None:
    return appeals_for(user).select_related("body").filter(pk=pk).first()


def _merge_errors(user: User, main: Appeal | None, payload: MergeIn) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if main is None:
        errors["main"] = [_("There is no appeal with this id.")]
    if not payload.appeals:
        errors["appeals"] = [_("Select at least one appeal to merge.")]
    ids = [item.id for item in payload.appeals]
    body_of = dict(appeals_for(user).filter(pk__in=ids).values_list("pk", "body_id"))
    seen: set[int] = set()
    for n, pk in enumerate(ids):
        message = None
        if pk in seen:
            message = _("This appeal is listed twice.")
        elif pk not in body_of:
            message = _("There is no appeal with this id.")
        elif main is not None and pk == main.pk:
            message = _("An appeal cannot be merged into itself.")
        elif main is not None and body_of[pk] != main.body_id:
            message = _("Choose an appeal of this body.")
        if message:
            errors[f"appeals.{n}.id"] = [message]
        seen.add(pk)
    return errors


@router.post(
    "/clusters/merge",
    response={200: ClusterOut, **problems(401, 403, 409, 422)},
    auth=token_auth,
    summary="Merge appeals into a main one (all or none; versions checked)",
)
def merge(request: HttpRequest, payload: MergeIn) -> dict[str, Any]:
    """Merge the appeals into the main one, as the cluster page does after confirmation."""
    user = staff_user(request)
    main = _main(user, payload.main)
    errors = _merge_errors(user, main, payload)
    if errors or main is None:
        raise invalid(errors)
    chosen = [(item.id, item.expected_version) for item in payload.appeals]
    try:
        check_merge_appeals(user, main.pk, chosen)
    except TransitionNotAllowed as refused:
        problem = transition_problem(refused)
        # The workflow names the merge target "target_appeal"; here it is the appeals sent.
        problem.errors = [
            {**e, "field": "appeals"} if e.get("field") == "target_appeal" else e
            for e in problem.errors
        ]
        raise problem from refused
    main.refresh_from_db()
    return _one(user, main)


@router.post(
    "/clusters/answer",
    response={200: ClusterOut, **problems(401, 403, 409, 422)},
    auth=token_auth,
    summary="Approve the main appeal's draft and send it to the whole cluster",
)
def answer(request: HttpRequest, payload: ClusterAnswerIn) -> dict[str, Any]:
    """Approve the draft (the head) and send it to the applicant and every merged one."""
    user = staff_user(request)
    main = _main(user, payload.main)
    if main is None:
        raise invalid({"main": [_("There is no appeal with this id.")]})
    check_answer_cluster(
        main.pk, user, public=payload.public, expected_version=payload.expected_version
    )
    main.refresh_from_db()
    return _one(user, main)
