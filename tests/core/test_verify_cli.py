"""``ratusha-verify``: receipts, checkpoints, consistency and audits, with only ratusha_core."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ratusha_core.ledger.checkpoint import Checkpoint, sign_checkpoint
from ratusha_core.ledger.receipt import Receipt
from ratusha_core.ledger.tree import MemoryTree, consistency_proof, inclusion_proof, tree_root
from ratusha_core.signing.canonical import canonical_json
from ratusha_core.signing.keys import SigningKey
from ratusha_core.signing.note import NoteSigner
from ratusha_core.verify import appeal_commitment, main

SRC = Path(__file__).resolve().parents[2] / "src"
ORIGIN = "ratusha.test/ledger/A"
SIGNER = NoteSigner(ORIGIN, SigningKey(bytes(range(32))))
KEY = SIGNER.verifier_key.to_text()
SALT = b"\x07" * 32


def _leaves(count: int) -> list[bytes]:
    leaves = []
    for n in range(count):
        commitment = appeal_commitment(SALT, f"text {n}", "Ганна", "h@example.org").hex()
        leaves.append(
            canonical_json(
                {"type": "appeal.registered", "appeal": f"A-{n}", "commitment": commitment}
            )
        )
    return leaves


def _note(tree: MemoryTree, size: int) -> str:
    return sign_checkpoint(Checkpoint(ORIGIN, size, tree_root(tree, size)), [SIGNER])


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    leaves = _leaves(11)
    tree = MemoryTree.from_leaf_inputs(leaves)
    receipt = Receipt(leaves[4], 4, 7, inclusion_proof(tree, 4, 7).hashes, _note(tree, 7))
    data = receipt.to_json()
    data["salt"] = base64.b64encode(SALT).decode()
    data["opening"] = {
        "text": "text 4",
        "applicant_name": "Ганна",
        "applicant_email": "h@example.org",
    }
    paths = {
        "receipt": tmp_path / "receipt.json",
        "old": tmp_path / "old.txt",
        "new": tmp_path / "new.txt",
        "proof": tmp_path / "proof.json",
        "entries": tmp_path / "entries.json",
    }
    paths["receipt"].write_text(json.dumps(data))
    paths["old"].write_text(_note(tree, 7))
    paths["new"].write_text(_note(tree, 11))
    hashes = consistency_proof(tree, 7, 11).hashes
    paths["proof"].write_text(
        json.dumps({"hashes": [base64.b64encode(h).decode() for h in hashes]})
    )
    entries = [
        {"index": i, "leaf_input": base64.b64encode(x).decode()} for i, x in enumerate(leaves)
    ]
    paths["entries"].write_text(json.dumps({"entries": entries}))
    return paths


def test_help_prints_usage_and_succeeds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "usage: ratusha-verify" in capsys.readouterr().out


def test_usage_errors_exit_with_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["checkpoint", "x.txt"]) == 2  # --key is required
    assert "usage" in capsys.readouterr().err


def test_a_valid_receipt(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["receipt", str(files["receipt"]), "--key", KEY]) == 0
    out = capsys.readouterr().out
    assert "entry 4 of ratusha.test/ledger/A" in out and "text and applicant match" in out


def test_a_receipt_with_a_wrong_key_or_proof_or_opening_fails(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    other = NoteSigner(ORIGIN, SigningKey(b"\x01" * 32)).verifier_key.to_text()
    assert main(["receipt", str(files["receipt"]), "--key", other]) == 1
    assert "no signature from a known key" in capsys.readouterr().err
    data = json.loads(files["receipt"].read_text())
    data["opening"]["text"] = "another text"
    files["receipt"].write_text(json.dumps(data))
    assert main(["receipt", str(files["receipt"]), "--key", KEY]) == 1
    assert "do not match the entry's commitment" in capsys.readouterr().err
    del data["opening"]
    proof = data["inclusion_proof"]
    proof[0] = base64.b64encode(bytes(32)).decode()
    files["receipt"].write_text(json.dumps(data))
    assert main(["receipt", str(files["receipt"]), "--key", KEY]) == 1
    assert "INVALID: receipt: computed root" in capsys.readouterr().err


def test_checkpoint_and_consistency(files: dict[str, Path], capsys: pytest.CaptureFixture[str]):
    key_file = files["old"].with_name("keys.txt")
    key_file.write_text(f"# the log's key\n{KEY}\n")
    assert main(["checkpoint", str(files["new"]), "--key", str(key_file)]) == 0
    assert "size 11" in capsys.readouterr().out
    args = ["consistency", str(files["old"]), str(files["new"]), "--proof", str(files["proof"])]
    assert main([*args, "--key", KEY]) == 0
    assert "size 11 extends size 7" in capsys.readouterr().out
    # Swapping the checkpoints (a rollback) fails.
    swapped = ["consistency", str(files["new"]), str(files["old"]), "--proof", str(files["proof"])]
    assert main([*swapped, "--key", KEY]) == 1
    assert "does not extend" in capsys.readouterr().err


def test_audit_of_the_entries_against_a_checkpoint(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(files["entries"]), str(files["new"]), "--key", KEY]) == 0
    # The first 11 entries against the checkpoint of 7 are cut to 7 and still match.
    assert main(["audit", str(files["entries"]), str(files["old"]), "--key", KEY]) == 0
    capsys.readouterr()
    data = json.loads(files["entries"].read_text())
    data["entries"][3]["leaf_input"] = base64.b64encode(b'{"forged":true}').decode()
    files["entries"].write_text(json.dumps(data))
    assert main(["audit", str(files["entries"]), str(files["new"]), "--key", KEY]) == 1
    assert "do not match the checkpoint" in capsys.readouterr().err


def test_console_script_runs_with_only_ratusha_core(files: dict[str, Path]) -> None:
    code = (
        "import sys; sys.modules['django'] = None; sys.modules['ratusha'] = None; "
        "from ratusha_core.verify import main; raise SystemExit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "receipt", str(files["receipt"]), "--key", KEY],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert result.returncode == 0, result.stderr
    assert "valid:" in result.stdout
