"""Officers' word that appeals are not duplicates: keep a pair apart, take an appeal out of
its cluster, or withdraw the word. Each is a POST that goes back to the page it came from.

Both appeals are read through ``appeals.access`` (out of reach: 404, or the same refusal
as an unknown number) and every change goes through ``actions_not_duplicates``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha.appeals.access import access_appeal, appeals_for
from ratusha.appeals.actions import TransitionNotAllowed
from ratusha.appeals.models import Appeal
from ratusha.appeals.views_staff.common import safe_next, staff_view
from ratusha.triage.actions_not_duplicates import check_keep_apart, check_take_out, check_withdraw
from ratusha.triage.duplicate_explain import NotComparable, other_appeal


def _back(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(safe_next(request, reverse("triage:cluster", args=[pk])))


def _on_pair(request: HttpRequest, pk: int, act: Any) -> HttpResponse:
    """Read the appeal and ``other`` (its number or id), call ``act(user, appeal, other)``,
    and tell the outcome (``act`` gives the success message, or None for no change)."""
    appeal = access_appeal(request.user, pk)
    try:
        other = other_appeal(request.user, appeal, request.POST.get("other", ""))
        said = act(request.user, appeal, other)
    except (NotComparable, TransitionNotAllowed) as refused:
        messages.error(request, refused.message)
    else:
        names = {"a": appeal.number, "b": other.number}
        if said is None:
            messages.info(request, _("%(a)s and %(b)s were not marked as not duplicates.") % names)
        else:
            messages.success(request, said % names)
    return _back(request, appeal.pk)


@require_POST
@staff_view
def keep_apart(request: HttpRequest, pk: int) -> HttpResponse:
    """Say that the appeal and ``other`` (its number or id) are not duplicates."""

    def act(user: Any, appeal: Appeal, other: Appeal) -> str:
        check_keep_apart(user, appeal, other)
        return _("%(a)s and %(b)s are marked as not duplicates: triage will not link them again.")

    return _on_pair(request, pk, act)


@require_POST
@staff_view
def take_out(request: HttpRequest, pk: int) -> HttpResponse:
    """Take ``member`` (an id) out of the appeal's cluster: not a duplicate of its links."""
    appeal = access_appeal(request.user, pk)
    typed = request.POST.get("member", "").strip()
    visible = appeals_for(request.user).select_related("body")
    member = visible.filter(pk=int(typed)).first() if typed.isdigit() and len(typed) < 19 else None
    if member is None:
        messages.error(request, _("Choose an appeal of the cluster."))
        return _back(request, appeal.pk)
    try:
        kept = check_take_out(request.user, appeal, member)
    except TransitionNotAllowed as refused:
        messages.error(request, refused.message)
    else:
        far = [row.second if row.first_id == member.pk else row.first for row in kept]
        messages.success(
            request,
            _("%(number)s was taken out of the cluster: marked as not a duplicate of %(others)s.")
            % {"number": member.number, "others": ", ".join(a.number for a in far)},
        )
    return _back(request, appeal.pk)


@require_POST
@staff_view
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw the word that the appeal and ``other`` are not duplicates."""

    def act(user: Any, appeal: Appeal, other: Appeal) -> str | None:
        if check_withdraw(user, appeal, other) is None:
            return None
        return _("The mark on %(a)s and %(b)s is withdrawn: their links count again.")

    return _on_pair(request, pk, act)
