"""The citizen's receipt: built by Django, verified by ratusha_core alone (even in a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from ratusha.appeals.actions.registration import tracking_token
from ratusha.ledger import keys
from ratusha.ledger.actions import append, integrate_everything, log_for_body
from ratusha.ledger.models import Entry
from ratusha_core.ledger.receipt import receipt_from_json, verify_receipt

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src"


def _urls(appeal: Any) -> str:
    return f"/ledger/receipt/{appeal.number}/{tracking_token(appeal)}"


def test_receipt_json_verifies_with_the_core_and_the_offline_command(
    register: Any, client: Client, tmp_path: Path
) -> None:
    appeal = register().appeal
    # Not integrated yet: the receipt integrates the pending registration on demand.
    response = client.get(_urls(appeal) + ".json?with_text=1")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["appeal"] == appeal.number and data["entry"]["appeal"] == appeal.number
    log = log_for_body(appeal.body)
    verified = verify_receipt(receipt_from_json(data), keys.log_verifier_keys(log))
    assert verified.signed.checkpoint.origin == log.origin
    path = tmp_path / "receipt.json"
    path.write_bytes(response.content)
    key = keys.log_verifier_keys(log)[0].to_text()
    code = (
        "import sys; sys.modules['django'] = None; sys.modules['ratusha'] = None; "
        "from ratusha_core.verify import main; raise SystemExit(main(sys.argv[1:]))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    run = subprocess.run(
        [sys.executable, "-c", code, "receipt", str(path), "--key", key],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "valid" in run.stdout and "text and applicant match" in run.stdout
    # A receipt whose entry was altered fails, with the reason.
    data["leaf_input"] = data["leaf_input"][:-4] + "AAA="
    path.write_text(json.dumps(data))
    run = subprocess.run(
        [sys.executable, "-c", code, "receipt", str(path), "--key", key],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 1 and "INVALID" in run.stderr


def test_printable_receipt_has_a_qr_code_and_the_public_entry(
    register: Any, client: Client
) -> None:
    appeal = register().appeal
    page = client.get(_urls(appeal) + "/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "segno" in html
    assert appeal.number in html and "appeal.registered" in html
    assert "ratusha-verify receipt" in html
    wrong = client.get(f"/ledger/receipt/{appeal.number}/{'0' * 32}/")
    assert wrong.status_code == 404


def test_a_receipt_that_cannot_be_built_yet_says_come_back(
    register: Any, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions read English
    from ratusha.ledger import receipts

    appeal = register().appeal
    monkeypatch.setattr(receipts, "integrate", lambda log: 0)  # the log is busy elsewhere
    page = client.get(_urls(appeal) + "/")
    assert page.status_code == 202 and "Come back in a minute" in page.content.decode()
    assert client.get(_urls(appeal) + ".json").json()["state"] == "pending"
    assert client.get(_urls(appeal) + "/status.json").json()["state"] == "pending"


def test_the_registration_is_still_in_the_log_as_it_grows(register: Any, client: Client) -> None:
    appeal = register().appeal
    receipt = client.get(_urls(appeal) + ".json").json()
    for n in range(20):
        append(appeal.body, "test.event", {"n": n})
    integrate_everything()
    status = client.get(_urls(appeal) + f"/status.json?size={receipt['tree_size']}").json()
    assert status["state"] == "verified" and status["verified"] is True
    assert status["latest_size"] == receipt["tree_size"] + 20
    # If the stored entry were rewritten after the receipt, the check fails.
    log = log_for_body(appeal.body)
    entry = Entry.objects.get(log=log, subject=appeal.number, event_type="appeal.registered")
    Entry.objects.filter(log=log, index=entry.index).update(leaf_input=entry.leaf_input + " ")
    broken = client.get(_urls(appeal) + f"/status.json?size={receipt['tree_size']}").json()
    assert broken["state"] == "failed" and broken["reason"]


def test_an_appeal_from_before_the_ledger_says_it_has_no_receipt(
    register: Any, client: Client
) -> None:
    from ratusha.appeals.models import Appeal
    from ratusha.ledger.models import PendingEntry

    client.cookies["ratusha_language"] = "en"  # the tracking page speaks the appeal's own
    appeal = register().appeal
    # As an appeal imported from before the ledger was kept: processed, never recorded.
    PendingEntry.objects.filter(subject=appeal.number).delete()
    Entry.objects.filter(subject=appeal.number).delete()
    assert Appeal.objects.get(pk=appeal.pk).processing == "done"
    page = client.get(_urls(appeal) + "/")
    assert page.status_code == 404 and "before the body kept the public ledger" in page.text
    assert "Come back in a minute" not in page.text
    assert client.get(_urls(appeal) + ".json").json()["state"] == "absent"
    assert client.get(_urls(appeal) + "/status.json").json()["state"] == "absent"
    tracking = client.get(f"/appeals/track/{appeal.number}/{tracking_token(appeal)}/").text
    assert "before the body kept the public ledger" in tracking
    assert "Your ledger receipt" not in tracking
    Appeal.objects.filter(pk=appeal.pk).update(processing="pending")  # on its way there
    assert client.get(_urls(appeal) + "/status.json").json()["state"] == "pending"
