"""Public pages, the staff home and staff pages of bodies and departments, and /healthz."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha import sms
from ratusha.accounts.actions import do_update_profile
from ratusha.accounts.models import RoleGrant
from ratusha.accounts.permissions import can, is_staff_member, scoped
from ratusha.accounts.views import remember_language
from ratusha.appeals.selectors import (
    QUEUE_ROLES,
    letters_by_month,
    may_register,
    undelivered_counts,
)
from ratusha.appeals.sms_notices import daily_limit, day_start, month_start, sent_since
from ratusha.bodies import access
from ratusha.bodies.actions import check_set_sms_limits
from ratusha.bodies.models import Body, Category
from ratusha.collation import by_name
from ratusha.form_errors import add_errors
from ratusha.pages import health
from ratusha.pages.forms import SmsLimitForm
from ratusha.publication.access import may_review
from ratusha_core.permissions import Action, Role


def home(request: HttpRequest) -> HttpResponse:
    bodies = access.public_bodies().filter(kind__in=["district", "municipality"])
    return render(request, "pages/home.html", {"bodies": bodies})


def body_public(request: HttpRequest, code: str) -> HttpResponse:
    body = get_object_or_404(access.public_bodies(), code=code)
    categories = by_name(access.public_categories(body), lambda c: c.name)
    return render(request, "pages/body_public.html", {"body": body, "categories": categories})


@login_required
def after_login(request: HttpRequest) -> HttpResponse:
    return redirect("pages:staff-home" if is_staff_member(request.user) else "pages:home")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a logged-in user's preference follows the switch."""
    code = request.POST.get("language", "")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response: HttpResponse = HttpResponseRedirect(target)
    if not check_for_language(code) or code not in {"be", "ru", "en"}:
        return response
    if request.user.is_authenticated:
        do_update_profile(request.user, preferred_language=code)  # type: ignore[arg-type]
    return remember_language(response, code)


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    grants = list(
        request.user.role_grants.select_related("body", "department").order_by(  # type: ignore[union-attr]
            "body__path", "role"
        )
    )
    visible = access.visible(request.user, Body)
    bodies = list(visible)
    # A system administrator's card lists every body with its queues.
    listed = bodies if any(g.role == Role.SYSTEM_ADMIN for g in grants) else []
    _count_undelivered(request.user, grants, listed)
    return render(
        request,
        "pages/staff_home.html",
        {
            "grants": grants,
            "bodies": bodies,
            "is_staff": is_staff_member(request.user),
            "forecast_bodies": visible.filter(appeals__isnull=False).distinct()[:10],
            "may_review": may_review(request.user),
            "may_set_triage": access.visible(request.user, Body, Action.CHANGE).exists(),
        },
    )


def _count_undelivered(user: Any, grants: list[RoleGrant], bodies: list[Body]) -> None:
    """Put the count of undelivered notices on each body queue the page links to."""
    queues = [g for g in grants if g.body_id and g.role in QUEUE_ROLES]
    if not queues and not bodies:
        return
    counts = undelivered_counts(user, [g.body for g in queues] + bodies)
    for body in bodies:
        body.undelivered = counts.get(body.pk, 0)  # type: ignore[attr-defined]
    for grant in queues:
        grant.undelivered = counts.get(grant.body_id, 0)  # type: ignore[attr-defined]


@login_required
def staff_body(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_body(request, access.access_body(request.user, pk))


@login_required
@require_POST
def staff_body_sms_limit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the body's own daily limit and monthly budget of text messages (its
    administrators only)."""
    body = access.access_body(request.user, pk)
    form = _sms_limit_form(body, request.POST)
    if form.is_valid():
        try:
            data = form.cleaned_data
            check_set_sms_limits(request.user, body, data["limit"], data["budget"])
        except ValidationError as invalid:
            add_errors(form, invalid.message_dict)
        else:
            messages.success(request, _("The limits of text messages are saved."))
            return redirect("pages:staff-body", pk=body.pk)
    return _staff_body(request, body, sms_form=form, status=400)


def _sms_limit_form(body: Body, data: Any = None) -> SmsLimitForm:
    initial = {"limit": body.sms_daily_limit, "budget": body.sms_monthly_budget}
    limit = int(settings.RATUSHA_SMS_DAILY_LIMIT)
    return SmsLimitForm(data, initial=initial, installation_limit=limit)


def _staff_body(
    request: HttpRequest, body: Body, sms_form: SmsLimitForm | None = None, status: int = 200
) -> HttpResponse:
    clerk = may_register(request.user, body)  # the body's clerks and administrators
    usage = _sms_usage(body) if sms.enabled() and clerk else None
    if usage is not None and sms_form is None and can(request.user, Action.CHANGE, body):
        sms_form = _sms_limit_form(body)
    context = {
        "body": body,
        "departments": access.departments_of(request.user, body),
        "categories": access.categories_of(request.user, body),
        "may_edit_examples": access.visible(request.user, Category, Action.CHANGE)
        .filter(body=body)
        .exists(),
        "sms": usage,
        "sms_form": sms_form,
        "letters": letters_by_month(body) if clerk else None,
    }
    return render(request, "pages/staff_body.html", context, status=status)


def _sms_usage(body: Body) -> dict[str, Any]:
    """Give the body's text messages today (against its daily limit), in the last 30 days,
    and the SMS parts of this calendar month (against its monthly budget)."""
    today, _parts = sent_since(body, day_start(body))
    month, parts = sent_since(body, timezone.now() - timedelta(days=30))
    _count, calendar_parts = sent_since(body, month_start(body))
    return {
        "today": today,
        "limit": daily_limit(body),
        "month": month,
        "parts": parts,
        "calendar_parts": calendar_parts,
        "budget": body.sms_monthly_budget,
    }


@login_required
def staff_department(request: HttpRequest, pk: int) -> HttpResponse:
    department = access.access_department(request.user, pk)
    grants = scoped(request.user, Action.VIEW, RoleGrant.objects.filter(department=department))
    context = {
        "department": department,
        "officials": access.officials_of(request.user, department),
        "categories": access.categories_of(request.user, department.body).filter(
            default_department=department
        ),
        "grants": grants.select_related("user"),
    }
    return render(request, "pages/staff_department.html", context)


def favicon(request: HttpRequest) -> HttpResponse:
    """Send browsers that ask for /favicon.ico to the site's icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("ratusha/favicon.svg"))


def healthz(request: HttpRequest) -> JsonResponse:
    database = health.database_state()
    worker = health.worker_state() if database["state"] == "ok" else {"state": "unknown"}
    ok = database["state"] == "ok" and worker["state"] == "ok"
    return JsonResponse(
        {"status": "ok" if ok else "degraded", "database": database, "worker": worker},
        status=200 if ok else 503,
    )
