"""The offline verifier behind the ``ratusha-verify`` command. It needs only ``ratusha_core``.

Commands (exit status 0 = valid, 1 = invalid with the reason on stderr, 2 = usage)::

    ratusha-verify receipt RECEIPT.json [--key VERIFIERKEY ...] [--origin ORIGIN]
    ratusha-verify checkpoint NOTE --key VERIFIERKEY [--witness-key KEY ...] [--cosignatures N]
    ratusha-verify consistency OLD NEW --proof PROOF.json [--key VERIFIERKEY ...]
    ratusha-verify audit ENTRIES.json CHECKPOINT [--key VERIFIERKEY ...] [--proof PROOF.json]

A ``--key`` is a verifier key string (``name+keyid+base64``) or a file holding such
keys, one a line. The JSON files are what the log's public API serves.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ratusha_core.ledger.checkpoint import Checkpoint, CheckpointError, open_checkpoint
from ratusha_core.ledger.checkpoint import parse_checkpoint as parse_checkpoint_body
from ratusha_core.ledger.commitment import appeal_commitment
from ratusha_core.ledger.merkle import ProofError, verify_consistency
from ratusha_core.ledger.receipt import (
    ReceiptError,
    audit_entries,
    receipt_from_json,
    verify_log_growth,
    verify_receipt,
)
from ratusha_core.ledger.tree import MemoryTree, tree_root
from ratusha_core.signing.canonical import canonical_json
from ratusha_core.signing.note import NoteError, VerifierKey, parse_note, parse_verifier_key

__all__ = ["appeal_commitment", "main"]  # appeal_commitment moved to ratusha_core.ledger

USAGE = """\
usage: ratusha-verify COMMAND [ARGS]

Verify Ratusha's public ledger offline, with nothing but ratusha_core installed.

commands:
  receipt FILE [--key KEY...]        verify an appeal receipt (entry, inclusion proof, checkpoint)
  checkpoint FILE --key KEY          verify a signed checkpoint against known keys
  consistency OLD NEW --proof FILE   verify that checkpoint NEW extends checkpoint OLD
  audit ENTRIES CHECKPOINT           audit a downloaded range of entries against a checkpoint

