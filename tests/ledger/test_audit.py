"""``ratusha ledger-audit`` recomputes every hash and names the first row that differs."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from ratusha.ledger.actions import append, integrate, log_for_body
from ratusha.ledger.models import Log

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(world: Any) -> Log:
    found = log_for_body(world.bodies["A"])
    for n in range(37):
        append(found, "test.event", {"n": n})
        if n % 10 == 9:
            integrate(found)
    integrate(found)
    return found


def _audit() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("ledger_audit", stdout=out, stderr=err)
    except CommandError as error:
        return "failed", err.getvalue() + str(error)
    return "ok", out.getvalue()


def test_an_untouched_ledger_passes(log: Log) -> None:
    result, output = _audit()
    assert result == "ok" and "ratusha.test/ledger/A: 37 entries" in output


def test_an_altered_entry_is_named(log: Log) -> None:
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {q('ledger_entry')} SET {q('leaf_input')} = REPLACE({q('leaf_input')}, "  # noqa: S608
            f"%s, %s) WHERE {q('log_id')} = %s AND {q('index')} = %s",
            ['"n":21', '"n":99', log.pk, 21],
        )
    result, output = _audit()
    assert result == "failed"
    assert "entry 21" in output and "leaf hash" in output


def test_an_altered_subtree_hash_is_named(log: Log) -> None:
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {q('ledger_subtreehash')} SET {q('hash')} = %s "  # noqa: S608
            f"WHERE {q('log_id')} = %s AND {q('level')} = %s AND {q('index')} = %s",
            [b"\x00" * 32, log.pk, 2, 3],
        )
    result, output = _audit()
    assert result == "failed"
    assert "subtree level 2 index 3 (entries 12 to 15)" in output


def test_a_deleted_entry_is_named_as_missing(log: Log) -> None:
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {q('ledger_entry')} WHERE {q('log_id')} = %s AND {q('index')} = %s",  # noqa: S608
            [log.pk, 5],
        )
    result, output = _audit()
    assert result == "failed" and "entry 5: missing" in output


def test_a_consistently_rewritten_entry_is_caught_by_the_tree(log: Log) -> None:
    """Rewriting an entry and its leaf hash together still breaks the subtree above it."""
    from ratusha.ledger.models import Entry
    from ratusha_core.ledger.merkle import leaf_hash

    entry = Entry.objects.get(log=log, index=8)
    forged = entry.leaf_input.replace('"n":8', '"n":80')
    Entry.objects.filter(log=log, index=8).update(
        leaf_input=forged, leaf_hash=leaf_hash(forged.encode())
    )
    result, output = _audit()
    assert result == "failed" and "subtree level 1 index 4 (entries 8 to 9)" in output
