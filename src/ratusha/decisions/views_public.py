"""Public pages of the register of decisions: lists per body and the signed decision."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ratusha.appeals.views_staff.common import paginate
from ratusha.bodies.models import Body
from ratusha.decisions.forms import SearchForm
from ratusha.decisions.models import Decision
from ratusha.decisions.records import bodies_with_decisions, public_decisions, related_numbers
from ratusha.decisions.search import filtered
from ratusha.ledger.documents import envelope

PER_PAGE = 20


def _listing(request: HttpRequest, body: Body | None) -> HttpResponse:
    form = SearchForm(request.GET or None)
    queryset = public_decisions([body.code] if body else None)
    if form.is_bound and form.is_valid():
        queryset = filtered(queryset, form.cleaned_data)
    context = {
        "form": form,
        "body": body,
        "page": paginate(request, queryset, PER_PAGE),
        "bodies": bodies_with_decisions(),
    }
    return render(request, "decisions/list.html", context)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Every body's adopted and revoked decisions, newest first, with search."""
    return _listing(request, None)


@require_GET
def body_list(request: HttpRequest, code: str) -> HttpResponse:
    """One body's register of decisions."""
    body = Body.objects.filter(code=code).first()
    if body is None:
        raise Http404
    return _listing(request, body)


def _decision(code: str, year: int, number: int) -> Decision:
    found = public_decisions([code]).filter(year=year, number=number).first()
    if found is None:
        raise Http404
    return found


@require_GET
def detail(request: HttpRequest, code: str, year: int, number: int) -> HttpResponse:
    """One decision: text, who decided, grounds, vote, and how to check its signature."""
    decision = _decision(code, year, number)
    document = decision.document
    proof = None
    if document is not None and document.leaf_hash is not None:
        proof = reverse("ledger:inclusion", kwargs={"log": document.log.name})
        proof += f"?leaf_hash={bytes(document.leaf_hash).hex()}"
    context = {
        "decision": decision,
        "related": related_numbers(decision),
        "verify_url": reverse("ledger:verify") + f"?number={decision.reference}",
        "proof_url": proof,
    }
    return render(request, "decisions/detail.html", context)


@require_GET
def signed_json(request: HttpRequest, code: str, year: int, number: int, what: str) -> HttpResponse:
    """The signed decision (or revocation) as a downloadable JSON envelope."""
    decision = _decision(code, year, number)
    document = decision.document if what == "decision" else decision.revocation_document
    if document is None:
        raise Http404
    response = HttpResponse(
        json.dumps(envelope(document), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"{decision.reference}-{what}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
