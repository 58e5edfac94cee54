"""``ratusha witness``: an independent witness that polls a log, checks it and cosigns.

    ratusha witness --generate-key example.org/witness      # once: make a key pair
    ratusha witness --log https://town.example/ledger/ZAR/ --log-key KEY \\
        --key witness.key --state zar.json [--interval 60]

Each poll fetches the log's checkpoint, verifies the log's signature, fetches a
consistency proof from the last checkpoint it accepted, and only then cosigns and posts
the cosignature back. A rollback or a split view stops it with exit status 3 and a loud
message on stderr; the offending checkpoint is kept beside the state file as evidence.
It talks to nothing but the given log URL.
"""

from __future__ import annotations

import base64
import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha_core.signing.keys import SigningKey
from ratusha_core.signing.note import (
    COSIGNATURE_V1,
    NoteError,
    NoteSigner,
    parse_signer_key,
    parse_verifier_key,
)
from ratusha_core.witness import (
    WitnessRefusal,
    WitnessState,
    cosign,
    judge,
    needs_proof,
    read_checkpoint,
)

REFUSED = 3


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # never follow the log anywhere else


class LogClient:
    """HTTP to one log's base URL, and nowhere else."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CommandError("--log must be an http(s) URL of a log, e.g. https://x/ledger/A/")
        self.base = base_url if base_url.endswith("/") else base_url + "/"
        self.opener = urllib.request.build_opener(_NoRedirects)

    def get(self, path: str) -> bytes:
        with self.opener.open(self.base + path, timeout=20) as response:
            return bytes(response.read())

    def post_json(self, path: str, data: dict[str, Any]) -> tuple[int, bytes]:
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(data).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, bytes(response.read())
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def make_client(base_url: str) -> LogClient:
    """Give the client for a log (tests replace this with one over Django's test client)."""
    return LogClient(base_url)


def _read_key_text(value: str) -> str:
    path = Path(value)
    return path.read_text(encoding="utf-8").strip() if path.is_file() else value


def _load_state(path: Path) -> WitnessState | None:
    if not path.exists():
        return None
    return WitnessState.from_json(json.loads(path.read_text(encoding="utf-8")))


def _save(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class Command(BaseCommand):
    help = "Run an independent witness of a Ratusha log: check every checkpoint and cosign it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--generate-key", metavar="NAME", help="Print a new witness key.")
        parser.add_argument("--log", help="The log's base URL, e.g. https://town/ledger/ZAR/.")
        parser.add_argument("--log-key", action="append", default=[], help="The log's key.")
        parser.add_argument("--key", help="The witness's private key (a file or the string).")
        parser.add_argument("--state", help="The file that keeps the last accepted checkpoint.")
        parser.add_argument("--interval", type=float, default=0, help="Poll every N seconds.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate_key"]:
            signer = NoteSigner(options["generate_key"], SigningKey(os.urandom(32)), COSIGNATURE_V1)
            self.stdout.write(f"private key (keep it secret): {signer.to_text()}")
            self.stdout.write(f"verifier key (give it to the log): {signer.verifier_key.to_text()}")
            return
        for name in ("log", "key", "state"):
            if not options[name]:
                raise CommandError(f"--{name} is required")
        if not options["log_key"]:
            raise CommandError("--log-key is required (the log's verifier key)")
        try:
            signer = parse_signer_key(_read_key_text(options["key"]))
            log_keys = [parse_verifier_key(_read_key_text(k)) for k in options["log_key"]]
        except NoteError as error:
            raise CommandError(f"bad key: {error}") from None
        client = make_client(options["log"])
        state_path = Path(options["state"])
        while True:
            self.poll(client, log_keys, signer, state_path)
            if not options["interval"]:
                return
            time.sleep(options["interval"])

    def poll(self, client: Any, log_keys: list[Any], signer: NoteSigner, state_path: Path) -> None:
        """Check the log's newest checkpoint once; cosign it or refuse loudly."""
        previous = _load_state(state_path)
        try:
            note = client.get("checkpoint").decode()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot fetch the checkpoint: {error}") from None
        try:
            checkpoint = read_checkpoint(note, log_keys, previous.origin if previous else None)
            proof: list[bytes] = []
            if previous is not None and needs_proof(previous, checkpoint):
                path = f"proof/consistency?first={previous.size}&second={checkpoint.size}"
                try:
                    data = json.loads(client.get(path))
                    proof = [base64.b64decode(h, validate=True) for h in data["hashes"]]
                except (OSError, ValueError, KeyError, TypeError) as error:
                    raise WitnessRefusal(
                        "split_view", f"SPLIT VIEW: no consistency proof from the log: {error}"
                    ) from None
            judge(previous, checkpoint, proof)
        except WitnessRefusal as refusal:
            evidence = state_path.with_name(state_path.name + ".refused.txt")
            _save(evidence, note)
            self.stderr.write(
                f"WITNESS REFUSES TO COSIGN ({refusal.kind}): {refusal.message}\n"
                f"The offending checkpoint is kept in {evidence}."
            )
            raise CommandError(refusal.message, returncode=REFUSED) from None
        line = cosign(note, signer, int(time.time()))
        status, body = client.post_json(
            "cosignatures", {"size": checkpoint.size, "signature": line}
        )
        _save(
            state_path,
            WitnessState(checkpoint.origin, checkpoint.size, checkpoint.root_hash, note).dumps(),
        )
        if status != 200:
            self.stderr.write(f"the log did not take the cosignature ({status}): {body[:200]!r}")
        self.stdout.write(f"cosigned {checkpoint.origin} size {checkpoint.size}")
