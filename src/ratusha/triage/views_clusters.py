"""Officers' pages of duplicate clusters: one cluster, a body's open clusters, merge, answer all.

Every appeal shown or changed is read through ``appeals.access`` (out of reach: not
shown, or 404) and every change goes through ``appeals.actions``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha.appeals.access import appeals_for
from ratusha.appeals.actions import AppealConflict, TransitionNotAllowed
from ratusha.appeals.actions.clusters import check_answer_cluster, check_merge_appeals
from ratusha.appeals.models import Appeal
from ratusha.appeals.views_staff.common import is_htmx, selected_versions, staff_view
from ratusha.bodies import access as body_access
from ratusha.bodies.models import Department
from ratusha.triage.cluster_rights import cluster_answer_for, kept_apart_for, mark_what_user_may
from ratusha.triage.clusters import (
    Cluster,
    cluster_of,
    open_clusters,
)
from ratusha.triage.models import TriageResult
from ratusha.triage.repeats import repeat_flag

PAGE_SIZE = 20
ANSWER_SENT = frozenset({"answered", "closed"})


def _appeal(request: HttpRequest, pk: int) -> Appeal:
    found = appeals_for(request.user).select_related("body").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@staff_view
def cluster_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One appeal's cluster: its appeals, terms and streets; merge them, answer them once."""
    appeal = _appeal(request, pk)
    cluster = cluster_of(request.user, appeal)
    if cluster is not None:
        mark_what_user_may(request.user, appeal, cluster)
    context: dict[str, Any] = {"appeal": appeal, "cluster": cluster}
    main = cluster.main if cluster is not None and cluster.main is not None else appeal
    if cluster is not None:
        context["may_merge_any"] = any(m.may_merge for m in cluster.members)  # type: ignore[attr-defined]
        context["waiting"] = [
            m for m in cluster.members if m.state == "merged" and not m.answered_at
        ]
        context["may_take_out_any"] = any(m.may_take_out for m in cluster.members)  # type: ignore[attr-defined]
    ids = [m.pk for m in cluster.members] if cluster is not None else [appeal.pk]
    context["kept_apart"] = kept_apart_for(request.user, appeal, ids)
    context.update(cluster_answer_for(request.user, main))
    return render(request, "triage/cluster_page.html", context)


@require_POST
@staff_view
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge the selected appeals into the main one: first confirm, then merge all or none."""
    appeal = _appeal(request, pk)
    chosen = selected_versions(request.POST.getlist("appeal"))
    main_pk = request.POST.get("main", "")
    main = _appeal(request, int(main_pk)) if main_pk.isdigit() else None
    if main is None or main.body_id != appeal.body_id:
        messages.error(request, _("Choose the main appeal the others are merged into."))
        return redirect("triage:cluster", appeal.pk)
    visible = set(
        appeals_for(request.user)
        .filter(pk__in=[a for a, _v in chosen])
        .values_list("pk", flat=True)
    )
    chosen = [(a, v) for a, v in chosen if a != main.pk and a in visible]
    if not chosen:
        messages.error(request, _("Select at least one appeal to merge."))
        return redirect("triage:cluster", appeal.pk)
    if request.POST.get("confirm") != "yes":
        found = appeals_for(request.user).filter(pk__in=[a for a, _v in chosen])
        listed = list(found.prefetch_related("questions").order_by("registered_at"))
        later = [a for a in listed if a.due_date and main.due_date and a.due_date < main.due_date]
        context = {
            "appeal": appeal,
            "main": main,
            "listed": listed,
            "versions": {a: v for a, v in chosen},
            "earlier_terms": later,
        }
        return render(request, "triage/cluster_merge_confirm.html", context)
    try:
        merged = check_merge_appeals(request.user, main.pk, chosen)  # type: ignore[arg-type]
    except (AppealConflict, TransitionNotAllowed) as refused:
        messages.error(request, _("Nothing was merged. %(why)s") % {"why": refused.message})
        return redirect("triage:cluster", appeal.pk)
    messages.success(
        request,
        _("Merged into %(main)s: %(numbers)s. Its answer will be sent to each of them.")
        % {"main": main.number, "numbers": ", ".join(a.number for a in merged)},
    )
    return redirect("triage:cluster", main.pk)


@require_POST
@staff_view
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the main appeal's draft and send it to its applicant and every merged one."""
    main = _appeal(request, pk)
    version = request.POST.get("expected_version", "")
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the answer goes to everyone."))
        return redirect("triage:cluster", main.pk)
    try:
        check_answer_cluster(
            main.pk,
            request.user,  # type: ignore[arg-type]
            public=request.POST.get("public") == "yes",
            expected_version=int(version) if version.isdigit() else None,
        )
    except (AppealConflict, TransitionNotAllowed) as refused:
        messages.error(request, f"{main.number}: {refused.message}")
        return redirect("triage:cluster", main.pk)
    messages.success(
        request,
        _("The answer to %(number)s was sent to every applicant.") % {"number": main.number},
    )
    return redirect("triage:cluster", main.pk)


@staff_view
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The appeal page's panel: a likely repeat, the cluster, the answer a merged one awaits."""
    appeal = _appeal(request, pk)
    if not is_htmx(request):
        return redirect("triage:cluster", appeal.pk)
    result = TriageResult.objects.filter(appeal=appeal).only("repeat_of", "repeat_score").first()
    flag = None
    if result is not None:
        flag = repeat_flag(request.user, appeal, result.repeat_of_id, result.repeat_score)
    cluster = cluster_of(request.user, appeal)
    root = None
    if appeal.merged_into_id is not None:
        root = appeals_for(request.user).filter(pk=appeal.merged_into_id).first()
    # Merged (through the appeal page) into an appeal already answered: no answer reaches it.
    orphan = root is not None and root.state in ANSWER_SENT and appeal.answered_at is None
    context = {
        "appeal": appeal,
        "repeat": flag,
        "cluster": cluster,
        "merged_into": root,
        "orphan": orphan,
        "kept_apart": kept_apart_for(request.user, appeal, [appeal.pk]),
    }
    return render(request, "triage/cluster_panel.html", context)


def _render_list(
    request: HttpRequest, clusters: list[Cluster], body: Any, department: Department | None
) -> HttpResponse:
    page = Paginator(clusters, PAGE_SIZE).get_page(request.GET.get("page"))
    page.elided = list(page.paginator.get_elided_page_range(page.number))  # type: ignore[attr-defined]
    context = {
        "body": body,
        "department": department,
        "departments": list(body_access.departments_of(request.user, body)),
        "page": page,
        "total": len(clusters),
        "in_clusters": sum(c.size for c in clusters),
    }
    return render(request, "triage/cluster_list.html", context)


@staff_view
def cluster_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's open clusters, largest first (``?department=`` narrows to one department)."""
    body = body_access.access_body(request.user, pk)
    department = None
    wanted = request.GET.get("department", "")
    if wanted.isdigit():
        department = body_access.departments_of(request.user, body).filter(pk=int(wanted)).first()
    return _render_list(request, open_clusters(request.user, body, department), body, department)


@staff_view
def department_clusters(request: HttpRequest, pk: int) -> HttpResponse:
    """The open clusters with an open appeal of one department."""
    department = body_access.access_department(request.user, pk)
    body = department.body
    return _render_list(request, open_clusters(request.user, body, department), body, department)
