"""What every staff page of appeals shares: who may open it, and where to go next."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from ratusha.accounts.permissions import is_staff_member

View = Callable[..., HttpResponse]


def staff_view(view: View) -> View:
    """Let only staff members in: anonymous people log in first, citizens get a 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Give the "next" address from the form if it stays on this site, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def paginate(request: HttpRequest, queryset: models.QuerySet[Any], per_page: int) -> Page[Any]:
    """Give the requested page, with the page numbers to link (gaps elided) as ``elided``."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    page.elided = list(page.paginator.get_elided_page_range(page.number))  # type: ignore[attr-defined]
    return page


def selected_versions(values: list[str]) -> list[tuple[int, int | None]]:
    """Give (appeal id, version seen) of checkbox values "id:version"; drop malformed ones."""
    chosen = []
    for value in values:
        pk, _sep, version = value.partition(":")
        if pk.isdigit():
            chosen.append((int(pk), int(version) if version.isdigit() else None))
    return chosen
