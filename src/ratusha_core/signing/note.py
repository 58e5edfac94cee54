"""C2SP signed notes (c2sp.org/signed-note): keys, signing, parsing and verification.

A note is UTF-8 text ending in a newline, a blank line, then signature lines
``— <key name> base64(key ID || signature)``. Two signature types are supported:

- ``0x01`` Ed25519 over the note text (a log's checkpoint signature);
- ``0x04`` a timestamped witness cosignature (c2sp.org/tlog-cosignature): the signature
  holds an 8-byte big-endian timestamp and Ed25519 over
  ``"cosignature/v1\\ntime <t>\\n" || note text``.

The key ID is ``SHA-256(name || 0x0A || type || public key)[:4]``. A verifier key is
written ``<name>+<key ID hex>+base64(type || public key)``; a signer key, as in Go's
``note`` package, ``PRIVATE+KEY+<name>+<key ID hex>+base64(type || seed)``.

Opening a note ignores signatures from unknown keys, refuses the whole note when a
known key's signature is wrong, and requires at least one known valid signature.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ratusha_core.signing.keys import SigningKey, verify_ed25519

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
ALGORITHMS = (ED25519, COSIGNATURE_V1)
MAX_SIGNATURES = 100  # the spec asks to accept at least 16
MAX_NOTE_BYTES = 1_000_000
_DASH = "\u2014 "
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")  # ASCII controls other than newline


class NoteError(ValueError):
    """A note that cannot be trusted."""


class MalformedNoteError(NoteError):
    """A note, key or signature line that breaks the signed-note format."""


class InvalidSignatureError(NoteError):
    """A note carrying a wrong signature from a known key."""


class UnverifiedNoteError(NoteError):
    """A note with no valid signature from any known key."""


def _b64decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise MalformedNoteError(f"{what} is not standard base64") from None


def is_valid_key_name(name: str) -> bool:
    """Tell whether ``name`` can name a note key: non-empty, no spaces and no ``+``."""
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


def key_id(name: str, algorithm: int, public_key: bytes) -> bytes:
    """Give the 4-byte key ID: SHA-256(name || 0x0A || algorithm || public key)[:4]."""
    material = name.encode() + b"\n" + bytes([algorithm]) + public_key
    return hashlib.sha256(material).digest()[:4]


def cosigned_message(text: str, timestamp: int) -> bytes:
    """Give the bytes a tlog-cosignature/v1 signs for a note text at ``timestamp``."""
    return f"cosignature/v1\ntime {timestamp}\n{text}".encode()


@dataclass(frozen=True)
class VerifierKey:
    """A public note key: who signs (``name``), how (``algorithm``) and with what key."""

    name: str
    algorithm: int
    public_key: bytes

    def __post_init__(self) -> None:
        if not is_valid_key_name(self.name):
            raise MalformedNoteError(f"invalid key name {self.name!r}")
        if self.algorithm not in ALGORITHMS:
            raise MalformedNoteError(f"unsupported signature type {self.algorithm:#04x}")
        if len(self.public_key) != 32:
            raise MalformedNoteError("an Ed25519 public key has 32 bytes")

    @property
    def key_id(self) -> bytes:
        """Give the 4-byte key ID that signature lines carry."""
        return key_id(self.name, self.algorithm, self.public_key)

    def to_text(self) -> str:
        """Give the verifier key string ``name+keyid+base64(type||key)``."""
        material = base64.b64encode(bytes([self.algorithm]) + self.public_key).decode()
        return f"{self.name}+{self.key_id.hex()}+{material}"

    def verify(self, text: str, signature: bytes) -> int | None:
        """Check a signature (key ID removed) over ``text``; give its timestamp, if any.

        Raises :class:`InvalidSignatureError` when the signature does not verify.
        """
        if self.algorithm == COSIGNATURE_V1:
            if len(signature) != 8 + 64:
                raise InvalidSignatureError(f"cosignature by {self.name} has a wrong length")
            timestamp = int.from_bytes(signature[:8], "big")
            if timestamp >= 1 << 63 or not verify_ed25519(
                self.public_key, cosigned_message(text, timestamp), signature[8:]
            ):
                raise InvalidSignatureError(f"invalid cosignature by {self.name}")
            return timestamp
        if not verify_ed25519(self.public_key, text.encode(), signature):
            raise InvalidSignatureError(f"invalid signature by {self.name}")
        return None


def parse_verifier_key(text: str) -> VerifierKey:
    """Give the key written as ``name+keyid+base64(type||key)``, checking its key ID."""
    parts = text.strip().split("+", 2)  # base64 may itself contain "+"
    if len(parts) != 3 or len(parts[1]) != 8:
        raise MalformedNoteError("a verifier key is name+keyid+base64(type||key)")
    name, id_hex, material_b64 = parts
    material = _b64decode(material_b64, "verifier key")
    if not material:
        raise MalformedNoteError("verifier key has no key material")
    key = VerifierKey(name, material[0], material[1:])
    if key.key_id.hex() != id_hex.lower():
        raise MalformedNoteError(f"key ID {id_hex} does not match the key for {name}")
    return key


@dataclass(frozen=True)
class NoteSigner:
    """A private note key: a name, a signature type and an Ed25519 seed."""

    name: str
    key: SigningKey = field(repr=False)
    algorithm: int = ED25519

    @property
    def verifier_key(self) -> VerifierKey:
        """Give the matching public key."""
        return VerifierKey(self.name, self.algorithm, self.key.public_key)

    def to_text(self) -> str:
        """Give the secret signer key string ``PRIVATE+KEY+name+keyid+base64(type||seed)``."""
        material = base64.b64encode(bytes([self.algorithm]) + self.key.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier_key.key_id.hex()}+{material}"

    def signature_line(self, text: str, timestamp: int | None = None) -> str:
        """Give the ``— name base64(keyid||signature)`` line signing note ``text``."""
        _check_text(text)
        if self.algorithm == COSIGNATURE_V1:
            if timestamp is None or not 0 <= timestamp < 1 << 63:
                raise ValueError("a cosignature needs a timestamp in [0, 2**63)")
            raw = timestamp.to_bytes(8, "big") + self.key.sign(cosigned_message(text, timestamp))
        else:
            raw = self.key.sign(text.encode())
        encoded = base64.b64encode(self.verifier_key.key_id + raw).decode()
        return f"{_DASH}{self.name} {encoded}\n"


def parse_signer_key(text: str) -> NoteSigner:
    """Give the signer written as ``PRIVATE+KEY+name+keyid+base64(type||seed)``."""
    parts = text.strip().split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        raise MalformedNoteError("a signer key is PRIVATE+KEY+name+keyid+base64(type||seed)")
    material = _b64decode(parts[4], "signer key")
    if len(material) != 33 or material[0] not in ALGORITHMS:
        raise MalformedNoteError("signer key material is not a type byte and a 32-byte seed")
    if not is_valid_key_name(parts[2]):
        raise MalformedNoteError(f"invalid key name {parts[2]!r}")
    signer = NoteSigner(parts[2], SigningKey(material[1:]), material[0])
    if signer.verifier_key.key_id.hex() != parts[3].lower():
        raise MalformedNoteError("signer key ID does not match its key")
    return signer


@dataclass(frozen=True)
class NoteSignature:
    """One signature line as written: the key name, key ID and signature bytes."""

    name: str
    key_id: bytes
    signature: bytes

    def to_line(self) -> str:
        """Give the line back in note form."""
        encoded = base64.b64encode(self.key_id + self.signature).decode()
        return f"{_DASH}{self.name} {encoded}\n"


@dataclass(frozen=True)
class VerifiedSignature:
    """A signature that verified, with the key and (for cosignatures) the timestamp."""

    key: VerifierKey
    timestamp: int | None


@dataclass(frozen=True)
class OpenedNote:
    """A note whose text is vouched for by at least one known key."""

    text: str
    verified: tuple[VerifiedSignature, ...]
    unknown: tuple[NoteSignature, ...]

    def signed_by(self, key: VerifierKey) -> bool:
        """Tell whether ``key`` made one of the verified signatures."""
        return any(signature.key == key for signature in self.verified)


def _check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise MalformedNoteError("note text must end with a newline")
    if _CONTROL.search(text):
        raise MalformedNoteError("note text holds a control character")


def parse_note(note: str | bytes) -> tuple[str, tuple[NoteSignature, ...]]:
    """Give a note's text and signature lines, without checking any signature."""
    if isinstance(note, bytes):
        if len(note) > MAX_NOTE_BYTES:
            raise MalformedNoteError("note is too large")
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedNoteError("note is not valid UTF-8") from None
    if len(note) > MAX_NOTE_BYTES:
        raise MalformedNoteError("note is too large")
    split = note.rfind("\n\n")
    if split < 0:
        raise MalformedNoteError("note has no blank line before its signatures")
    text, block = note[: split + 1], note[split + 2 :]
    _check_text(text)
    if not block.endswith("\n") or _CONTROL.search(block):
        raise MalformedNoteError("signature lines must end with a newline")
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise MalformedNoteError(f"note has more than {MAX_SIGNATURES} signatures")
    return text, tuple(_parse_signature_line(line) for line in lines)


