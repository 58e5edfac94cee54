"""The key registry: Ed25519 keys of bodies, officials and the installation, with validity."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyPurpose(models.TextChoices):
    CHECKPOINT = "checkpoint", _("Signs the log's checkpoints")
    DOCUMENT = "document", _("Signs answers and decisions")


class SigningKey(models.Model):
    """One Ed25519 key; the private part is encrypted (Fernet) with a key from the environment.

    A rotated key gets ``valid_until`` and stays here, so old signatures still verify.
    """

    purpose = models.CharField(_("purpose"), max_length=16, choices=KeyPurpose.choices)
    body = models.ForeignKey(
        "bodies.Body",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="signing_keys",
        verbose_name=_("body"),
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="signing_keys",
        verbose_name=_("official"),
    )
    log = models.ForeignKey(
        "ledger.Log", models.PROTECT, null=True, blank=True, related_name="keys"
    )
    name = models.CharField(_("key name"), max_length=255)
    public_key = models.BinaryField(_("public key"), max_length=32)
    verifier_key = models.CharField(_("verifier key"), max_length=400, unique=True)
    encrypted_seed = models.TextField(_("private key (encrypted)"))
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["name", "valid_from"]
        indexes = [
            models.Index(fields=["purpose", "body", "official"], name="ledger_key_owner"),
        ]

    def __str__(self) -> str:
        return self.verifier_key

    @property
    def is_current(self) -> bool:
        return self.valid_until is None
