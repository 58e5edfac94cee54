"""The page of the triage settings of every body the administrator may change."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ratusha.appeals.views_staff.common import staff_view
from ratusha.bodies import access as body_access
from ratusha.bodies.models import Body
from ratusha.triage.settings_overview import settings_of
from ratusha_core.permissions import Action

PAGE_SIZE = 50


@staff_view
def settings_overview(request: HttpRequest) -> HttpResponse:
    """List the bodies the user administers with their routing, duplicate and model settings."""
    bodies = body_access.visible(request.user, Body, Action.CHANGE).order_by("path")
    if not bodies.exists():
        raise Http404  # not an administrator of any body
    page = Paginator(bodies, PAGE_SIZE).get_page(request.GET.get("page"))
    page.elided = list(page.paginator.get_elided_page_range(page.number))  # type: ignore[attr-defined]
    context = {"page": page, "rows": settings_of(list(page.object_list))}
    return render(request, "triage/settings_overview.html", context)
