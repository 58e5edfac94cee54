"""Staff pages of the register of decisions: list, draft, edit, adopt, revoke.

Body administrators and department heads draft and adopt (``Kind.DECISION`` in the role
matrix); auditors, clerks and officers of the body may read. Out of reach = 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusha.accounts.permissions import can
from ratusha.appeals.views_staff.common import paginate, staff_view
from ratusha.decisions import access
from ratusha.decisions.actions import (
    DecisionRefused,
    check_adopt_decision,
    check_draft_decision,
    check_edit_decision,
    check_revoke_decision,
)
from ratusha.decisions.choices import DecisionStatus
from ratusha.decisions.forms import DecisionForm, RevokeForm, StaffSearchForm, initial_of
from ratusha.decisions.models import Decision
from ratusha.decisions.records import related_numbers
from ratusha.decisions.search import filtered
from ratusha_core.permissions import Action

PER_PAGE = 25


def _detail_url(decision: Decision) -> str:
    return reverse("decisions:staff-detail", kwargs={"pk": decision.pk})


def _refused(form: Any, refused: DecisionRefused) -> None:
    for name, message in refused.errors.items():
        if name == "__all__" or name not in form.fields:
            form.add_error(None, message)
        else:
            form.add_error(name, message)


@staff_view
def staff_list(request: HttpRequest) -> HttpResponse:
    """The decisions the person may see, drafts included, with search and filters."""
    form = StaffSearchForm(request.GET or None)
    queryset = access.decisions_for(request.user).order_by("-decided_on", "-number")
    if form.is_bound and form.is_valid():
        queryset = filtered(queryset, form.cleaned_data)
    context = {
        "form": form,
        "page": paginate(request, queryset, PER_PAGE),
        "drafting": list(access.bodies_for_drafting(request.user)),
    }
    return render(request, "decisions/staff/list.html", context)


@staff_view
def staff_choose(request: HttpRequest) -> HttpResponse:
    """Go to the draft form of the body chosen in the list's selector."""
    body = access.drafting_body(request.user, request.GET.get("body", "")[:16])
    return HttpResponseRedirect(reverse("decisions:staff-new", kwargs={"code": body.code}))


@staff_view
def staff_new(request: HttpRequest, code: str) -> HttpResponse:
    """Draft a new decision of a body; errors keep the typed values."""
    body = access.drafting_body(request.user, code)
    form = DecisionForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            decision = check_draft_decision(request.user, body, form.to_input())
        except DecisionRefused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("The draft is saved."))
            return HttpResponseRedirect(_detail_url(decision))
    status = 400 if form.is_bound else 200
    context = {"form": form, "body": body, "decision": None}
    return render(request, "decisions/staff/form.html", context, status=status)


@staff_view
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft; an adopted decision can only be revoked."""
    decision = access.access_decision(request.user, pk, Action.CHANGE)
    if decision.status != DecisionStatus.DRAFT:
        messages.error(request, _("Only a draft can be changed."))
        return HttpResponseRedirect(_detail_url(decision))
    data = request.POST or None
    form = DecisionForm(data, body=decision.body, initial=initial_of(decision))
    if request.method == "POST" and form.is_valid():
        try:
            check_edit_decision(request.user, decision.pk, form.to_input())
        except DecisionRefused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("The draft is saved."))
            return HttpResponseRedirect(_detail_url(decision))
    status = 400 if form.is_bound else 200
    context = {"form": form, "body": decision.body, "decision": decision}
    return render(request, "decisions/staff/form.html", context, status=status)


@staff_view
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One decision as staff see it, with the actions the person may take."""
    decision = access.access_decision(request.user, pk)
    context = {
        "decision": decision,
        "related": related_numbers(decision),
        "may_change": can(request.user, Action.CHANGE, decision),
    }
    return render(request, "decisions/staff/detail.html", context)


@staff_view
def staff_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for confirmation, then adopt and sign the draft."""
    decision = access.access_decision(request.user, pk, Action.CHANGE)
    error = ""
    if request.method == "POST":
        try:
            check_adopt_decision(request.user, decision.pk)
        except DecisionRefused as refused:
            error = str(refused)
        else:
            messages.success(request, _("The decision is adopted, signed and published."))
            return HttpResponseRedirect(_detail_url(decision))
    context = {"decision": decision, "error": error}
    return render(request, "decisions/staff/adopt.html", context, status=400 if error else 200)


@staff_view
def staff_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the grounds and a confirmation, then revoke with a signed act."""
    decision = access.access_decision(request.user, pk, Action.CHANGE)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check_revoke_decision(request.user, decision.pk, form.cleaned_data["grounds"])
        except DecisionRefused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("The decision is revoked; the revocation is signed."))
            return HttpResponseRedirect(_detail_url(decision))
    status = 400 if form.is_bound else 200
    context = {"decision": decision, "form": form}
    return render(request, "decisions/staff/revoke.html", context, status=status)
