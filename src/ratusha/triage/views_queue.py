"""The clerk's triage queue, many at once: accept the suggestions of the selected appeals.

The queue itself is ``appeals.views_staff.queues.triage``; its cards carry a checkbox for
each appeal with a suggested department, and this view first lists the choice for
confirmation, then assigns them (``actions_queue``). Only appeals still waiting in the
queue the clerk may work (``appeals.selectors.triage_queue``) are read.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ratusha.appeals import selectors
from ratusha.appeals.views_staff.common import safe_next, selected_versions, staff_view
from ratusha.bodies import access
from ratusha.triage.actions_queue import MAX_AT_ONCE, check_accept_suggestions
from ratusha.triage.presentation import attach_suggestions


@require_POST
@staff_view
def accept_many(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then assign each selected appeal to its suggested department."""
    body = access.access_body(request.user, pk)
    if not selectors.may_register(request.user, body):
        raise PermissionDenied
    back = safe_next(request, reverse("appeals:triage", args=[body.pk]))
    chosen = dict(selected_versions(request.POST.getlist("appeal"))[:MAX_AT_ONCE])
    if not chosen:
        messages.error(request, _("Select at least one appeal whose suggestion to accept."))
        return redirect(back)
    waiting = selectors.triage_queue(request.user, body).filter(pk__in=list(chosen))
    found = sorted(waiting, key=lambda a: (a.registered_at, a.pk))
    if not found:
        messages.info(request, _("None of the selected appeals waits for a department any more."))
        return redirect(back)
    if request.POST.get("confirm") != "yes":
        attach_suggestions(request.user, found, with_links=False)
        listed = [a for a in found if a.triage_view and a.triage_view.top_department]  # type: ignore[attr-defined]
        for appeal in listed:
            seen = chosen[appeal.pk]
            appeal.choice = f"{appeal.pk}:{'' if seen is None else seen}"  # type: ignore[attr-defined]
        context = {
            "body": body,
            "listed": listed,
            "gone": len(chosen) - len(listed),
            "back": back,
        }
        return render(request, "triage/accept_many_confirm.html", context)
    accepted, refused = check_accept_suggestions(request.user, [(a, chosen[a.pk]) for a in found])
    if accepted:
        messages.success(
            request,
            ngettext(
                "%(count)s appeal is assigned as suggested: %(numbers)s.",
                "%(count)s appeals are assigned as suggested: %(numbers)s.",
                len(accepted),
            )
            % {"count": len(accepted), "numbers": ", ".join(a.number for a in accepted)},
        )
    for appeal, why in refused:
        messages.error(request, f"{appeal.number}: {why}")
    return redirect(back)
