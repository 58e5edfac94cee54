"""The open-data pages: the catalogue for people and harvesters, schemas and downloads.

Everything is public and read-only. Downloads stream the file from disk in chunks
(``FileResponse``), with its SHA-256 in ``Repr-Digest`` (RFC 9530) and as the ETag.
"""

from __future__ import annotations

import base64
import json
from typing import Any, TypeVar

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from ratusha.opendata import access
from ratusha.opendata.catalog import (
    Site,
    catalogue,
    download_path,
    inclusion_url,
    license_url,
)
from ratusha.opendata.datasets import DATASETS, MEDIA_TYPES, Dataset, dataset_named
from ratusha.opendata.rdf import to_jsonld, to_turtle
from ratusha.opendata.schemas import csvw_metadata, table_schema
from ratusha.opendata.sources import coverage, is_available

R = TypeVar("R", bound=HttpResponseBase)


def _site(request: HttpRequest) -> Site:
    return Site(request.build_absolute_uri("/"))


def _dataset(name: str) -> Dataset:
    dataset = dataset_named(name)
    if dataset is None:
        raise Http404
    return dataset


def _public(response: R) -> R:
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The page for people: each dataset, its fields, terms, downloads and how to verify."""
    language = (get_language() or "be")[:2]
    grouped = access.dumps_by_dataset()
    entries = []
    for dataset in DATASETS.values():
        dumps = grouped.get(dataset.name, [])
        entries.append(
            {
                "dataset": dataset,
                "title": dataset.title.get(language, dataset.title["en"]),
                "description": dataset.description.get(language, dataset.description["en"]),
                "available": is_available(dataset.name),
                "coverage": coverage(dataset.name),
                "all_bodies": [_download(d) for d in dumps if not d.body_code],
                "per_body": [_download(d) for d in dumps if d.body_code],
                "api_url": f"/api/v1/opendata/{dataset.name}",
            }
        )
    return render(
        request,
        "opendata/index.html",
        {"entries": entries, "license_url": license_url()},
    )


def _download(dump: Any) -> dict[str, Any]:
    return {
        "dump": dump,
        "url": download_path(dump),
        "proof_url": inclusion_url(dump),
    }


@require_GET
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    """The DCAT-AP 3 catalogue as JSON-LD."""
    body = to_jsonld(catalogue(_site(request)))
    return _public(HttpResponse(body, content_type="application/ld+json; charset=utf-8"))


@require_GET
def catalog_turtle(request: HttpRequest) -> HttpResponse:
    """The DCAT-AP 3 catalogue as Turtle."""
    body = to_turtle(catalogue(_site(request)))
    return _public(HttpResponse(body, content_type="text/turtle; charset=utf-8"))


@require_GET
def dataset_page(request: HttpRequest, dataset: str) -> HttpResponse:
    """A dataset's address (its IRI in the catalogue) leads to its part of the page."""
    return redirect(reverse("opendata:index") + "#" + _dataset(dataset).name)


def _json(data: dict[str, Any], content_type: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return _public(HttpResponse(body, content_type=content_type))


@require_GET
def schema(request: HttpRequest, dataset: str) -> HttpResponse:
    """The dataset's Table Schema (Frictionless)."""
    return _json(table_schema(_dataset(dataset)), "application/schema+json; charset=utf-8")


@require_GET
def csvw(request: HttpRequest, dataset: str) -> HttpResponse:
    """The CSVW description of the dataset's CSV dump of every body."""
    found = _dataset(dataset)
    url = request.build_absolute_uri(reverse("opendata:download", args=[found.name, "all", "csv"]))
    return _json(csvw_metadata(found, url), "application/csvm+json; charset=utf-8")


@require_GET
def download(request: HttpRequest, dataset: str, scope: str, fmt: str) -> HttpResponseBase:
    """Stream a dump (``all`` or a body's code) in chunks; 404 until it has been exported."""
    dump = access.dump_named(dataset, scope, fmt)
    if request.headers.get("If-None-Match") == f'"{dump.sha256}"':
        return HttpResponse(status=304)
    response = FileResponse(
        access.dump_path(dump).open("rb"),
        as_attachment=True,
        filename=dump.download_name,
        content_type=MEDIA_TYPES[fmt],
    )
    response["ETag"] = f'"{dump.sha256}"'
    digest = base64.b64encode(bytes.fromhex(dump.sha256)).decode()
    response["Repr-Digest"] = f"sha-256=:{digest}:"
    return _public(response)
