"""The privacy test's search finds every seeded detail however a response spells it."""

from __future__ import annotations

import html
import json

from tests.privacy.collect import normalised
from tests.privacy.seeds import DIGITS, OPEN311, PATTERNS, PEOPLE, WORDS


def found(text: str) -> set[str]:
    decoded, digits = normalised(text)
    return (
        {w for w in WORDS if w in decoded}
        | {d for d in DIGITS if d in digits}
        | {p.pattern for p in PATTERNS if p.search(decoded)}
    )


def test_each_seeded_text_is_found_in_every_spelling() -> None:
    for person in PEOPLE:
        plain = person.text + " " + person.name + " " + person.home
        spellings = [
            plain,
            json.dumps(plain),  # \u escapes
            html.escape(plain),
            plain.upper(),
            plain.replace(" ", "\n  "),
        ]
        expected = found(plain)
        assert len(expected) >= 9, expected
        for spelling in spellings:
            assert found(spelling) == expected, spelling[:60]


def test_reformatted_numbers_are_found() -> None:
    assert found("тэл. 375-29-1234567, картка 4111-1111-1111-1111")
    assert "375291234567" in found("<phone>+375 (29) 123 45 67</phone>")
    assert "4111111111111111" in found('{"card": "4111.1111.1111.1111"}')
    assert "375293210987" in found(OPEN311["phone"])
    assert not found("Ліхтар адрамантуюць да пятніцы; вул. Савецкая; 2026-11-27T10:00:00Z")
