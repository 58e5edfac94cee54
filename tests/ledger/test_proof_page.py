"""The readable proof page (/ledger/<log>/entry/<index>/proof/) and the server's check."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
import segno
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ratusha.appeals.actions.registration import tracking_token
from ratusha.ledger.actions import append, append_many, integrate, log_for_body
from ratusha.ledger.models import Entry, Log
from ratusha.ledger.proofs import path_sides
from ratusha_core.ledger.merkle import leaf_hash, node_hash
from ratusha_core.ledger.tree import MemoryTree, inclusion_proof

pytestmark = pytest.mark.django_db

SIZE = 13  # an odd size: the path has both kinds of levels


@pytest.fixture
def log(world: Any) -> Log:
    found = log_for_body(world.bodies["A"])
    policy = "triage.routing_policy"
    append_many(
        found, [(policy, {"auto_route": n % 2 == 0, "precision": 0.9}, "A") for n in range(SIZE)]
    )
    integrate(found)
    found.refresh_from_db()
    return found


def _server_check(page: str) -> str:
    found = re.search(r'<p id="server-check">(.*?)</p>', page, re.S)
    assert found is not None
    return re.sub(r"<[^>]+>", "", html.unescape(found.group(1)))


def test_the_page_shows_the_entry_the_checkpoint_and_the_path(en: Client, log: Log) -> None:
    response = en.get("/ledger/A/entry/5/proof/")
    assert response.status_code == 200
    page = response.content.decode()
    entry = Entry.objects.get(log=log, index=5)
    assert "Proof that entry 5 is in the log" in page
    assert "Automatic routing changed" in page and "<dd>0.9</dd>" in page
    assert html.escape(entry.leaf_input) in page
    assert bytes(entry.leaf_hash).hex() in page and bytes(log.root).hex() in page
    assert f'<code class="wrap-anywhere">{log.origin}</code> (key ID' in page
    assert f"\u2014 {log.origin} " in page  # the signed note
    assert _server_check(page).startswith("Valid Entry 5, with the path, gives")
    path = inclusion_proof(MemoryTree.from_leaf_inputs(_leaves(log)), 5, SIZE).hashes
    for value in path:
        assert f'<code class="wrap-anywhere">{value.hex()}</code>' in page
    assert 'role="status"' in page and "ledger/proof.js" in page
    assert 'href="/ledger/A/proof/inclusion?index=5&amp;size=13"' in page


def _leaves(log: Log) -> list[bytes]:
    return [row.leaf_input.encode() for row in Entry.objects.filter(log=log).order_by("index")]


def test_the_sides_of_the_path_rebuild_the_root(log: Log) -> None:
    leaves = [leaf_hash(data) for data in _leaves(log)]
    tree = MemoryTree.from_leaf_inputs(_leaves(log))
    for index in range(SIZE):
        result = leaves[index]
        hashes = inclusion_proof(tree, index, SIZE).hashes
        for left, sibling in zip(path_sides(index, SIZE), hashes, strict=True):
            result = node_hash(sibling, result) if left else node_hash(result, sibling)
        assert result == bytes(log.root)


@pytest.mark.parametrize(
    ("index", "field", "reason"),
    [
        (5, "leaf_hash", "The entry does not give the leaf hash the log holds for it."),
        (4, "leaf_hash", "The path does not lead to the root hash of the signed checkpoint."),
        (5, "leaf_input", "The entry does not give the leaf hash the log holds for it."),
    ],
)
def test_a_tampered_entry_makes_the_server_check_say_not_valid(
    en: Client, log: Log, index: int, field: str, reason: str
) -> None:
    # Entry 4 is entry 5's sibling: its stored hash is the first hash of 5's path.
    value: Any = b"\x00" * 32 if field == "leaf_hash" else '{"type":"forged"}'
    Entry.objects.filter(log=log, index=index).update(**{field: value})
    page = en.get("/ledger/A/entry/5/proof/").content.decode()
    assert _server_check(page) == f"Not valid {reason}"


def test_a_checkpoint_signed_by_another_key_is_not_valid(en: Client, log: Log) -> None:
    checkpoint = log.checkpoints.order_by("-size").first()
    text, _, signature = checkpoint.note.partition("\n\n")
    forged = signature[:-10] + ("A" if signature[-10] != "A" else "B") + signature[-9:]
    log.checkpoints.filter(pk=checkpoint.pk).update(note=f"{text}\n\n{forged}")
    page = en.get("/ledger/A/entry/0/proof/").content.decode()
    assert _server_check(page) == (
        "Not valid The checkpoint's signature does not verify with the log's key."
    )


def test_a_recorded_entry_not_yet_in_a_checkpoint_says_so(en: Client, log: Log) -> None:
    append(log, "triage.routing_policy", {"auto_route": False, "precision": 0.95}, subject="A")
    response = en.get(f"/ledger/A/entry/{SIZE}/proof/")
    assert response.status_code == 200
    assert "not in a signed checkpoint yet" in response.content.decode()
    assert en.get(f"/ledger/A/entry/{SIZE + 1}/proof/").status_code == 404
    integrate(log)
    response = en.get(f"/ledger/A/entry/{SIZE}/proof/")
    assert _server_check(response.content.decode()).startswith("Valid Entry 13")


@pytest.mark.parametrize(
    "url",
    [
        "/ledger/nowhere/entry/0/proof/",
        "/ledger/A/entry/-1/proof/",
        "/ledger/A/entry/abc/proof/",
        "/ledger/A/entry/1.5/proof/",
        f"/ledger/A/entry/{SIZE}/proof/",  # nothing recorded there
        "/ledger/A/entry/99999999999999999999999/proof/",
    ],
)
def test_no_such_entry_is_404(en: Client, log: Log, url: str) -> None:
    assert en.get(url).status_code == 404


def test_the_read_page_and_the_receipt_link_to_the_proof_page(
    en: Client, register: Any, world: Any
) -> None:
    registration = register()
    log = log_for_body(world.bodies["A"])
    integrate(log)
    index = Entry.objects.get(log=log, event_type="appeal.registered").index
    page = en.get("/ledger/A/read/").content.decode()
    assert f'<a href="/ledger/A/entry/{index}/proof/">Proof that entry {index} is in' in page
    appeal = registration.appeal
    receipt = en.get(f"/ledger/receipt/{appeal.number}/{tracking_token(appeal)}/").content
    receipt = receipt.decode()
    proof_page = f"http://testserver/ledger/A/entry/{index}/proof/"
    assert f'<a href="{proof_page}">The public proof' in receipt
    # The QR code opens the same page (segno writes the URL's modules, not its text;
    # compare with a QR code of that address).
    assert segno.make(proof_page, error="m").svg_inline(scale=3, omitsize=False) in receipt
    assert "/ledger/A/proof/inclusion?leaf_hash=" in receipt  # the raw JSON stays
    assert en.get(f"/ledger/A/entry/{index}/proof/").status_code == 200


def test_the_queries_do_not_grow_with_the_log(en: Client, log: Log) -> None:
    counts = []
    for index in (0, 5, SIZE - 1):
        with CaptureQueriesContext(connection) as queries:
            assert en.get(f"/ledger/A/entry/{index}/proof/").status_code == 200
        counts.append(len(queries))
    assert max(counts) <= 6 and len(set(counts)) == 1
