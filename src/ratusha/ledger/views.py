"""The public ledger API: no login, plain HTTP, JSON or the formats C2SP defines.

Every endpoint is documented in docs/ledger.md. Errors are RFC 9457 problem details.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from ratusha.ledger import access, keys
from ratusha.ledger.actions import CosignatureRefused, add_cosignature
from ratusha.ledger.models import Checkpoint, Log, SigningKey, Witness
from ratusha.ledger.models.keys import KeyPurpose
from ratusha.ledger.store import DatabaseStore
from ratusha.ledger.tiles import TilePathError, entry_bundle, hash_tile, parse_tile_index
from ratusha_core.ledger.merkle import MalformedProofError
from ratusha_core.ledger.tree import consistency_proof, inclusion_proof
from ratusha_core.signing.note import add_signature_lines

IMMUTABLE = "public, max-age=31536000, immutable"
FRESH = "no-cache"


def problem(status: int, title: str, detail: str = "") -> JsonResponse:
    """Give an RFC 9457 problem response."""
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    return JsonResponse(body, status=status, content_type="application/problem+json")


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


def _int(request: HttpRequest, name: str, default: int | None = None) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        if default is None:
            raise ValueError(_("The parameter %(name)s is required.") % {"name": name})
        return default
    if not raw.isdigit():
        raise ValueError(_("The parameter %(name)s must be a whole number.") % {"name": name})
    return int(raw)


def _text(body: str | bytes, cache: str, content_type: str = "text/plain; charset=utf-8") -> Any:
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = cache
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data: dict[str, Any], cache: str = FRESH) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = cache
    response["Access-Control-Allow-Origin"] = "*"
    return response


def published_note(checkpoint: Checkpoint) -> str:
    """Give the checkpoint's note with the witnesses' cosignatures it collected."""
    lines = [c.signature_line for c in checkpoint.cosignatures.order_by("witness__name")]
    return add_signature_lines(checkpoint.note, lines) if lines else checkpoint.note


def _with_log(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, log: str, *args: Any, **kwargs: Any) -> HttpResponse:
        found = Log.objects.select_related("body").filter(name=log).first()
        if found is None:
            return problem(404, _("No such log."))
        try:
            return view(request, found, *args, **kwargs)
        except (ValueError, MalformedProofError) as error:
            return problem(400, _("Bad request."), str(error))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The human page: every log, its newest checkpoint, keys and how to verify."""
    logs = [(log, access.latest_checkpoint(log)) for log in access.all_logs()]
    return render(request, "ledger/index.html", {"logs": logs})


@require_GET
@_with_log
def checkpoint(request: HttpRequest, log: Log) -> HttpResponse:
    """The newest signed checkpoint (tlog-checkpoint as a signed note), with cosignatures."""
    latest = access.latest_checkpoint(log)
    if latest is None:
        return problem(404, _("This log has no checkpoint yet."))
    return _text(published_note(latest), FRESH)


@require_GET
@_with_log
def checkpoint_at(request: HttpRequest, log: Log, size: int) -> HttpResponse:
    """The checkpoint the log signed for exactly ``size`` entries."""
    found = access.checkpoint_of_size(log, size)
    if found is None:
        return problem(404, _("The log signed no checkpoint of this size."))
    return _text(published_note(found), FRESH)


def _entry_json(entry: Any) -> dict[str, Any]:
    data = entry.leaf_input.encode()
    return {
        "index": entry.index,
        "leaf_input": _b64(data),
        "leaf_hash": _b64(bytes(entry.leaf_hash)),
        "entry": json.loads(data),
    }


@require_GET
@_with_log
def entries(request: HttpRequest, log: Log) -> HttpResponse:
    """Entries ``[start, end)`` (at most 1,000), each with its leaf input in base64."""
    start = _int(request, "start", 0)
    end = min(_int(request, "end", start + access.MAX_ENTRIES), log.size)
    rows = access.entries_between(log, start, end) if start < end else []
    return _json(
        {
            "origin": log.origin,
            "size": log.size,
            "start": start,
            "end": start + len(rows),
            "entries": [_entry_json(row) for row in rows],
        }
    )


def _tree_size(request: HttpRequest, log: Log, name: str) -> int:
    size = _int(request, name, log.size)
    if size > log.size:
        raise ValueError(_("The log has only %(size)d entries.") % {"size": log.size})
    return size


