"""Everything the public can fetch: pages (by crawling), the REST API, Open311, open data.

Each function gives ``(address, text)`` pairs. The citizen's own tracking and receipt
pages are left out: they show the citizen their own appeal, by a secret link.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

import pyarrow.parquet as pq
from django.test import Client

PRIVATE = (
    "/appeals/track/",
    "/appeals/receipt/",
    "/ledger/receipt/",
    "/api/v1/track/",
    "/admin/",
    "/static/",
    "/media/",
    "/language/",
)
START = (
    "/",
    "/opendata/",
    "/decisions/",
    "/ledger/",
    "/ledger/verify/",
    "/open311/v2/",
    "/publication/review/",
    "/appeals/new/",
    "/analytics/",
    "/reports/",
    "/predictions/",
)
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"'#]+)""")
MAX_PAGES = 600


def body_text(response: Any) -> str:
    """Give a response's content as text (streamed files and Parquet included)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:4] == b"PAR1":
        rows = pq.read_table(io.BytesIO(content)).to_pylist()
        return json.dumps(rows, ensure_ascii=False, default=str)
    return content.decode("utf-8", errors="replace")


def _fetch(client: Client, address: str) -> tuple[str, str]:
    return address, body_text(client.get(address, HTTP_ACCEPT_LANGUAGE="en"))


def crawl(client: Client, start: Iterable[str] = START) -> Iterator[tuple[str, str]]:
    """Give every page reachable by links from the start pages (anonymous, same site)."""
    waiting, seen = list(start), set(start)
    while waiting and len(seen) <= MAX_PAGES:
        address = waiting.pop(0)
        found = _fetch(client, address)
        yield found
        for link in LINK.findall(found[1]):
            link = html.unescape(link)
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen and not target.startswith(PRIVATE):
                seen.add(target)
                waiting.append(target)


def _fill(path: str, values: dict[str, list[str]]) -> list[str]:
    """Give the path with each {parameter} replaced by every candidate value."""
    names = re.findall(r"{(\w+)}", path)
    filled = [path]
    for name in names:
        filled = [
            p.replace("{" + name + "}", v, 1) for p in filled for v in values.get(name, ["1"])
        ]
    return filled


def rest_api(client: Client, values: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    """Give every GET operation of the REST API, with each path parameter filled in."""
    spec = client.get("/api/v1/openapi.json").json()
    yield "/api/v1/openapi.json", json.dumps(spec, ensure_ascii=False)
    for path, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        for address in _fill(path, values):
            if address.startswith(PRIVATE):
                continue
            yield _fetch(client, address)
            if "{" not in path:
                for body in values["code"]:
                    yield _fetch(client, f"{address}?body={body}&page_size=1000")


OPEN311_PATHS = (
    "discovery",
    "services",
    "requests",
    "servicerequestupdates",
)


def open311(client: Client, values: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    """Give every Open311 read, in JSON and XML, for every jurisdiction and none."""
    root = "/open311/v2/"
    yield _fetch(client, root)
    yield _fetch(client, root + "openapi.json")
    jurisdictions = ["", *values["code"]]
    for fmt in ("json", "xml"):
        for jurisdiction in jurisdictions:
            query = f"?jurisdiction_id={jurisdiction}" if jurisdiction else ""
            for name in OPEN311_PATHS:
                yield _fetch(client, f"{root}{name}.{fmt}{query}")
            joiner = "&" if query else "?"
            yield _fetch(client, f"{root}requests.{fmt}{query}{joiner}status=closed")
            ids = ",".join(values["number"])
            yield _fetch(client, f"{root}requests.{fmt}{query}{joiner}service_request_id={ids}")
            for code in values["category"]:
                yield _fetch(client, f"{root}services/{code}.{fmt}{query}")
            for number in values["number"]:
                yield _fetch(client, f"{root}requests/{number}.{fmt}{query}")
            for token in values.get("token", []):
                yield _fetch(client, f"{root}tokens/{token}.{fmt}{query}")


def open_data(client: Client, downloads: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Give the open-data page, catalogues, schemas, every download and the API's pages."""
    for address in ("/opendata/", "/opendata/catalog.jsonld", "/opendata/catalog.ttl"):
        yield _fetch(client, address)
    for address in downloads:
        yield _fetch(client, address)


def normalised(text: str) -> tuple[str, str]:
    """Give the text decoded and case-folded, and the same with digit separators removed."""
    decoded = html.unescape(unquote(text))
    decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), decoded)
    decoded = re.sub(r"\s+", " ", decoded).casefold()
    digits = re.sub(r"(?<=\d)[\s\-().+/]+(?=\d)", "", decoded)
    return decoded, digits
