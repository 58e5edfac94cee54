"""Open311 answers in JSON and XML, and the spec's error list.

The XML follows the spec's examples (a root element, one element per item, empty
elements for missing values); the JSON is the Spark-convention mapping of the same tree:
lists without their wrapper elements.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from django.http import HttpResponse

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}

# The element that wraps each item of a list, by the name of the list.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "service_request_updates": "request_update",
}


class Open311Error(Exception):
    """A failure answered with the spec's error list and an HTTP status (400, 403, 404)."""

    def __init__(self, status: int, description: str, code: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.errors = [{"code": code or status, "description": description}]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(parent: Element, tag: str, value: Any) -> None:
    node = SubElement(parent, tag)
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(node, key, inner)
    elif isinstance(value, list):
        for item in value:
            _fill(node, ITEM_TAGS[tag], item)
    else:
        node.text = _text(value)


def xml_bytes(root: str, value: Any) -> bytes:
    """Give the XML document for a value under the root element (UTF-8, with declaration)."""
    top = Element(root)
    if isinstance(value, list):
        for item in value:
            _fill(top, ITEM_TAGS[root], item)
    else:
        for key, inner in value.items():
            _fill(top, key, inner)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(top, encoding="unicode").encode()


def render(fmt: str, root: str, value: Any, status: int = 200) -> HttpResponse:
    """Give the HTTP answer for a value in the asked format."""
    if fmt == "xml":
        content = xml_bytes(root, value)
    else:
        content = json.dumps(value, ensure_ascii=False).encode()
    return HttpResponse(content, status=status, content_type=CONTENT_TYPES[fmt])


def render_error(fmt: str, error: Open311Error) -> HttpResponse:
    """Give the spec's error list for a failure."""
    return render(fmt if fmt in FORMATS else "json", "errors", error.errors, error.status)
