"""Create, unlock and rotate Ed25519 keys; private keys are Fernet-encrypted at rest.

The encryption key comes from ``settings.RATUSHA_KEY_ENCRYPTION_KEY`` (the environment in
production); the database never holds a private key in plain.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from ratusha.ledger.models import KeyPurpose, Log, SigningKey
from ratusha_core.signing.keys import SigningKey as Ed25519Key
from ratusha_core.signing.note import NoteSigner, VerifierKey, parse_verifier_key


def site_name() -> str:
    """Give the host (and path) that names this installation in origins and key names."""
    configured = getattr(settings, "RATUSHA_LEDGER_SITE", "")
    if configured:
        return str(configured).strip("/")
    parts = urlsplit(settings.RATUSHA_BASE_URL)
    return (parts.netloc + parts.path).strip("/") or "ratusha.localhost"


def _fernet() -> Fernet:
    secret = getattr(settings, "RATUSHA_KEY_ENCRYPTION_KEY", "")
    if not secret:
        raise ImproperlyConfigured("RATUSHA_KEY_ENCRYPTION_KEY must be set to sign the ledger.")
    return Fernet(secret.encode() if isinstance(secret, str) else secret)


def create_key(
    purpose: KeyPurpose,
    name: str,
    *,
    body: Any = None,
    official: Any = None,
    log: Log | None = None,
    now: datetime | None = None,
    seed: bytes | None = None,
) -> SigningKey:
    """Give a new current key for this owner, its private part encrypted."""
    seed = seed if seed is not None else os.urandom(32)
    signer = NoteSigner(name, Ed25519Key(seed))
    return SigningKey.objects.create(
        purpose=purpose,
        body=body,
        official=official,
        log=log,
        name=name,
        public_key=signer.key.public_key,
        verifier_key=signer.verifier_key.to_text(),
        encrypted_seed=_fernet().encrypt(seed).decode(),
        valid_from=now or timezone.now(),
    )


def signer_of(key: SigningKey) -> NoteSigner:
    """Give the note signer of a stored key (decrypting its private part)."""
    try:
        seed = _fernet().decrypt(key.encrypted_seed.encode())
    except InvalidToken:
        raise ImproperlyConfigured(
            "RATUSHA_KEY_ENCRYPTION_KEY cannot decrypt the stored signing keys."
        ) from None
    return NoteSigner(key.name, Ed25519Key(seed))


def verifier_of(key: SigningKey) -> VerifierKey:
    """Give the public note key of a stored key."""
    return parse_verifier_key(key.verifier_key)


def current_key(
    purpose: KeyPurpose, *, body: Any = None, official: Any = None, log: Log | None = None
) -> SigningKey | None:
    """Give the owner's current key for this purpose, or None."""
    return (
        SigningKey.objects.filter(
            purpose=purpose, body=body, official=official, log=log, valid_until__isnull=True
        )
        .order_by("-valid_from", "-pk")
        .first()
    )


def log_key(log: Log) -> SigningKey:
    """Give the key that signs the log's checkpoints, creating it on first use."""
    key = current_key(KeyPurpose.CHECKPOINT, body=log.body, log=log)
    if key is None:
        key = create_key(KeyPurpose.CHECKPOINT, log.origin, body=log.body, log=log)
    return key


def log_verifier_keys(log: Log) -> list[VerifierKey]:
    """Give every key that ever signed the log's checkpoints (rotated ones included)."""
    rows = SigningKey.objects.filter(purpose=KeyPurpose.CHECKPOINT, log=log).order_by("valid_from")
    return [verifier_of(row) for row in rows]


def document_key(*, body: Any, official: Any = None) -> SigningKey:
    """Give the official's (or else the body's) document key, creating it on first use."""
    if official is not None:
        key = current_key(KeyPurpose.DOCUMENT, official=official)
        if key is None:
            name = f"{site_name()}/officials/{official.pk}"
            key = create_key(KeyPurpose.DOCUMENT, name, official=official)
        return key
    key = current_key(KeyPurpose.DOCUMENT, body=body)
    if key is None:
        key = create_key(KeyPurpose.DOCUMENT, f"{site_name()}/bodies/{body.code}", body=body)
    return key


def rotate_key(key: SigningKey, now: datetime | None = None) -> SigningKey:
    """Retire ``key`` and give its successor (same owner, purpose and name).

    The old key stays in the registry with ``valid_until`` set, so what it signed
    still verifies.
    """
    moment = now or timezone.now()
    with transaction.atomic():
        old = SigningKey.objects.select_for_update().get(pk=key.pk)
        if old.valid_until is not None:
            raise ValueError("this key was already rotated")
        old.valid_until = moment
        old.save(update_fields=["valid_until"])
        return create_key(
            KeyPurpose(old.purpose),
            old.name,
            body=old.body,
            official=old.official,
            log=old.log,
            now=moment,
        )
