"""The readable proof that an entry is in the log: ``/ledger/<log>/entry/<index>/proof/``.

The page shows the entry as the readable log does, its leaf hash, the newest signed
checkpoint and the audit path, with the server's check (``ledger.proofs``). The
browser then checks the same from the public JSON endpoints (``ledger/proof.js``),
so a reader need not trust the server's word. An index past the newest checkpoint but
already recorded gives a page saying so; any other index gives 404.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ratusha.ledger import access, proofs
from ratusha.ledger.browse import Page, Row
from ratusha.ledger.views import published_note
from ratusha.ledger.views_read import shown
from ratusha_core.ledger.checkpoint import MAX_TREE_SIZE


@require_GET
def entry_proof(request: HttpRequest, log: str, index: int) -> HttpResponse:
    """The entry, the checkpoint, the path, and whether they add up (server and browser)."""
    found = access.log_named(log)
    if index >= MAX_TREE_SIZE:
        raise Http404
    checkpoint = access.latest_checkpoint(found)
    context = {"log": found, "index": index}
    if checkpoint is None or index >= checkpoint.size:
        if not proofs.awaits_checkpoint(found, index):
            raise Http404
        return render(request, "ledger/proof.html", context | {"pending": True})
    entry = proofs.entry_at(found, index)
    if entry is None:  # not expected: entries and their checkpoint are written together
        raise Http404
    row = Row(
        entry.index,
        entry.event_type,
        entry.subject,
        entry.time,
        entry.leaf_input,
        bytes(entry.leaf_hash),
    )
    item = shown(
        row, reverse("ledger:inclusion", args=[found.name]), Page([row], checkpoint=checkpoint)
    )
    context |= {
        "item": item,
        "check": proofs.check_inclusion(found, entry, checkpoint),
        "checkpoint": checkpoint,
        "note": published_note(checkpoint),
    }
    return render(request, "ledger/proof.html", context)
