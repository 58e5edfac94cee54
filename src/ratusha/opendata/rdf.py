"""A small RDF graph and its two serialisations: JSON-LD and Turtle, written by hand.

The catalogue needs only resources with types, literals (with a language or a
datatype), IRIs and nested blank nodes, so a few dozen lines do what rdflib would.
Predicates and classes are prefixed names (``dct:title``) from :data:`PREFIXES`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

PREFIXES = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class IRI:
    value: str


@dataclass(frozen=True)
class Literal:
    value: str
    language: str | None = None
    datatype: str | None = None  # a prefixed name such as "xsd:date"


@dataclass
class Resource:
    """A subject: an IRI (``iri``) or, with ``iri`` None, a blank node written in place."""

    iri: str | None
    types: list[str]
    properties: list[tuple[str, Value]] = field(default_factory=list)

    def add(self, predicate: str, *values: Value | None) -> Resource:
        """Add values of a predicate (None values are skipped); give the resource."""
        self.properties.extend((predicate, v) for v in values if v is not None)
        return self


Value = IRI | Literal | Resource


def expand(name: str) -> str:
    """Give the full IRI of a prefixed name."""
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local


# --- JSON-LD -------------------------------------------------------------------------


def _jsonld_value(value: Value, top: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if isinstance(value, IRI):
        return {"@id": value.value}
    if isinstance(value, Literal):
        item: dict[str, Any] = {"@value": value.value}
        if value.language:
            item["@language"] = value.language
        elif value.datatype:
            item["@type"] = value.datatype
        return item
    if value.iri is not None:  # a named resource: described once, at the top level
        if value.iri not in top:
            top[value.iri] = {}  # taken before its description, in case of cycles
            top[value.iri] = _jsonld_node(value, top)
        return {"@id": value.iri}
    return _jsonld_node(value, top)


def _jsonld_node(resource: Resource, top: dict[str, dict[str, Any]]) -> dict[str, Any]:
    node: dict[str, Any] = {}
    if resource.iri is not None:
        node["@id"] = resource.iri
    node["@type"] = resource.types
    for predicate, value in resource.properties:
        node.setdefault(predicate, []).append(_jsonld_value(value, top))
    return node


def to_jsonld(root: Resource) -> str:
    """Give the graph as a JSON-LD document: a context of prefixes and a flat ``@graph``."""
    top: dict[str, dict[str, Any]] = {root.iri or "": {}}
    top[root.iri or ""] = _jsonld_node(root, top)
    graph = list(top.values())
    return json.dumps({"@context": PREFIXES, "@graph": graph}, ensure_ascii=False, indent=2)


# --- Turtle --------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _string(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


def _iri(value: str) -> str:
    if any(c in value for c in '<>"{}|^`\\ '):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def _turtle_value(value: Value, depth: int, later: list[Resource]) -> str:
    if isinstance(value, IRI):
        return _iri(value.value)
    if isinstance(value, Literal):
        text = _string(value.value)
        if value.language:
            return f"{text}@{value.language}"
        return f"{text}^^{value.datatype}" if value.datatype else text
    if value.iri is not None:
        later.append(value)
        return _iri(value.iri)
    inner = _turtle_body(value, depth + 1, later)
    return "[\n" + inner + "\n" + "    " * depth + "]"


def _turtle_body(resource: Resource, depth: int, later: list[Resource]) -> str:
    indent = "    " * depth
    lines = [f"{indent}a {', '.join(resource.types)}"]
    grouped: dict[str, list[str]] = {}
    for predicate, value in resource.properties:
        grouped.setdefault(predicate, []).append(_turtle_value(value, depth, later))
    lines += [f"{indent}{predicate} {' , '.join(values)}" for predicate, values in grouped.items()]
    return " ;\n".join(lines)


def to_turtle(root: Resource) -> str:
    """Give the graph as Turtle: the prefixes, then each named resource once."""
    out = [f"@prefix {name}: <{iri}> ." for name, iri in PREFIXES.items()]
    out.append("")
    waiting, written = [root], set()
    while waiting:
        resource = waiting.pop(0)
        if resource.iri in written:
            continue
        written.add(resource.iri)
        later: list[Resource] = []
        body = _turtle_body(resource, 1, later)
        out.append(f"{_iri(resource.iri or '')}\n{body} .\n")
        waiting.extend(later)
    return "\n".join(out)