def _parse_signature_line(line: str) -> NoteSignature:
    if not line.startswith(_DASH):
        raise MalformedNoteError("a signature line starts with an em dash and a space")
    fields = line[len(_DASH) :].split(" ")
    if len(fields) != 2 or not is_valid_key_name(fields[0]):
        raise MalformedNoteError("a signature line is '— <name> <base64 signature>'")
    raw = _b64decode(fields[1], "signature")
    if len(raw) < 5:
        raise MalformedNoteError("a signature holds a 4-byte key ID and a signature")
    return NoteSignature(fields[0], raw[:4], raw[4:])


def open_note(note: str | bytes, known_keys: Sequence[VerifierKey]) -> OpenedNote:
    """Give the note's text once at least one known key's signature verifies.

    Unknown signers are kept aside in ``unknown``; a repeated signature by one key is
    counted once. Raises :class:`MalformedNoteError`, :class:`InvalidSignatureError`
    (a known key signed wrongly) or :class:`UnverifiedNoteError` (no known signer).
    """
    text, signatures = parse_note(note)
    by_identity = {(key.name, key.key_id): key for key in known_keys}
    verified: list[VerifiedSignature] = []
    unknown: list[NoteSignature] = []
    seen: set[tuple[str, bytes]] = set()
    for signature in signatures:
        identity = (signature.name, signature.key_id)
        key = by_identity.get(identity)
        if key is None:
            if signature not in unknown:
                unknown.append(signature)
            continue
        if identity in seen:
            continue
        seen.add(identity)
        verified.append(VerifiedSignature(key, key.verify(text, signature.signature)))
    if not verified:
        raise UnverifiedNoteError("no signature from a known key")
    return OpenedNote(text, tuple(verified), tuple(unknown))


def sign_note(text: str, signers: Sequence[NoteSigner], timestamp: int | None = None) -> str:
    """Give the signed note: ``text``, a blank line and one line per signer.

    ``timestamp`` (seconds since the epoch) is needed only by cosignature signers.
    """
    if not signers:
        raise ValueError("a signed note needs at least one signer")
    return text + "\n" + "".join(s.signature_line(text, timestamp) for s in signers)


def add_signature_lines(note: str, lines: Sequence[str]) -> str:
    """Give ``note`` with more signature lines (e.g. collected cosignatures) appended.

    Lines already present are not repeated.
    """
    parse_note(note)
    present = set(note.split("\n"))
    wanted = dict.fromkeys(line.rstrip("\n") for line in lines)
    extra = [line for line in wanted if line not in present]
    for line in extra:
        _parse_signature_line(line)
    result = note + "".join(line + "\n" for line in extra)
    parse_note(result)
    return result
