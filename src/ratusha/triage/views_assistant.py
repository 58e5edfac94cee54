"""Pages of the optional assistant: a draft answer to edit, a cluster's summary, its use.

The draft and the summary answer 404 while the assistant is not configured; the figures
of its use stay readable then, for the uses recorded before. A failure of the model never
loses what the officer typed: the answer box comes back with it and a plain message.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ratusha.appeals.actions import acting_roles
from ratusha.appeals.forms_staff import DraftAnswerForm
from ratusha.appeals.views_staff.appeal import DRAFT_STATES, EXECUTOR_ROLES, load
from ratusha.appeals.views_staff.common import is_htmx, staff_view
from ratusha.bodies import access as body_access
from ratusha.triage import access, assistant_report
from ratusha.triage.assistant import (
    AssistantUnavailable,
    assistant_config,
    draft_for,
    is_enabled,
    summarise_cluster,
)


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_POST
@staff_view
def assistant_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the assistant's draft in an answer box the officer edits and sends for approval.

    The officer's typed text goes to the assistant as notes and is shown again beside the
    draft; when the assistant fails, the box holds exactly what was typed. The draft comes
    with the appeal's personal data filled back in and its gaps highlighted above the box.
    """
    if not is_enabled():
        raise Http404
    appeal = load(request.user, pk)
    roles = set(acting_roles(request.user, appeal))  # type: ignore[arg-type]
    if not (EXECUTOR_ROLES & roles) or appeal.state not in DRAFT_STATES:
        raise PermissionDenied
    questions = [(q.pk, q.text) for q in appeal.questions.all()]
    typed = request.POST.get("text", "")
    known = {pk for pk, _text in questions}
    covered = [n for n in (_int(v, 0) for v in request.POST.getlist("questions")) if n in known]
    version = _int(request.POST.get("expected_version"), appeal.version)
    draft, error = None, ""
    try:
        draft = draft_for(request.user, appeal, notes=typed)
    except AssistantUnavailable as failed:
        error = failed.message
    form = DraftAnswerForm(
        initial={
            "expected_version": version,
            "text": draft.text if draft is not None else typed,
            "questions": covered,
        },
        questions=questions,
    )
    context = {
        "appeal": appeal,
        "draft_form": form,
        "draft": draft,
        "error": error,
        "notes": typed if draft is not None else "",
    }
    return render(
        request, "triage/assistant_draft.html", context, status=200 if draft is not None else 502
    )


@require_POST
@staff_view
def cluster_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the assistant's summary of the cluster of duplicates that holds the appeal."""
    from ratusha.triage.clusters import cluster_of

    if not is_enabled():
        raise Http404
    appeal = load(request.user, pk)
    cluster = cluster_of(request.user, appeal)
    if cluster is None:
        raise Http404
    summary, error = None, ""
    try:
        summary = summarise_cluster(request.user, appeal, cluster.members)
    except AssistantUnavailable as failed:
        error = failed.message
    context = {"appeal": appeal, "cluster": cluster, "summary": summary, "error": error}
    status = 200 if summary is not None else 502
    if is_htmx(request):
        # htmx swaps only successful answers by default; the message must show either way.
        return render(request, "triage/_cluster_summary.html", context)
    return render(request, "triage/cluster_summary.html", context, status=status)


@staff_view
def assistant_use(request: HttpRequest, pk: int) -> HttpResponse:
    """How staff of a body used the assistant: per month, and per person, over the last year."""
    body = body_access.access_body(request.user, pk)
    if not access.may_see_assistant_use(request.user, body):
        raise PermissionDenied
    zone = ZoneInfo(body.time_zone)
    since = assistant_report.window_start(timezone.now(), zone)
    uses = access.assistant_uses_of(request.user, body).filter(at__gte=since)
    months = assistant_report.by_month(uses, zone)
    config = assistant_config()
    context = {
        "body": body,
        "model": config.model if config is not None else "",
        "since": since,
        "month_count": assistant_report.MONTHS,
        "months": months,
        "officers": assistant_report.by_officer(uses),
        "uses": sum(m.uses for m in months),
        "failures": sum(m.failures for m in months),
    }
    return render(request, "triage/assistant_use.html", context)
