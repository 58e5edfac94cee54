"""``ratusha witness`` cosigns a growing log, and refuses a rollback or a split view loudly."""

from __future__ import annotations

import json
import os
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from ratusha.ledger import keys
from ratusha.ledger.actions import append, integrate, log_for_body, register_witness
from ratusha.ledger.management.commands import witness as witness_command
from ratusha.ledger.models import Cosignature
from ratusha_core.ledger.checkpoint import Checkpoint, open_checkpoint, sign_checkpoint
from ratusha_core.signing.keys import SigningKey
from ratusha_core.signing.note import COSIGNATURE_V1, NoteSigner
from ratusha_core.witness import WitnessRefusal, WitnessState, judge

pytestmark = pytest.mark.django_db


class ThroughTestClient:
    """The witness's HTTP, answered by Django's test client (and optionally a forger)."""

    def __init__(self, client: Client, base: str) -> None:
        self.client, self.base = client, base
        self.forged_checkpoint: str | None = None

    def get(self, path: str) -> bytes:
        if path == "checkpoint" and self.forged_checkpoint is not None:
            return self.forged_checkpoint.encode()
        response = self.client.get(self.base + path)
        if response.status_code != 200:
            raise OSError(f"{response.status_code} for {path}")
        return response.content

    def post_json(self, path: str, data: dict[str, Any]) -> tuple[int, bytes]:
        response = self.client.post(
            self.base + path, data=json.dumps(data), content_type="application/json"
        )
        return response.status_code, response.content


@pytest.fixture
def setup(world: Any, client: Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    log = log_for_body(world.bodies["A"])
    for n in range(5):
        append(log, "test.event", {"n": n})
    integrate(log)
    signer = NoteSigner("witness.example.org", SigningKey(os.urandom(32)), COSIGNATURE_V1)
    register_witness(signer.verifier_key.to_text(), "A newspaper")
    http = ThroughTestClient(client, "/ledger/A/")
    monkeypatch.setattr(witness_command, "make_client", lambda url: http)
    key_file = tmp_path / "witness.key"
    key_file.write_text(signer.to_text())
    args = [
        "--log",
        "http://127.0.0.1:8000/ledger/A/",
        "--log-key",
        keys.log_verifier_keys(log)[0].to_text(),
        "--key",
        str(key_file),
        "--state",
        str(tmp_path / "state.json"),
    ]
    return log, signer, http, args, tmp_path


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("witness", *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def test_the_witness_cosigns_and_the_log_publishes_it(setup: Any, client: Client) -> None:
    log, signer, _http, args, tmp_path = setup
    code, out, err = _run(args)
    assert code == 0, err
    assert "cosigned ratusha.test/ledger/A size 5" in out
    assert Cosignature.objects.filter(checkpoint__log=log, checkpoint__size=5).count() == 1
    note = client.get("/ledger/A/checkpoint").content
    signed = open_checkpoint(
        note,
        keys.log_verifier_keys(log),
        witness_keys=[signer.verifier_key],
        required_cosignatures=1,
    )
    assert signed.cosignatures[0].timestamp is not None
    for n in range(4):
        append(log, "test.event", {"n": 10 + n})
    integrate(log)
    code, out, _err = _run(args)
    assert code == 0 and "size 9" in out  # checked the consistency proof 5 -> 9
    state = WitnessState.from_json(json.loads((tmp_path / "state.json").read_text()))
    assert state.size == 9


def test_the_witness_refuses_a_forged_rollback(setup: Any) -> None:
    log, _signer, http, args, tmp_path = setup
    assert _run(args)[0] == 0  # saw size 5
    for n in range(3):
        append(log, "test.event", {"n": 10 + n})
    integrate(log)
    assert _run(args)[0] == 0  # saw size 8
    # The log (or whoever holds its key) now serves its older, smaller head.
    log_signer = keys.signer_of(keys.log_key(log))
    older = log.checkpoints.get(size=5)
    http.forged_checkpoint = sign_checkpoint(
        Checkpoint(log.origin, 5, bytes(older.root)), [log_signer]
    )
    code, _out, err = _run(args)
    assert code == witness_command.REFUSED
    assert "WITNESS REFUSES TO COSIGN (rollback)" in err and "ROLLBACK" in err
    assert (tmp_path / "state.json.refused.txt").read_text() == http.forged_checkpoint
    assert WitnessState.from_json(json.loads((tmp_path / "state.json").read_text())).size == 8


def test_the_witness_refuses_a_split_view(setup: Any) -> None:
    log, _signer, http, args, _tmp_path = setup
    assert _run(args)[0] == 0
    log_signer = keys.signer_of(keys.log_key(log))
    # Same size, another history.
    http.forged_checkpoint = sign_checkpoint(Checkpoint(log.origin, 5, b"\x01" * 32), [log_signer])
    code, _out, err = _run(args)
    assert code == witness_command.REFUSED and "SPLIT VIEW" in err
    # A bigger tree that does not extend the old one: the consistency proof fails.
    for n in range(3):
        append(log, "test.event", {"n": 10 + n})
    integrate(log)
    http.forged_checkpoint = sign_checkpoint(Checkpoint(log.origin, 8, b"\x02" * 32), [log_signer])
    code, _out, err = _run(args)
    assert code == witness_command.REFUSED and "does not extend" in err


def test_a_checkpoint_not_signed_by_the_log_is_refused(setup: Any) -> None:
    log, _signer, http, args, _tmp_path = setup
    stranger = NoteSigner(log.origin, SigningKey(os.urandom(32)))
    http.forged_checkpoint = sign_checkpoint(Checkpoint(log.origin, 5, b"\x03" * 32), [stranger])
    code, _out, err = _run(args)
    assert code == witness_command.REFUSED and "bad_checkpoint" in err


def test_cosignatures_from_unknown_witnesses_are_refused(setup: Any, client: Client) -> None:
    log, _signer, _http, _args, _tmp_path = setup
    intruder = NoteSigner("intruder.example", SigningKey(os.urandom(32)), COSIGNATURE_V1)
    from ratusha.ledger.access import latest_checkpoint

    latest = latest_checkpoint(log)
    assert latest is not None
    from ratusha_core.witness import cosign

    line = cosign(latest.note, intruder, 1_700_000_000)
    response = client.post(
        "/ledger/A/cosignatures",
        data=json.dumps({"size": latest.size, "signature": line}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_judge_accepts_growth_and_first_sight() -> None:
    first = Checkpoint("o", 3, b"\x00" * 32)
    judge(None, first)
    state = WitnessState("o", 3, b"\x00" * 32, "")
    judge(state, first)  # the same head again is fine
    with pytest.raises(WitnessRefusal) as refused:
        judge(state, Checkpoint("o", 2, b"\x00" * 32))
    assert refused.value.kind == "rollback"
    with pytest.raises(WitnessRefusal) as refused:
        judge(state, Checkpoint("other", 4, b"\x00" * 32))
    assert refused.value.kind == "bad_checkpoint"
