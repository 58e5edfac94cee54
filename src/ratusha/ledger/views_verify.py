"""The public page that checks a signed document by its number or an uploaded file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusha.ledger import access
from ratusha.ledger.documents import ENVELOPE_FORMAT, check_document
from ratusha.ledger.models import SignedDocument
from ratusha_core.signing.canonical import canonical_json

MAX_UPLOAD = 512 * 1024


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Document number (of an appeal or a decision)"),
        max_length=64,
        required=False,
    )
    document = forms.FileField(
        label=gettext_lazy("Or upload the signed document (JSON file)"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("number") and not data.get("document"):
            raise forms.ValidationError(_("Give a document number or choose a file."))
        upload = data.get("document")
        if upload is not None and upload.size > MAX_UPLOAD:
            self.add_error("document", _("The file is too large for a signed document."))
        return data


@dataclass(frozen=True)
class Finding:
    """One document the page reports on."""

    document: SignedDocument
    valid: bool
    in_ledger: bool
    index: int | None


def _finding(document: SignedDocument) -> Finding:
    entry = None
    if document.leaf_hash is not None:
        entry = access.entry_with_hash(document.log, bytes(document.leaf_hash))
    return Finding(document, check_document(document), entry is not None, entry and entry.index)


def _from_upload(raw: bytes) -> tuple[list[Finding], str]:
    """Give the findings for an uploaded file, or an error message."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return [], _("The file is not a JSON document.")
    if isinstance(data, dict) and data.get("format") == ENVELOPE_FORMAT:
        data = data.get("document")
    try:
        digest = hashlib.sha256(canonical_json(data)).hexdigest()
    except (ValueError, TypeError):
        return [], _("The file is not a JSON document.")
    document = access.document_with_sha256(digest)
    if document is None:
        return [], _("No document with this content was signed here. It may have been altered.")
    return [_finding(document)], ""


def verify(request: HttpRequest) -> HttpResponse:
    """Check a document: valid or not, who signed it and when, and whether it is in the ledger."""
    findings: list[Finding] = []
    message = ""
    searched = False
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            searched = True
            upload = form.cleaned_data.get("document")
            if upload is not None:
                findings, message = _from_upload(upload.read())
            else:
                number = form.cleaned_data["number"].strip()
                findings = [_finding(d) for d in access.documents_numbered(number)]
                if not findings:
                    message = _("No signed document has this number.")
    else:
        form = VerifyForm(initial={"number": request.GET.get("number", "")})
        number = request.GET.get("number", "").strip()
        if number:
            searched = True
            findings = [_finding(d) for d in access.documents_numbered(number[:64])]
            if not findings:
                message = _("No signed document has this number.")
    context = {"form": form, "findings": findings, "message": message, "searched": searched}
    return render(request, "ledger/verify.html", context)
