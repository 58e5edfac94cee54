"""The clerks' one-screen review queue: approve, edit or reject redacted texts (htmx)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ratusha.appeals.views_staff.common import is_htmx, paginate, safe_next, staff_view
from ratusha.publication import access
from ratusha.publication.actions import (
    PublicationRefused,
    check_approve_publication,
    check_reject_publication,
)
from ratusha.publication.models import Publication
from ratusha.publication.presentation import kinds_found, pieces

PER_PAGE = 10


class ApproveForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text to publish"), widget=forms.Textarea(attrs={"rows": 8})
    )
    override = forms.BooleanField(
        label=gettext_lazy("Publish anyway: what the check found is not personal data"),
        required=False,
    )


def _item(publication: Publication, **extra: Any) -> dict[str, Any]:
    """Give what one queue item shows."""
    text = extra.pop("text", None)
    return {
        "publication": publication,
        "appeal": publication.appeal,
        "pieces": pieces(publication.appeal.text, publication.spans),
        "found": kinds_found(publication.spans),
        "text": publication.final_text if text is None else text,
        **extra,
    }


def _reviewer(request: HttpRequest) -> None:
    if not access.may_review(request.user):
        raise Http404


@staff_view
def queue(request: HttpRequest) -> HttpResponse:
    """The texts waiting for review in the bodies the clerk serves, oldest first."""
    _reviewer(request)
    bodies = list(access.review_bodies(request.user).order_by("path"))
    chosen = next((b for b in bodies if b.code == request.GET.get("body")), None)
    page = paginate(request, access.review_queue(request.user, chosen), PER_PAGE)
    items = [_item(p) for p in page.object_list]
    return render(
        request,
        "publication/queue.html",
        {"page": page, "items": items, "bodies": bodies, "chosen": chosen},
    )


def _answer(request: HttpRequest, context: dict[str, Any], template: str) -> HttpResponse:
    """Give the htmx fragment, or go back to the queue with the outcome as a message."""
    if is_htmx(request):
        return render(request, template, context)
    if context.get("error"):
        messages.error(request, context["error"])
    elif context.get("done"):
        messages.success(request, context["done"])
    return redirect(safe_next(request, reverse("publication:queue")))


@require_POST
@staff_view
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the (edited) text; a refusal shows what the recheck still finds."""
    _reviewer(request)
    publication = access.publication_for_review(request.user, pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        context = _item(publication, error=_("Write the text to publish, or reject it."))
        return _answer(request, context, "publication/_item.html")
    text = form.cleaned_data["text"]
    try:
        check_approve_publication(request.user, publication, text, form.cleaned_data["override"])
    except PublicationRefused as refused:
        context = _item(
            publication,
            text=text,
            error=refused.message,
            remaining=[s.text for s in refused.findings],
            remaining_kinds=kinds_found(refused.findings),
            offer_override=bool(refused.findings),
        )
        return _answer(request, context, "publication/_item.html")
    done = _("The text of %(number)s is approved for publication.") % {
        "number": publication.appeal.number
    }
    return _answer(request, {"done": done}, "publication/_done.html")


@require_POST
@staff_view
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the text unpublished, once the clerk has confirmed."""
    _reviewer(request)
    publication = access.publication_for_review(request.user, pk)
    if request.POST.get("confirm") != "yes":
        return render(request, "publication/reject_confirm.html", _item(publication))
    try:
        check_reject_publication(request.user, publication)
    except PublicationRefused as refused:
        return _answer(request, _item(publication, error=refused.message), "publication/_item.html")
    done = _("The text of %(number)s will not be published.") % {
        "number": publication.appeal.number
    }
    return _answer(request, {"done": done}, "publication/_done.html")
