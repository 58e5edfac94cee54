"""The salted hash commitment an appeal's registration entry publishes instead of its text.

``appeal_commitment(salt, text, name, email)`` gives SHA-256(salt || RFC 8785 JSON of the
text and the applicant). The ledger shows only this hash; the citizen's receipt holds
the salt, so the citizen (and nobody else) can show which text and applicant it commits
to::

    >>> appeal_commitment(b"\\x00" * 32, "Lamp out", "Hanna", "h@example.org").hex()[:16]
    '6712aa29d78f2f7f'
"""

from __future__ import annotations

import hashlib

from ratusha_core.signing.canonical import JsonValue, canonical_json


def appeal_commitment(salt: bytes, text: str, applicant_name: str, applicant_email: str) -> bytes:
    """Give the registration commitment: SHA-256(salt || RFC 8785 JSON of text and applicant)."""
    opening: dict[str, JsonValue] = {
        "text": text,
        "applicant_name": applicant_name,
        "applicant_email": applicant_email,
    }
    return hashlib.sha256(salt + canonical_json(opening)).digest()
