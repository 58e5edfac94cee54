"""Person names from natasha's Russian NER, loaded on first use and kept for the process.

natasha is optional: without it (or if its model fails to load) ``ner_available()``
is False and only the rules in ``names.py`` run. Only the segmenter and the NER tagger
are used; the morphology and lemmatiser, which need pymorphy2 and break on new Python
and setuptools, are never loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from .spans import PersonalDataSpan, make_span

NameTagger = Callable[[str], list[tuple[int, int]]]


@cache
def load_natasha() -> NameTagger | None:
    """Gives a function returning (start, end) of person names, or None without natasha."""
    try:
        from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
    except ImportError:
        return None
    try:
        segmenter = Segmenter()
        tagger = NewsNERTagger(NewsEmbedding())
    except Exception:  # a broken model file must not stop triage; the rules still run
        return None

    def tag(text: str) -> list[tuple[int, int]]:
        doc: Any = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [(span.start, span.stop) for span in doc.spans if span.type == "PER"]

    return tag


def ner_available() -> bool:
    """Tells whether natasha's NER can run here (loads it on the first call)."""
    return load_natasha() is not None


def find_names_ner(text: str) -> Iterator[PersonalDataSpan]:
    """Gives the person names natasha tags in the text (none when natasha is missing)."""
    tag = load_natasha()
    if tag is None:
        return
    for start, end in tag(text):
        yield make_span(text, start, end, "name")
