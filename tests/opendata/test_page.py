"""The open-data page for people: datasets, fields, terms, downloads and how to verify."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ratusha.ledger.actions import integrate_everything
from ratusha.opendata.actions import check_export_dumps

pytestmark = pytest.mark.django_db


def test_the_page_lists_every_dataset_with_its_downloads(
    appeals: list[Any], client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        dumps = check_export_dumps(["appeals"], bodies=["A"])
    integrate_everything()
    page = client.get("/opendata/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for title in (
        "Citizens&#x27; appeals",
        "Answers to appeals",
        "Monthly statistics",
        "Register of decisions",
        "Checkpoints",
    ):
        assert title in page
    for dump in dumps:
        assert (
            dump.sha256 in page
            and f"/opendata/appeals/download/{dump.body_code or 'all'}.{dump.format}" in page
        )
    assert "/ledger/installation/proof/inclusion?leaf_hash=" in page
    assert "sha256sum" in page and "creativecommons.org/licenses/by/4.0" in page
    assert "registered_at" in page  # the fields are listed
    assert "Not exported yet" in page  # the other datasets wait for the nightly export


def test_the_page_speaks_belarusian_by_default(world: Any, client: Client) -> None:
    page = client.get("/opendata/").content.decode()
    assert "Зваротны грамадзян" in page