@require_GET
@_with_log
def inclusion(request: HttpRequest, log: Log) -> HttpResponse:
    """An inclusion proof for ``index`` (or ``leaf_hash``, hex or base64) at ``size``."""
    size = _tree_size(request, log, "size")
    leaf = request.GET.get("leaf_hash", "")
    if leaf:
        try:
            value = (
                bytes.fromhex(leaf) if len(leaf) == 64 else base64.b64decode(leaf, validate=True)
            )
        except (ValueError, binascii.Error):
            return problem(400, _("Bad request."), _("leaf_hash is not hex or base64."))
        found = access.entry_with_hash(log, value)
        if found is None:
            if access.is_pending(log, value):
                return problem(404, _("This entry is being recorded; come back in a minute."))
            return problem(404, _("No entry with this hash."))
        index = found.index
    else:
        index = _int(request, "index")
    proof = inclusion_proof(DatabaseStore(log.pk), index, size)
    return _json(
        {
            "origin": log.origin,
            "index": proof.index,
            "size": proof.size,
            "hashes": [_b64(h) for h in proof.hashes],
        }
    )


@require_GET
@_with_log
def consistency(request: HttpRequest, log: Log) -> HttpResponse:
    """A consistency proof from the tree of ``first`` entries to that of ``second``."""
    first = _int(request, "first")
    second = _tree_size(request, log, "second")
    proof = consistency_proof(DatabaseStore(log.pk), first, second)
    return _json(
        {
            "origin": log.origin,
            "first": proof.size1,
            "second": proof.size2,
            "hashes": [_b64(h) for h in proof.hashes],
        }
    )


@require_GET
@_with_log
def log_keys(request: HttpRequest, log: Log) -> HttpResponse:
    """The log's verifier keys (rotated ones stay listed) and its registered witnesses."""
    rows = SigningKey.objects.filter(purpose=KeyPurpose.CHECKPOINT, log=log).order_by("valid_from")
    return _json(
        {
            "origin": log.origin,
            "keys": [
                {
                    "verifier_key": row.verifier_key,
                    "valid_from": row.valid_from.isoformat(),
                    "valid_until": row.valid_until.isoformat() if row.valid_until else None,
                }
                for row in rows
            ],
            "witnesses": [
                {"name": w.name, "verifier_key": w.verifier_key, "description": w.description}
                for w in Witness.objects.filter(is_active=True)
            ],
        }
    )


@require_GET
@_with_log
def tile(request: HttpRequest, log: Log, level: int, path: str) -> HttpResponse:
    """A tlog-tiles hash tile ``/tile/<L>/<N>[.p/<W>]``."""
    try:
        index, width = parse_tile_index(path)
    except TilePathError:
        return problem(404, _("No such tile."))
    data = hash_tile(log, level, index, width)
    if data is None:
        return problem(404, _("No such tile."))
    return _text(data, IMMUTABLE, "application/octet-stream")


@require_GET
@_with_log
def entries_tile(request: HttpRequest, log: Log, path: str) -> HttpResponse:
    """A tlog-tiles entry bundle ``/tile/entries/<N>[.p/<W>]``."""
    try:
        index, width = parse_tile_index(path)
    except TilePathError:
        return problem(404, _("No such tile."))
    data = entry_bundle(log, index, width)
    if data is None:
        return problem(404, _("No such tile."))
    return _text(data, IMMUTABLE, "application/octet-stream")


@csrf_exempt  # witnesses are programs, not browsers with a session
@require_POST
@_with_log
def cosign(request: HttpRequest, log: Log) -> HttpResponse:
    """Take a registered witness's cosignature: JSON ``{"size": N, "signature": "— ..."}``."""
    try:
        data = json.loads(request.body)
        size, line = int(data["size"]), str(data["signature"])
    except (ValueError, KeyError, TypeError):
        return problem(400, _("Bad request."), _("Send JSON with size and signature."))
    try:
        add_cosignature(log, size, line)
    except CosignatureRefused as refused:
        return problem(403, _("Cosignature refused."), str(refused))
    return _json({"accepted": True, "size": size}, FRESH)


def verifier_keys_text(log: Log) -> str:
    return "\n".join(key.to_text() for key in keys.log_verifier_keys(log))