Exit status: 0 valid, 1 invalid (the reason is printed), 2 usage error.
"""


class Invalid(Exception):
    """The evidence does not hold; the message says why."""


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Invalid(f"cannot read {path}: {error}") from None


def _read_json(path: str) -> Any:
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise Invalid(f"{path} is not JSON: {error}") from None


def _keys(values: Sequence[str]) -> list[VerifierKey]:
    """Give the verifier keys named on the command line (strings or files of them)."""
    keys: list[VerifierKey] = []
    for value in values:
        path = Path(value)
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else [value]
        for line in lines:
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    keys.append(parse_verifier_key(line))
                except NoteError as error:
                    raise Invalid(f"bad key {line.strip()!r}: {error}") from None
    return keys


def _proof_hashes(data: Any) -> list[bytes]:
    hashes = data.get("hashes", data.get("proof")) if isinstance(data, dict) else data
    if not isinstance(hashes, list):
        raise Invalid("the proof file holds no list of hashes")
    try:
        return [base64.b64decode(h, validate=True) for h in hashes]
    except (binascii.Error, TypeError):
        raise Invalid("a proof hash is not base64") from None


def _checkpoint(note: str, keys: Sequence[VerifierKey], what: str) -> Checkpoint:
    try:
        if keys:
            return open_checkpoint(note, keys).checkpoint
        text, _signatures = parse_note(note)
        print(f"warning: {what}: no --key given, its signature is NOT checked", file=sys.stderr)
        return parse_checkpoint_body(text)
    except (NoteError, CheckpointError) as error:
        raise Invalid(f"{what}: {error}") from None


def check_receipt(args: argparse.Namespace) -> str:
    """Verify a receipt file; give the summary line."""
    data = _read_json(args.file)
    if not isinstance(data, dict):
        raise Invalid("a receipt is a JSON object")
    keys = _keys(args.key)
    if not keys:
        keys = _keys(data.get("log_keys", []))
        print(
            "warning: checked against the keys inside the receipt; compare them with the "
            "keys the body publishes, or pass --key",
            file=sys.stderr,
        )
    try:
        receipt = receipt_from_json(data)
        verified = verify_receipt(receipt, keys, origin=args.origin)
    except (ReceiptError, ProofError, NoteError, CheckpointError) as error:
        raise Invalid(f"receipt: {error}") from None
    try:
        leaf = json.loads(receipt.leaf_input)
    except ValueError:
        raise Invalid("the receipt's entry is not JSON") from None
    if canonical_json(leaf) != receipt.leaf_input:
        raise Invalid("the receipt's entry is not RFC 8785 canonical JSON")
    opening = data.get("opening")
    if opening is not None:
        try:
            salt = base64.b64decode(data["salt"], validate=True)
            expected = appeal_commitment(
                salt, opening["text"], opening["applicant_name"], opening["applicant_email"]
            ).hex()
        except (KeyError, TypeError, binascii.Error):
            raise Invalid("the receipt's opening of the commitment is incomplete") from None
        if expected != leaf.get("commitment"):
            raise Invalid("the text and applicant do not match the entry's commitment")
    checkpoint = verified.signed.checkpoint
    what = f"{leaf.get('type', 'entry')} {leaf.get('appeal', '')}".strip()
    extra = " (text and applicant match the commitment)" if opening is not None else ""
    return (
        f"valid: {what} is entry {receipt.leaf_index} of {checkpoint.origin}, "
        f"in the signed checkpoint of size {checkpoint.size}{extra}"
    )


def check_checkpoint(args: argparse.Namespace) -> str:
    """Verify a checkpoint note against known log (and witness) keys."""
    try:
        signed = open_checkpoint(
            _read_text(args.file),
            _keys(args.key),
            witness_keys=_keys(args.witness_key),
            required_cosignatures=args.cosignatures,
        )
    except (NoteError, CheckpointError) as error:
        raise Invalid(f"checkpoint: {error}") from None
    cp = signed.checkpoint
    return (
        f"valid: {cp.origin} size {cp.size} root {cp.root_hash.hex()}, "
        f"{len(signed.cosignatures)} witness cosignature(s)"
    )


def check_consistency(args: argparse.Namespace) -> str:
    """Verify that the NEW checkpoint extends the OLD one."""
    keys = _keys(args.key)
    old = _checkpoint(_read_text(args.old), keys, "old checkpoint")
    new = _checkpoint(_read_text(args.new), keys, "new checkpoint")
    proof = _proof_hashes(_read_json(args.proof))
    try:
        verify_log_growth(old, new, proof)
    except (ProofError, CheckpointError) as error:
        raise Invalid(f"the new checkpoint does not extend the old one: {error}") from None
    return f"valid: {new.origin} size {new.size} extends size {old.size}"


def _leaf_inputs(data: Any) -> tuple[int, list[bytes]]:
    rows = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not rows:
        raise Invalid("the entries file holds no entries")
    try:
        start = int(rows[0]["index"])
        inputs = []
        for offset, row in enumerate(rows):
            if int(row["index"]) != start + offset:
                raise Invalid(f"entry {start + offset} is missing from the entries file")
            inputs.append(base64.b64decode(row["leaf_input"], validate=True))
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise Invalid("an entry has no index or no base64 leaf_input") from None
    return start, inputs


def check_audit(args: argparse.Namespace) -> str:
    """Recompute the tree from downloaded entries and compare it with a checkpoint."""
    checkpoint = _checkpoint(_read_text(args.checkpoint), _keys(args.key), "checkpoint")
    start, inputs = _leaf_inputs(_read_json(args.entries))
    if start != 0:
        raise Invalid("an audit needs the entries from entry 0 (download them from start=0)")
    if len(inputs) > checkpoint.size:
        inputs = inputs[: checkpoint.size]
    try:
        if len(inputs) == checkpoint.size:
            audit_entries(inputs, checkpoint)
        else:
            if args.proof is None:
                raise Invalid(
                    f"{len(inputs)} entries for a checkpoint of size {checkpoint.size}: "
                    "pass --proof with the consistency proof between the two sizes"
                )
            tree = MemoryTree.from_leaf_inputs(inputs)
            verify_consistency(
                size1=tree.size,
                size2=checkpoint.size,
                root1=tree_root(tree, tree.size),
                root2=checkpoint.root_hash,
                proof=_proof_hashes(_read_json(args.proof)),
            )
    except (ProofError, ReceiptError) as error:
        raise Invalid(f"the entries do not match the checkpoint: {error}") from None
    return f"valid: {len(inputs)} entries from 0 match {checkpoint.origin} size {checkpoint.size}"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own exits with status 2 too
        print(USAGE, file=sys.stderr)
        print(f"ratusha-verify: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ratusha-verify", add_help=False)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    receipt = commands.add_parser("receipt")
    receipt.add_argument("file")
    receipt.add_argument("--key", action="append", default=[])
    receipt.add_argument("--origin")
    receipt.set_defaults(run=check_receipt)
    checkpoint = commands.add_parser("checkpoint")
    checkpoint.add_argument("file")
    checkpoint.add_argument("--key", action="append", required=True)
    checkpoint.add_argument("--witness-key", action="append", default=[])
    checkpoint.add_argument("--cosignatures", type=int, default=0)
    checkpoint.set_defaults(run=check_checkpoint)
    consistency = commands.add_parser("consistency")
    consistency.add_argument("old")
    consistency.add_argument("new")
    consistency.add_argument("--proof", required=True)
    consistency.add_argument("--key", action="append", default=[])
    consistency.set_defaults(run=check_consistency)
    audit = commands.add_parser("audit")
    audit.add_argument("entries")
    audit.add_argument("checkpoint")
    audit.add_argument("--key", action="append", default=[])
    audit.add_argument("--proof")
    audit.set_defaults(run=check_audit)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one verification; give 0 when valid, 1 when invalid, 2 on a usage error."""
    args = sys.argv[1:] if argv is None else argv
    if args in ([], ["-h"], ["--help"]):
        print(USAGE, file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    try:
        parsed = _parser().parse_args(args)
    except SystemExit as exit_:
        return int(exit_.code or 0) if isinstance(exit_.code, int) else 2
    try:
        print(parsed.run(parsed))
    except Invalid as error:
        print(f"INVALID: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
