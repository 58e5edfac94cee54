"""The citizen's receipt (a printable page with a QR code, and JSON) and the ledger check.

These open with the appeal's tracking link (number and token), like the tracking page.
"""

from __future__ import annotations

import json

import segno
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ratusha.appeals.access import appeal_by_token
from ratusha.ledger import access, keys
from ratusha.ledger.documents import envelope
from ratusha.ledger.receipts import check_still_in_log, never_recorded, receipt_for


def _download(data: object, filename: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def receipt_page(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """The printable receipt: what is in the log, where, under which signed checkpoint."""
    appeal = appeal_by_token(number, token)
    receipt = receipt_for(appeal)
    if receipt is None:
        absent = never_recorded(appeal)
        context = {"appeal": appeal, "absent": absent}
        status = 404 if absent else 202
        return render(request, "ledger/receipt_pending.html", context, status=status)
    proof_url = request.build_absolute_uri(
        reverse("ledger:inclusion", args=[receipt.log.name])
        + "?leaf_hash="
        + bytes(receipt.entry.leaf_hash).hex()
    )
    # The QR code opens the readable proof, which the reader's browser checks itself.
    page_url = request.build_absolute_uri(
        reverse("ledger:entry-proof", args=[receipt.log.name, receipt.entry.index])
    )
    context = {
        "appeal": appeal,
        "receipt": receipt,
        "entry_json": json.dumps(
            json.loads(receipt.entry.leaf_input), ensure_ascii=False, indent=2
        ),
        "salt": receipt.to_json().get("salt", ""),
        "log_keys": keys.log_verifier_keys(receipt.log),
        "qr_svg": segno.make(page_url, error="m").svg_inline(scale=3, omitsize=False),
        "proof_url": proof_url,
        "proof_page_url": page_url,
        "token": token,
    }
    return render(request, "ledger/receipt.html", context)


@require_GET
def receipt_json(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """The receipt as JSON for ``ratusha-verify receipt``; ``?with_text=1`` adds the text."""
    appeal = appeal_by_token(number, token)
    receipt = receipt_for(appeal)
    if receipt is None and never_recorded(appeal):
        detail = "registered before the public ledger was kept: there is no receipt"
        return JsonResponse({"state": "absent", "detail": detail}, status=404)
    if receipt is None:
        return JsonResponse(
            {"state": "pending", "detail": "being recorded, come back in a minute"}, status=202
        )
    with_text = request.GET.get("with_text") == "1"
    return _download(receipt.to_json(with_text=with_text), f"receipt-{appeal.number}.json")


@require_GET
def receipt_status(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """Is the registration still in the log? JSON for the tracking page.

    ``?size=N`` checks from the checkpoint of size N (the one in the citizen's receipt).
    """
    appeal = appeal_by_token(number, token)
    size_text = request.GET.get("size", "")
    size = int(size_text) if size_text.isdigit() else None
    result = check_still_in_log(appeal, size)
    response = JsonResponse(result.to_json())
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def answer_json(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """The signed answer document (content, signature and key) for the appeal's holder."""
    appeal = appeal_by_token(number, token)
    document = access.answer_document_of(appeal)
    if document is None:
        raise Http404
    return _download(envelope(document), f"answer-{appeal.number}.json")
