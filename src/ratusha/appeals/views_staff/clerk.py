"""Clerk entry: a registry clerk registers a paper or oral appeal, with the scan of the original."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusha.appeals import selectors
from ratusha.appeals.access import access_appeal
from ratusha.appeals.actions import (
    AppealConflict,
    AppealInput,
    AppealInvalid,
    check_register_appeal,
    tracking_token,
)
from ratusha.appeals.choices import Channel
from ratusha.appeals.forms_staff import ClerkEntryForm
from ratusha.appeals.views_staff.common import staff_view
from ratusha.bodies import access
from ratusha.bodies.models import Body


def _clerk_body(request: HttpRequest, pk: int) -> Body:
    body = access.access_body(request.user, pk)
    if not selectors.may_register(request.user, body):
        raise PermissionDenied
    return body


@staff_view
def register_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the clerk's form; on submit register once, however many times it is sent."""
    body = _clerk_body(request, pk)
    categories = list(access.categories_of(request.user, body))
    if request.method != "POST":
        form = ClerkEntryForm(categories=categories)
        return render(request, "appeals/staff/register_appeal.html", {"body": body, "form": form})
    form = ClerkEntryForm(request.POST, request.FILES, categories=categories)
    if form.is_valid():
        data = form.cleaned_data
        category = next((c for c in categories if c.pk == data.get("category")), None)
        entry = AppealInput(
            body=body,
            channel=Channel(data["channel"]),
            text=data["text"],
            applicant_name=data["applicant_name"],
            applicant_email=data["applicant_email"],
            applicant_phone=data["applicant_phone"],
            sms_notices=data.get("sms_notices", False),
            applicant_address=data["applicant_address"],
            answer_by_post=data["answer_by_post"],
            applicant_kind=data["applicant_kind"],
            organisation=data["organisation"],
            co_applicants=form.co_applicant_rows(),
            category=category,
            address=data["address"],
            registered_by=request.user,  # type: ignore[arg-type]
            language=data["language"],
            questions=form.question_lines(),
            files=data["files"],
            scans=data["scans"],
        )
        scope = f"clerk:{request.user.pk}"
        try:
            registration = check_register_appeal(entry, (scope, data["idempotency_key"]))
        except AppealInvalid as invalid:
            for field, errors in invalid.errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        except AppealConflict as conflict:
            # The key went with another appeal (e.g. the form was sent, then edited): a new
            # key lets the clerk send this content as a new appeal after checking the inbox.
            fresh = request.POST.copy()
            fresh["idempotency_key"] = uuid.uuid4().hex
            form = ClerkEntryForm(fresh, request.FILES, categories=categories)
            form.is_valid()
            form.add_error(None, conflict.message)
        else:
            return redirect("appeals:registered", registration.appeal.pk)
    files_lost = bool(request.FILES)
    context = {"body": body, "form": form, "files_lost": files_lost}
    return render(request, "appeals/staff/register_appeal.html", context, status=400)


@staff_view
def registered(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt to print or read out: number, date, term and the tracking link."""
    appeal = access_appeal(request.user, pk)
    if not selectors.may_register(request.user, appeal.body):
        raise PermissionDenied
    link = request.build_absolute_uri(
        reverse("appeals:track", args=[appeal.number, tracking_token(appeal)])
    )
    return render(
        request,
        "appeals/staff/registered.html",
        {"appeal": appeal, "link": link, "title": _("Appeal registered")},
    )
