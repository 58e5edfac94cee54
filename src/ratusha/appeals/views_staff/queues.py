"""The clerk's queues: appeals waiting for processing (with retry) and waiting for a department."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha.appeals import selectors, tasks
from ratusha.appeals.actions import AppealConflict, TransitionNotAllowed, check_transition
from ratusha.appeals.forms_staff import AssignForm, VersionForm, split_assignee
from ratusha.appeals.forms_staff.assignment import assignment_choices
from ratusha.appeals.views_staff.common import paginate, safe_next, staff_view
from ratusha.bodies import access
from ratusha.bodies.models import Body
from ratusha.triage.presentation import attach_suggestions
from ratusha.triage.queue_order import (
    ORDERS,
    order_of,
    ordered_queue,
    suggested_filter,
    suggested_in,
)


def queue_body(request: HttpRequest, pk: int) -> Body:
    body = access.access_body(request.user, pk)
    if not selectors.may_register(request.user, body):
        raise PermissionDenied
    return body


@staff_view
def pending(request: HttpRequest, pk: int) -> HttpResponse:
    """Appeals whose processing failed or waits for more than a minute, with the error."""
    body = queue_body(request, pk)
    page = paginate(request, selectors.pending_queue(request.user, body), selectors.PAGE_SIZE)
    return render(request, "appeals/staff/pending.html", {"body": body, "page": page})


@require_POST
@staff_view
def retry(request: HttpRequest, pk: int, appeal_pk: int) -> HttpResponse:
    """Queue the processing of one appeal again."""
    body = queue_body(request, pk)
    appeal = selectors.pending_queue(request.user, body).filter(pk=appeal_pk).first()
    if appeal is None:
        messages.info(request, _("That appeal no longer waits for processing."))
        return redirect("appeals:pending", body.pk)
    tasks.process_appeal.enqueue(appeal.pk)
    messages.success(
        request, _("Processing of %(number)s was queued again.") % {"number": appeal.number}
    )
    return redirect("appeals:pending", body.pk)


def _assign_choices(request: HttpRequest, body: Body) -> list[object]:
    return assignment_choices(body)


@staff_view
def triage(request: HttpRequest, pk: int) -> HttpResponse:
    """Appeals without a department: the clerk picks one for each."""
    body = queue_body(request, pk)
    order = order_of(request.GET.get("order"))
    departments = sorted(body.departments.filter(is_active=True), key=lambda d: (d.name, d.pk))
    suggested = suggested_filter(request.GET.get("suggested"), {d.pk for d in departments})
    waiting = suggested_in(selectors.triage_queue(request.user, body), suggested)
    page = paginate(request, ordered_queue(waiting, order), selectors.PAGE_SIZE)
    attach_suggestions(request.user, page.object_list)
    # Every card offers the same departments and officers: render the options once.
    options = AssignForm(choices=_assign_choices(request, body)).fields["assignee"].widget
    context = {
        "body": body,
        "page": page,
        "rows": page.object_list,
        "assignee_label": AssignForm.base_fields["assignee"].label,
        "assignee_options": options.rendered_options("assignee"),
        "order": order,
        "orders": ORDERS,
        "departments": departments,
        "suggested": suggested,
        "filtered": bool(suggested),
    }
    return render(request, "appeals/staff/triage.html", context)


@require_POST
@staff_view
def triage_assign(request: HttpRequest, pk: int, appeal_pk: int) -> HttpResponse:
    body = queue_body(request, pk)
    appeal = selectors.triage_queue(request.user, body).filter(pk=appeal_pk).first()
    if appeal is None:
        raise Http404
    back = safe_next(request, reverse("appeals:triage", args=[body.pk]))
    form = AssignForm(request.POST, choices=_assign_choices(request, body))
    version = VersionForm(request.POST)
    if not form.is_valid() or not version.is_valid():
        messages.error(
            request, _("Choose a department for %(number)s.") % {"number": appeal.number}
        )
        return redirect(back)
    try:
        check_transition(
            appeal.pk,
            "assign",
            request.user,  # type: ignore[arg-type]
            split_assignee(form.cleaned_data["assignee"]),
            expected_version=version.cleaned_data["expected_version"],
        )
    except (AppealConflict, TransitionNotAllowed) as refused:
        messages.error(request, f"{appeal.number}: {refused.message}")
    else:
        messages.success(request, _("%(number)s is assigned.") % {"number": appeal.number})
    return redirect(back)
