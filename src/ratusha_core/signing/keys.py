"""Ed25519 keys as plain bytes, with signing and verification through ``cryptography``.

A private key is kept as its 32-byte RFC 8032 seed; the caller supplies the randomness
(``os.urandom(32)`` in production, fixed bytes in tests), so nothing here is random.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

KEY_SIZE = 32
SIGNATURE_SIZE = 64


@lru_cache(maxsize=1024)
def _private(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


@lru_cache(maxsize=1024)
def _public(public_key: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(public_key)


@dataclass(frozen=True)
class SigningKey:
    """An Ed25519 private key, held as its 32-byte seed (never shown in ``repr``)."""

    seed: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.seed) != KEY_SIZE:
            raise ValueError(f"an Ed25519 seed has {KEY_SIZE} bytes, not {len(self.seed)}")

    @property
    def public_key(self) -> bytes:
        """Give the 32-byte RFC 8032 public key."""
        return _private(self.seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def sign(self, message: bytes) -> bytes:
        """Give the 64-byte Ed25519 signature of ``message``."""
        return _private(self.seed).sign(message)


def verify_ed25519(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """Tell whether ``signature`` is a valid Ed25519 signature of ``message``."""
    if len(public_key) != KEY_SIZE or len(signature) != SIGNATURE_SIZE:
        return False
    try:
        _public(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
