"""Officers' triage pages: accept or correct a suggestion, and the per-body accuracy report."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ratusha.appeals.access import appeals_for
from ratusha.appeals.actions import AppealConflict, TransitionNotAllowed
from ratusha.appeals.models import Appeal
from ratusha.appeals.views_staff.common import staff_view
from ratusha.bodies import access as body_access
from ratusha.triage import access, report
from ratusha.triage.actions import check_accept_suggestion, check_correct_suggestion
from ratusha.triage.link_alerts import latest_alert
from ratusha.triage.link_report import link_lines
from ratusha.triage.presentation import suggestions_context


class RouteForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    department = forms.IntegerField(label=gettext_lazy("Department"), required=False, min_value=1)


def _appeal(request: HttpRequest, pk: int) -> Appeal:
    found = appeals_for(request.user).select_related("body").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _back(request: HttpRequest, appeal: Appeal) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    if appeals_for(request.user).filter(pk=appeal.pk).exists():
        return redirect("appeals:appeal", appeal.pk)
    return redirect("appeals:my-inbox")


@staff_view
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """The AI suggestions of one appeal: a panel for htmx, or a page of its own."""
    appeal = _appeal(request, pk)
    context = {"appeal": appeal, **suggestions_context(request.user, appeal)}
    if request.headers.get("HX-Request"):
        if context["triage"] is not None:
            context["triage"].next_url = reverse("appeals:appeal", args=[appeal.pk])
        return render(request, "triage/_suggestions.html", context)
    return render(request, "triage/suggestions.html", context)


@require_POST
@staff_view
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign the appeal to the suggested department in one click."""
    appeal = _appeal(request, pk)
    form = RouteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete. Reload the page and try again."))
        return _back(request, appeal)
    try:
        check_accept_suggestion(
            request.user, appeal, expected_version=form.cleaned_data["expected_version"]
        )
    except (AppealConflict, TransitionNotAllowed) as refused:
        messages.error(request, f"{appeal.number}: {refused.message}")
    else:
        messages.success(
            request, _("%(number)s is assigned as suggested.") % {"number": appeal.number}
        )
    return _back(request, appeal)


@require_POST
@staff_view
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign the appeal to the department the officer chose instead of the suggestion."""
    appeal = _appeal(request, pk)
    form = RouteForm(request.POST)
    if not form.is_valid() or not form.cleaned_data.get("department"):
        messages.error(
            request, _("Choose a department for %(number)s.") % {"number": appeal.number}
        )
        return _back(request, appeal)
    try:
        check_correct_suggestion(
            request.user,
            appeal,
            form.cleaned_data["department"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except (AppealConflict, TransitionNotAllowed) as refused:
        messages.error(request, f"{appeal.number}: {refused.message}")
    else:
        messages.success(
            request,
            _("%(number)s is assigned; the correction will teach the next model.")
            % {"number": appeal.number},
        )
    return _back(request, appeal)


@staff_view
def accuracy(request: HttpRequest, pk: int) -> HttpResponse:
    """How often officers overrode the AI in a body, per month and per category."""
    body = body_access.access_body(request.user, pk)
    if not access.may_see_accuracy(request.user, body):
        raise PermissionDenied
    labels = access.labels_of(request.user, body)
    context = {
        "body": body,
        "months": report.by_month(labels),
        "categories": report.by_category(labels),
        "total": report.total(labels),
        "models": report.models_of(body),
        "link_lines": link_lines(appeals_for(request.user).filter(body=body), timezone.now()),
        "link_alert": latest_alert(body),
    }
    return render(request, "triage/accuracy.html", context)
