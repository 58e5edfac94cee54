"""Attachments are served only through here, to staff who may see the appeal or to its citizen.

The file streams as a download (``Content-Disposition: attachment``) with ``nosniff`` and
a sandboxing Content-Security-Policy, so even a file that slipped past the content check
is never rendered by the browser in our origin.
"""

from __future__ import annotations

import hmac

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from ratusha.appeals.access import appeals_for, appeals_of_citizen
from ratusha.appeals.actions import tracking_token
from ratusha.appeals.models import Attachment

# The types the intake accepts (sniffed from the content); anything else goes out as bytes.
SERVED_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/heic"})


def _allowed_attachment(request: HttpRequest, pk: int, token: str | None) -> Attachment:
    attachment = Attachment.objects.select_related("appeal").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    appeal = attachment.appeal
    if token is not None:
        if hmac.compare_digest(tracking_token(appeal), token):
            return attachment
        raise Http404
    user = request.user
    if appeals_for(user).filter(pk=appeal.pk).exists():
        return attachment
    if appeals_of_citizen(user).filter(pk=appeal.pk).exists():
        return attachment
    raise Http404


@require_GET
def attachment(request: HttpRequest, pk: int, token: str | None = None) -> FileResponse:
    """Stream an attachment to someone allowed to see it, as a download."""
    found = _allowed_attachment(request, pk, token)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = found.content_type if found.content_type in SERVED_TYPES else None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=found.original_name or f"attachment-{found.pk}",
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
