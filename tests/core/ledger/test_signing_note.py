"""C2SP signed notes: the published Ed25519 example, keys, cosignatures, bad notes."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from ratusha_core.signing.canonical import canonical_json, canonical_sha256
from ratusha_core.signing.keys import SigningKey, verify_ed25519
from ratusha_core.signing.note import (
    COSIGNATURE_V1,
    ED25519,
    InvalidSignatureError,
    MalformedNoteError,
    NoteSigner,
    UnverifiedNoteError,
    VerifierKey,
    add_signature_lines,
    key_id,
    open_note,
    parse_note,
    parse_signer_key,
    parse_verifier_key,
    sign_note,
)

LOG = NoteSigner("ratusha.example/minsk", SigningKey(bytes(range(32))))
OTHER = NoteSigner("ratusha.example/grodno", SigningKey(bytes(range(1, 33))))
WITNESS = NoteSigner("witness.example/w1", SigningKey(bytes(range(2, 34))), COSIGNATURE_V1)
TEXT = "ratusha.example/minsk\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"


def _example(shared_data: Path) -> tuple[str, str]:
    page = (shared_data / "c2sp-signed-note" / "signed-note-example.md").read_text()
    vkey = re.search(r"^    (\S+\+[0-9a-f]{8}\+\S+)$", page, re.MULTILINE)
    note = re.search(r"```\n(.*?\n)```", page, re.DOTALL)
    assert vkey and note, "the example page changed shape"
    return vkey.group(1), note.group(1)


def test_c2sp_example_verifies_byte_for_byte(shared_data: Path) -> None:
    vkey_text, note = _example(shared_data)
    key = parse_verifier_key(vkey_text)
    assert key.name == "example.com/foo" and key.algorithm == ED25519
    assert key.to_text() == vkey_text
    opened = open_note(note.encode("utf-8"), [key])
    assert opened.text == "This is an example message.\n"
    assert opened.signed_by(key) and opened.unknown == ()
    # Our own parse and re-encoding give the very same bytes back.
    text, signatures = parse_note(note)
    assert text + "\n" + "".join(s.to_line() for s in signatures) == note


def test_c2sp_example_fails_when_any_byte_changes(shared_data: Path) -> None:
    vkey_text, note = _example(shared_data)
    key = parse_verifier_key(vkey_text)
    with pytest.raises(InvalidSignatureError):
        open_note(note.replace("example message", "example massage"), [key])
    text, (signature,) = parse_note(note)
    changed = bytearray(signature.signature)
    changed[10] ^= 1
    line = signature.to_line().replace(
        base64.b64encode(signature.key_id + signature.signature).decode(),
        base64.b64encode(signature.key_id + bytes(changed)).decode(),
    )
    with pytest.raises(InvalidSignatureError):
        open_note(text + "\n" + line, [key])


def test_key_id_is_sha256_of_name_newline_type_and_key(shared_data: Path) -> None:
    vkey_text, _ = _example(shared_data)
    key = parse_verifier_key(vkey_text)
    assert key_id(key.name, ED25519, key.public_key).hex() == "530d903a"


def test_verifier_key_refuses_wrong_key_id_and_bad_names() -> None:
    text = LOG.verifier_key.to_text()
    name, _, material = text.split("+", 2)
    with pytest.raises(MalformedNoteError):
        parse_verifier_key(f"{name}+00000000+{material}")
    with pytest.raises(MalformedNoteError):
        VerifierKey("has space", ED25519, bytes(32))
    with pytest.raises(MalformedNoteError):
        VerifierKey("a+b", ED25519, bytes(32))
    assert parse_verifier_key(text) == LOG.verifier_key


def test_signer_key_round_trip_and_hidden_seed() -> None:
    assert parse_signer_key(LOG.to_text()) == LOG
    # Keys whose base64 holds "+" still parse (the split must stop at the key ID).
    signers = [NoteSigner("k", SigningKey(bytes([n]) * 32)) for n in range(64)]
    private = next(s for s in signers if "+" in s.to_text().split("+", 4)[4])
    public = next(s for s in signers if "+" in s.verifier_key.to_text().split("+", 2)[2])
    assert parse_signer_key(private.to_text()) == private
    assert parse_verifier_key(public.verifier_key.to_text()) == public.verifier_key
    assert parse_signer_key(WITNESS.to_text()).algorithm == COSIGNATURE_V1
    assert bytes(range(32)).hex() not in repr(LOG)


def test_multiple_signatures_and_unknown_signers() -> None:
    note = sign_note(TEXT, [LOG, OTHER])
    opened = open_note(note, [LOG.verifier_key])
    assert opened.text == TEXT
    assert [s.key for s in opened.verified] == [LOG.verifier_key]
    assert [s.name for s in opened.unknown] == [OTHER.name]
    both = open_note(note, [LOG.verifier_key, OTHER.verifier_key])
    assert len(both.verified) == 2


def test_unknown_signers_only_is_refused() -> None:
    note = sign_note(TEXT, [OTHER])
    with pytest.raises(UnverifiedNoteError):
        open_note(note, [LOG.verifier_key])


def test_same_name_other_key_is_treated_as_unknown() -> None:
    impostor = NoteSigner(LOG.name, SigningKey(bytes(32)))
    with pytest.raises(UnverifiedNoteError):
        open_note(sign_note(TEXT, [impostor]), [LOG.verifier_key])


def test_one_bad_known_signature_refuses_the_whole_note() -> None:
    good = sign_note(TEXT, [LOG])
    bad_line = OTHER.signature_line("other text\n").replace(OTHER.name, OTHER.name)
    note = add_signature_lines(good, [bad_line])
    with pytest.raises(InvalidSignatureError):
        open_note(note, [LOG.verifier_key, OTHER.verifier_key])


@pytest.mark.parametrize(
    "note",
    [
        "",
        "no signatures\n",
        TEXT + "\n",  # blank line but no signature
        TEXT + "\n— ratusha.example/minsk AAAA\n",  # too short
        TEXT + "\n— ratusha.example/minsk not*base64\n",
        TEXT + "\n- ratusha.example/minsk AAAAAAAAAAAA\n",  # hyphen, not em dash
        TEXT + "\n— two words AAAAAAAAAAAA\n",
        "text\twith tab\n\n" + LOG.signature_line(TEXT),
        sign_note(TEXT, [LOG])[:-1],  # no final newline
    ],
)
def test_malformed_notes_are_refused(note: str) -> None:
    with pytest.raises(MalformedNoteError):
        open_note(note, [LOG.verifier_key])


def test_invalid_utf8_is_refused() -> None:
    with pytest.raises(MalformedNoteError):
        open_note(b"\xff\xfe\n\n" + LOG.signature_line(TEXT).encode(), [LOG.verifier_key])


def test_too_many_signatures_are_refused() -> None:
    line = OTHER.signature_line(TEXT)
    note = sign_note(TEXT, [LOG]) + "".join(
        line.replace(OTHER.name, f"{OTHER.name}{n}") for n in range(100)
    )
    with pytest.raises(MalformedNoteError):
        open_note(note, [LOG.verifier_key])


def test_cosignature_carries_a_timestamp_and_binds_it() -> None:
    note = sign_note(TEXT, [LOG])
    note = add_signature_lines(note, [WITNESS.signature_line(TEXT, 1_700_000_000)])
    opened = open_note(note, [LOG.verifier_key, WITNESS.verifier_key])
    stamps = {s.key.name: s.timestamp for s in opened.verified}
    assert stamps == {LOG.name: None, WITNESS.name: 1_700_000_000}
    # A cosignature is not a plain Ed25519 signature over the text (domain separation).
    _, signatures = parse_note(note)
    raw = signatures[1].signature
    assert not verify_ed25519(WITNESS.key.public_key, TEXT.encode(), raw[8:])
    forged = raw[:7] + bytes([raw[7] ^ 1]) + raw[8:]  # move the timestamp by one second
    line = signatures[1].__class__(signatures[1].name, signatures[1].key_id, forged).to_line()
    with pytest.raises(InvalidSignatureError):
        open_note(TEXT + "\n" + line, [WITNESS.verifier_key])
    with pytest.raises(ValueError):
        WITNESS.signature_line(TEXT)  # a cosignature needs a timestamp


def test_add_signature_lines_does_not_repeat() -> None:
    note = sign_note(TEXT, [LOG])
    line = OTHER.signature_line(TEXT)
    once = add_signature_lines(note, [line, line])
    assert add_signature_lines(once, [line]) == once
    assert once.count(OTHER.name) == 1


def test_canonical_json_follows_rfc8785() -> None:
    assert canonical_json({"b": 1, "a": [1.0, "x", None, True]}) == b'{"a":[1,"x",null,true],"b":1}'
    assert canonical_json({"€": "\u00e9", "a": 1e21}) == '{"a":1e+21,"€":"é"}'.encode()
    assert canonical_sha256({"a": 1}) == canonical_sha256({"a": 1.0})
    with pytest.raises(ValueError):
        canonical_json({"n": float("nan")})
