"""Dumps: the same rows in CSV, JSON Lines and Parquet, hashed, entered in the ledger, streamed."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.test import Client

from ratusha.ledger.actions import integrate_everything
from ratusha.ledger.models import Entry, Log
from ratusha.opendata.access import dump_folder
from ratusha.opendata.actions import ExportRefused, check_export_dumps
from ratusha.opendata.models import Dump

pytestmark = pytest.mark.django_db


def export(capture: Any, **options: Any) -> list[Dump]:
    with capture(execute=True):
        return check_export_dumps(**options)


def download(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def test_every_format_holds_the_same_rows(
    appeals: list[Any], client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    export(django_capture_on_commit_callbacks, datasets=["appeals"], per_body=False)
    text = download(client, "/opendata/appeals/download/all.csv").decode()
    from_csv = list(csv.DictReader(io.StringIO(text)))
    lines = download(client, "/opendata/appeals/download/all.jsonl").decode().splitlines()
    from_jsonl = [json.loads(line) for line in lines]
    table = pq.read_table(io.BytesIO(download(client, "/opendata/appeals/download/all.parquet")))
    from_parquet = table.to_pylist()
    numbers = sorted(a.number for a in appeals)
    assert sorted(r["number"] for r in from_csv) == numbers
    assert sorted(r["number"] for r in from_jsonl) == numbers
    assert sorted(r["number"] for r in from_parquet) == numbers
    row = next(r for r in from_jsonl if r["number"] == appeals[0].number)
    assert row["public_status"] == "answered" and row["is_open"] is False
    assert row["registered_at"].endswith("Z")
    assert table.schema.field("registered_at").type.tz == "UTC"
    assert table.schema.field("is_open").type == "bool"


def test_each_dump_is_entered_in_the_ledger_with_its_sha256(
    appeals: list[Any], client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    dumps = export(django_capture_on_commit_callbacks, datasets=["statistics"], bodies=["A"])
    assert {(d.body_code, d.format) for d in dumps} == {
        (scope, fmt) for scope in ("", "A") for fmt in ("csv", "jsonl", "parquet")
    }
    integrate_everything()
    log = Log.objects.get(name="installation")
    for dump in Dump.objects.all():
        content = download(
            client, f"/opendata/statistics/download/{dump.body_code or 'all'}.{dump.format}"
        )
        assert hashlib.sha256(content).hexdigest() == dump.sha256 and len(content) == dump.size
        entry = Entry.objects.get(log=log, leaf_hash=bytes(dump.leaf_hash))
        leaf = json.loads(entry.leaf_input)
        assert leaf["type"] == "opendata.dump" and leaf["sha256"] == dump.sha256
        assert leaf["dataset"] == "statistics" and leaf["size"] == dump.size
        proof = client.get(
            f"/ledger/installation/proof/inclusion?leaf_hash={bytes(dump.leaf_hash).hex()}"
        )
        assert proof.status_code == 200 and proof.json()["index"] == entry.index


def test_an_unchanged_dump_is_not_entered_again_and_a_changed_one_replaces_the_file(
    appeals: list[Any], register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = export(
        django_capture_on_commit_callbacks, datasets=["appeals"], formats=["csv"], per_body=False
    )
    recorded = Dump.objects.get(pk=first[0].pk).leaf_hash
    again = export(
        django_capture_on_commit_callbacks, datasets=["appeals"], formats=["csv"], per_body=False
    )
    assert again[0].sha256 == first[0].sha256
    assert Dump.objects.get(pk=first[0].pk).leaf_hash == recorded is not None
    integrate_everything()
    assert Entry.objects.filter(event_type="opendata.dump").count() == 1
    register()
    changed = export(
        django_capture_on_commit_callbacks, datasets=["appeals"], formats=["csv"], per_body=False
    )
    assert changed[0].sha256 != first[0].sha256 and changed[0].rows == 4
    files = sorted(p.name for p in Path(dump_folder()).iterdir())
    assert files == [changed[0].file_name]  # the old file is gone, no temporary left
    integrate_everything()
    assert Entry.objects.filter(event_type="opendata.dump").count() == 2


def test_downloads_carry_their_digest_and_unknown_ones_are_not_found(
    appeals: list[Any], client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    dump = export(
        django_capture_on_commit_callbacks, datasets=["answers"], formats=["csv"], per_body=False
    )[0]
    response = client.get("/opendata/answers/download/all.csv")
    assert response.streaming and response["ETag"] == f'"{dump.sha256}"'
    assert (
        response["Repr-Digest"]
        == "sha-256=:" + base64.b64encode(bytes.fromhex(dump.sha256)).decode() + ":"
    )
    assert "attachment" in response["Content-Disposition"]
    assert (
        client.get(
            "/opendata/answers/download/all.csv", HTTP_IF_NONE_MATCH=f'"{dump.sha256}"'
        ).status_code
        == 304
    )
    assert client.get("/opendata/answers/download/all.parquet").status_code == 404
    assert client.get("/opendata/nothing/download/all.csv").status_code == 404
    assert client.get("/opendata/answers/download/ZZ.csv").status_code == 404


def test_an_export_of_something_unknown_is_refused(world: Any) -> None:
    with pytest.raises(ExportRefused):
        check_export_dumps(["nothing"])
    with pytest.raises(ExportRefused):
        check_export_dumps(["appeals"], formats=["xlsx"])
    with pytest.raises(ExportRefused):
        check_export_dumps(["appeals"], bodies=["ZZ"])


def test_the_command_and_the_nightly_task_export(
    appeals: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("opendata_export", "--dataset", "checkpoints", "--no-bodies", stdout=out)
    assert "checkpoints-all.parquet" in out.getvalue() and "3 files" in out.getvalue()
    from ratusha.opendata.tasks import export_open_data

    with django_capture_on_commit_callbacks(execute=True):
        count = export_open_data.call()
    assert count == 5 * 3 * (1 + 4)  # five datasets, three formats, all bodies + each of four


def test_the_demo_hook_exports_once_and_a_second_run_changes_nothing(
    appeals: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.utils import timezone

    from ratusha.ledger.actions import installation_log
    from ratusha.opendata.demo import seed_demo

    installation_log()  # its first use signs a checkpoint, which would change that dataset
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo(timezone.now())
    first = {d.pk: d.sha256 for d in Dump.objects.all()}
    assert len(first) == 15 and not Dump.objects.exclude(body_code="").exists()
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo(timezone.now())
    assert {d.pk: d.sha256 for d in Dump.objects.all()} == first
