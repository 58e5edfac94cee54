"""Signed documents: answers and decisions, their canonical JSON and Ed25519 signature."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    ANSWER = "answer", _("Answer to an appeal")
    DECISION = "decision", _("Decision of a body")
    REVOCATION = "revocation", _("Revocation of a decision")


class SignedDocument(models.Model):
    """A document as signed: its RFC 8785 JSON, SHA-256, signature and the signing key."""

    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    number = models.CharField(_("document number"), max_length=64, db_index=True)
    body = models.ForeignKey(
        "bodies.Body", models.PROTECT, related_name="signed_documents", verbose_name=_("body")
    )
    document = models.TextField(_("document (RFC 8785 JSON)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    signature = models.CharField(_("signature (base64)"), max_length=120)
    key = models.ForeignKey(
        "ledger.SigningKey", models.PROTECT, related_name="documents", verbose_name=_("key")
    )
    signed_at = models.DateTimeField(_("signed"))
    answer = models.OneToOneField(
        "appeals.Answer",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_document",
    )
    log = models.ForeignKey("ledger.Log", models.PROTECT, related_name="+")
    leaf_hash = models.BinaryField(_("ledger leaf hash"), max_length=32, null=True, blank=True)

    class Meta:
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"
