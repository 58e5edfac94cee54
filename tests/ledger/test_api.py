"""The public ledger API, without login: checkpoints, entries, proofs, keys and tiles."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import Client

from ratusha.ledger import keys
from ratusha.ledger.actions import append_many, integrate, log_for_body
from ratusha.ledger.models import Entry, Log
from ratusha.ledger.tiles import parse_tile_index, tile_index_path
from ratusha_core.ledger.checkpoint import open_checkpoint
from ratusha_core.ledger.merkle import leaf_hash, verify_consistency, verify_inclusion
from ratusha_core.ledger.tree import MemoryTree, Subtree, tree_root
from ratusha_core.signing.note import parse_verifier_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(world: Any) -> Log:
    found = log_for_body(world.bodies["A"])
    append_many(found, [("test.event", {"n": n}, "") for n in range(300)])
    integrate(found, limit=100)
    integrate(found, limit=1000)
    found.refresh_from_db()
    return found


def _memory(log: Log) -> MemoryTree:
    rows = Entry.objects.filter(log=log).order_by("index").values_list("leaf_input", flat=True)
    return MemoryTree.from_leaf_inputs(text.encode() for text in rows)


def test_latest_and_older_checkpoints_verify_with_the_published_keys(client: Client, log: Log):
    response = client.get("/ledger/A/keys")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    published = [parse_verifier_key(k["verifier_key"]) for k in response.json()["keys"]]
    note = client.get("/ledger/A/checkpoint")
    assert note["Content-Type"].startswith("text/plain")
    checkpoint = open_checkpoint(note.content, published, origin=log.origin).checkpoint
    assert checkpoint.size == 300 and checkpoint.root_hash == bytes(log.root)
    older = client.get("/ledger/A/checkpoints/100")
    assert open_checkpoint(older.content, published).checkpoint.size == 100
    assert client.get("/ledger/A/checkpoints/99").status_code == 404
    assert client.get("/ledger/NOPE/checkpoint").status_code == 404


def test_entries_by_range_are_capped_and_carry_the_leaf_inputs(client: Client, log: Log) -> None:
    data = client.get("/ledger/A/entries?start=10&end=13").json()
    assert [e["index"] for e in data["entries"]] == [10, 11, 12]
    first = data["entries"][0]
    raw = base64.b64decode(first["leaf_input"])
    assert base64.b64decode(first["leaf_hash"]) == leaf_hash(raw)
    assert first["entry"]["n"] == 10 and first["entry"]["body"] == "A"
    everything = client.get("/ledger/A/entries?start=0&end=5000").json()
    assert everything["end"] == 300 and len(everything["entries"]) == 300
    bad = client.get("/ledger/A/entries?start=x")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"


def test_inclusion_proofs_by_index_and_by_leaf_hash(client: Client, log: Log) -> None:
    memory = _memory(log)
    for query in (
        "index=123&size=250",
        f"leaf_hash={memory.read_subtrees([Subtree(0, 123)])[0].hex()}&size=250",
    ):
        data = client.get(f"/ledger/A/proof/inclusion?{query}").json()
        assert data["index"] == 123 and data["size"] == 250
        verify_inclusion(
            leaf_hash=memory.read_subtrees([Subtree(0, 123)])[0],
            index=123,
            size=250,
            proof=[base64.b64decode(h) for h in data["hashes"]],
            root=tree_root(memory, 250),
        )
    assert client.get("/ledger/A/proof/inclusion?index=300").status_code == 400
    assert client.get("/ledger/A/proof/inclusion?index=1&size=301").status_code == 400
    assert client.get(f"/ledger/A/proof/inclusion?leaf_hash={'00' * 32}").status_code == 404


def test_consistency_proofs_between_two_sizes(client: Client, log: Log) -> None:
    memory = _memory(log)
    data = client.get("/ledger/A/proof/consistency?first=100&second=300").json()
    verify_consistency(
        size1=100,
        size2=300,
        root1=tree_root(memory, 100),
        root2=tree_root(memory, 300),
        proof=[base64.b64decode(h) for h in data["hashes"]],
    )
    assert client.get("/ledger/A/proof/consistency?first=301&second=300").status_code == 400


def test_tiles_mirror_the_tree_as_static_files(client: Client, log: Log) -> None:
    memory = _memory(log)
    full = client.get("/ledger/A/tile/0/000")
    assert full.status_code == 200 and full["Cache-Control"].endswith("immutable")
    assert full.content == b"".join(memory.read_subtrees([Subtree(0, i) for i in range(256)]))
    partial = client.get("/ledger/A/tile/0/001.p/44")
    assert partial.content == b"".join(
        memory.read_subtrees([Subtree(0, i) for i in range(256, 300)])
    )
    assert client.get("/ledger/A/tile/0/001").status_code == 404  # not complete yet
    assert client.get("/ledger/A/tile/0/001.p/45").status_code == 404
    level1 = client.get("/ledger/A/tile/1/000.p/1")
    assert level1.content == memory.read_subtrees([Subtree(8, 0)])[0]
    bundle = client.get("/ledger/A/tile/entries/001.p/44").content
    first_length = int.from_bytes(bundle[:2], "big")
    assert json.loads(bundle[2 : 2 + first_length])["n"] == 256
    assert client.get("/ledger/A/tile/0/x000/001").status_code == 404  # non-canonical path


def test_tile_index_paths_follow_the_spec() -> None:
    assert tile_index_path(1234067) == "x001/x234/067"
    assert tile_index_path(5) == "005"
    assert parse_tile_index("x001/x234/067") == (1234067, 256)
    assert parse_tile_index("067.p/8") == (67, 8)
    for bad in ("67", "x001/067/x002", "001.p/0", "001.p/256", "001.p/08"):
        with pytest.raises(ValueError):
            parse_tile_index(bad)


def test_the_human_index_lists_the_logs(client: Client, log: Log) -> None:
    page = client.get("/ledger/")
    assert page.status_code == 200
    assert log.origin in page.content.decode()
    assert keys.log_verifier_keys(log)
