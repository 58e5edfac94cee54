"""Inboxes: per department, "my appeals", and body-wide; and bulk assignment from them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha.accounts.permissions import grants_of
from ratusha.appeals import selectors
from ratusha.appeals.access import appeals_for
from ratusha.appeals.actions import AppealConflict, TransitionNotAllowed, check_transition
from ratusha.appeals.choices import ASSIGN_STATES
from ratusha.appeals.forms_staff import AssignForm, InboxFilterForm, split_assignee
from ratusha.appeals.forms_staff.assignment import assignment_choices, assignment_fields
from ratusha.appeals.models import Appeal
from ratusha.appeals.views_staff.common import (
    is_htmx,
    paginate,
    safe_next,
    selected_versions,
    staff_view,
)
from ratusha.appeals.views_staff.inbox_table import table_rows
from ratusha.bodies import access
from ratusha.bodies.models import Body
from ratusha_core.permissions import Role

FILTER_KEYS = {"q", "status", "category", "executor", "channel", "due_after", "due_before"}


def _may_assign_in(user: Any, body: Body) -> bool:
    """Tell whether the user holds a role that assigns or reassigns appeals in the body."""
    for grant in grants_of(user):
        if grant.role is Role.SYSTEM_ADMIN:
            return True
        if grant.role is Role.DEPARTMENT_HEAD and grant.body_id == body.pk:
            return True
    return selectors.may_register(user, body)


def _render_inbox(
    request: HttpRequest,
    queryset: models.QuerySet[Appeal],
    *,
    title: str,
    body: Body | None,
    filter_executors: list[tuple[int, str]],
    show_department: bool,
) -> HttpResponse:
    user = request.user
    categories = access.categories_of(user, body) if body is not None else []
    bound = request.GET if FILTER_KEYS & set(request.GET) else None
    form = InboxFilterForm(bound, categories=categories, executors=filter_executors)
    zone = body.time_zone if body is not None else "Europe/Minsk"
    queryset = selectors.apply_filters(queryset, form.filters(), selectors.local_today(zone))
    page = paginate(request, queryset, selectors.PAGE_SIZE)
    # The assignment fields are rendered once per body and language, then kept briefly.
    assign_fields = None
    if body is not None and _may_assign_in(user, body):
        assign_fields = assignment_fields(body)
    rows = selectors.rows_of(page.object_list)
    context = {
        "title": title,
        "body": body,
        "form": form,
        "page": page,
        "rows": rows,
        "table_rows": table_rows(
            rows, selectable=assign_fields is not None, show_department=show_department
        ),
        "truncated": queryset.truncated,
        "count_limit": queryset.count_limit,
        "searched": queryset.searched,
        "assign_form": assign_fields is not None,
        "assign_fields": assign_fields,
        "show_department": show_department,
        "here": request.get_full_path(),
        "is_partial": is_htmx(request),
    }
    template = (
        "appeals/staff/_inbox_results.html" if is_htmx(request) else "appeals/staff/inbox.html"
    )
    return render(request, template, context)


@staff_view
def department_inbox(request: HttpRequest, pk: int) -> HttpResponse:
    department = access.access_department(request.user, pk)
    executors = selectors.executors_by_department([department]).get(department.pk, [])
    return _render_inbox(
        request,
        selectors.department_inbox(request.user, department),
        title=_("Inbox of %(department)s") % {"department": department.name},
        body=department.body,
        filter_executors=executors,
        show_department=False,
    )


@staff_view
def department_inbox_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Redirect a short inbox link to the department inbox (after the same check)."""
    department = access.access_department(request.user, pk)
    return redirect("appeals:department-inbox", department.pk)


@staff_view
def my_inbox(request: HttpRequest) -> HttpResponse:
    return _render_inbox(
        request,
        selectors.executor_inbox(request.user),
        title=_("My appeals"),
        body=None,
        filter_executors=[],
        show_department=True,
    )


@staff_view
def body_inbox(request: HttpRequest, pk: int) -> HttpResponse:
    body = access.access_body(request.user, pk)
    if not selectors.may_see_body_wide(request.user, body):
        raise Http404
    departments = list(access.departments_of(request.user, body))
    executors = selectors.executors_by_department(departments)
    people = sorted(
        {person for group in executors.values() for person in group}, key=lambda p: p[1]
    )
    return _render_inbox(
        request,
        selectors.body_inbox(request.user, body),
        title=_("All appeals of %(body)s") % {"body": body.name},
        body=body,
        filter_executors=people,
        show_department=True,
    )


@require_POST
@staff_view
def bulk_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign (or reassign) the selected appeals; report which succeeded and which not."""
    body = access.access_body(request.user, pk)
    back = safe_next(request, reverse("appeals:my-inbox"))
    form = AssignForm(request.POST, choices=assignment_choices(body))
    chosen = selected_versions(request.POST.getlist("appeal"))
    if not chosen:
        messages.error(request, _("Select at least one appeal."))
        return redirect(back)
    if not form.is_valid():
        messages.error(request, _("Choose a department (and an executor) to assign to."))
        return redirect(back)
    target = split_assignee(form.cleaned_data["assignee"])
    reason = form.cleaned_data["reason"].strip()
    found = {
        a.pk: a
        for a in appeals_for(request.user)
        .filter(pk__in=[pk for pk, _v in chosen])
        .only("pk", "number", "state", "version")
    }
    done: list[str] = []
    for appeal_id, version in chosen:
        appeal = found.get(appeal_id)
        if appeal is None:
            messages.error(request, _("Appeal %(id)s: not found.") % {"id": appeal_id})
            continue
        reassign = appeal.state not in ASSIGN_STATES
        if reassign and not reason:
            messages.error(
                request,
                _("%(number)s: give a reason to reassign an appeal already assigned.")
                % {"number": appeal.number},
            )
            continue
        data = {**target, "reason": reason} if reassign else target
        try:
            check_transition(
                appeal.pk,
                "reassign" if reassign else "assign",
                request.user,  # type: ignore[arg-type]
                data,
                expected_version=version,
            )
        except (TransitionNotAllowed, AppealConflict) as refused:
            messages.error(request, f"{appeal.number}: {refused.message}")
            continue
        done.append(appeal.number)
    if done:
        messages.success(
            request,
            _("Assigned %(count)d appeal(s): %(numbers)s")
            % {"count": len(done), "numbers": ", ".join(done)},
        )
    return redirect(back)
