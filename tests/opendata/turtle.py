"""A strict little Turtle reader and JSON-LD flattener for the catalogue's subset of RDF.

rdflib is not a dependency; these read what ``ratusha.opendata.rdf`` writes (prefixes,
IRIs, prefixed names, ``a``, literals with a language or datatype, nested ``[ ]``) and
raise on anything else, so a syntax slip in the serialiser fails the tests.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

Term = tuple[str, str]  # ("iri", value) | ("blank", id) | ("literal", value@lang^^type)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<prefix>@prefix)
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<string>"(?:[^"\\\n\r]|\\[tbnrf"'\\])*")
    | (?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
    | (?P<dtype>\^\^)
    | (?P<punct>[;,.\[\]])
    | (?P<pname>[A-Za-z][\w-]*:[\w-]*|:[\w-]*|[A-Za-z][\w-]*:)
    | (?P<a>a(?=[\s<\[]))
    )""",
    re.VERBOSE,
)
_UNESCAPE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def tokens(text: str) -> list[tuple[str, str]]:
    found, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(f"bad Turtle at {position}: {text[position : position + 40]!r}")
        kind = match.lastgroup or ""
        found.append((kind, match.group(kind)))
        position = match.end()
    return found


class TurtleReader:
    def __init__(self, text: str) -> None:
        self.tokens = tokens(text)
        self.i = 0
        self.prefixes: dict[str, str] = {}
        self.triples: set[tuple[Term, str, Term]] = set()
        self.blanks = itertools.count()

    def next(self, kind: str | None = None) -> tuple[str, str]:
        token = self.tokens[self.i]
        if kind and token[0] != kind:
            raise ValueError(f"expected {kind}, got {token}")
        self.i += 1
        return token

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def iri(self, token: tuple[str, str]) -> str:
        if token[0] == "iri":
            return token[1][1:-1]
        if token[0] == "pname":
            prefix, _, local = token[1].partition(":")
            return self.prefixes[prefix] + local
        raise ValueError(f"expected an IRI, got {token}")

    def read(self) -> set[tuple[Term, str, Term]]:
        while self.peek() is not None:
            if self.peek() == ("prefix", "@prefix"):
                self.next()
                name = self.next("pname")[1].rstrip(":")
                self.prefixes[name] = self.iri(self.next("iri"))
                self.next("punct")
                continue
            subject: Term = ("iri", self.iri(self.next()))
            self.predicate_objects(subject)
            if self.next("punct")[1] != ".":
                raise ValueError("a statement must end with .")
        return self.triples

    def predicate_objects(self, subject: Term) -> None:
        while True:
            token = self.next()
            predicate = RDF_TYPE if token[0] == "a" else self.iri(token)
            while True:
                self.triples.add((subject, predicate, self.object()))
                if self.peek() == ("punct", ","):
                    self.next()
                    continue
                break
            if self.peek() == ("punct", ";"):
                self.next()
                if self.peek() in (("punct", "."), ("punct", "]")):
                    return
                continue
            return

    def object(self) -> Term:
        token = self.next()
        if token == ("punct", "["):
            blank: Term = ("blank", str(next(self.blanks)))
            self.predicate_objects(blank)
            if self.next("punct")[1] != "]":
                raise ValueError("unclosed [")
            return blank
        if token[0] == "string":
            value = re.sub(r"\\(.)", lambda m: _UNESCAPE[m.group(1)], token[1][1:-1])
            following = self.peek()
            if following is not None and following[0] == "lang":
                return ("literal", value + self.next()[1])
            if following is not None and following[0] == "dtype":
                self.next()
                return ("literal", value + "^^" + self.iri(self.next()))
            return ("literal", value)
        return ("iri", self.iri(token))


def read_turtle(text: str) -> set[tuple[Term, str, Term]]:
    return TurtleReader(text).read()


def read_jsonld(document: dict[str, Any]) -> set[tuple[Term, str, Term]]:
    """Give the triples of a flat JSON-LD document whose context holds only prefixes."""
    context = document["@context"]
    blanks = itertools.count()
    triples: set[tuple[Term, str, Term]] = set()

    def expand(name: str) -> str:
        prefix, _, local = name.partition(":")
        return context[prefix] + local if prefix in context else name

    def node(item: dict[str, Any]) -> Term:
        subject: Term = ("iri", item["@id"]) if "@id" in item else ("blank", str(next(blanks)))
        for key, values in item.items():
            if key == "@id":
                continue
            if key == "@type":
                for kind in values:
                    triples.add((subject, RDF_TYPE, ("iri", expand(kind))))
                continue
            for value in values:
                triples.add((subject, expand(key), term(value)))
        return subject

    def term(value: dict[str, Any]) -> Term:
        if "@value" in value:
            text = value["@value"]
            if "@language" in value:
                return ("literal", f"{text}@{value['@language']}")
            if "@type" in value:
                return ("literal", f"{text}^^{expand(value['@type'])}")
            return ("literal", text)
        if set(value) == {"@id"}:
            return ("iri", value["@id"])
        return node(value)

    for item in document["@graph"]:
        node(item)
    return triples


def without_blank_ids(triples: set[tuple[Term, str, Term]]) -> set[tuple[Any, ...]]:
    """Give the triples with every blank node replaced by the same marker (for comparing)."""

    def plain(term: Term) -> Term:
        return ("blank", "") if term[0] == "blank" else term

    return {(plain(s), p, plain(o)) for s, p, o in triples}
