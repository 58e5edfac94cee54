"""Numbered placeholders: one per distinct value, filled back in, the rest left as gaps."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

import ratusha_core.triage.personal_data.placeholders as module
from ratusha_core.triage.personal_data import PersonalDataSpan, find_personal_data, redact
from ratusha_core.triage.personal_data.placeholders import (
    PlaceholderBook,
    fill_placeholders,
    redact_numbered,
)

TEXT = (
    "Ганна Жук просіць. Пятро Коваль сведка. Тэл. 8029 1234567, і яшчэ раз +375291234567, "
    "пошта hanna@mail.by"
)


def test_each_distinct_value_gets_its_own_number_and_equal_values_the_same() -> None:
    spans = find_personal_data(TEXT, "be", use_ner=False)
    book = PlaceholderBook()
    text = redact_numbered(TEXT, spans, book)
    assert text.startswith("[NAME_1] просіць. [NAME_2] сведка.")
    # The same phone written two ways is one value: one placeholder.
    assert "Тэл. [PHONE_1], і яшчэ раз [PHONE_1], пошта [EMAIL_1]" in text
    assert book.value_of("[NAME_2]") == "Пятро Коваль" and book.value_of("[NAME_3]") is None
    # The book goes on across texts of the same request.
    again = PersonalDataSpan(4, 17, "name", "Пятро  Коваль")
    assert redact_numbered("Дай Пятро  Коваль", [again], book) == "Дай [NAME_2]"


def test_plain_redaction_is_unchanged() -> None:
    spans = find_personal_data(TEXT, "be", use_ner=False)
    assert redact(TEXT, spans).startswith("[NAME] просіць. [NAME] сведка. Тэл. [PHONE]")


def test_the_book_never_shows_its_values() -> None:
    book = PlaceholderBook()
    book.placeholder_for("name", "Ганна Жук")
    assert "Ганна" not in repr(book) and "[NAME_1]" in repr(book) and len(book) == 1


def test_filling_leaves_unknown_places_as_gaps() -> None:
    book = PlaceholderBook()
    book.placeholder_for("name", "Ганна Жук")
    book.placeholder_for("phone", "8029 1234567")
    text = "Паважаная [NAME]!\nМы патэлефануем на [PHONE_1] да [дата].\nАдказ для [NAME], {name}."
    filled = fill_placeholders(text, book, greeting_name="Ганна", fields={"{name}": "Г. Жук"})
    assert filled.text == (
        "Паважаная Ганна!\nМы патэлефануем на 8029 1234567 да [дата].\nАдказ для [NAME], Г. Жук."
    )
    assert filled.gaps == ("[дата]", "[NAME]") and filled.filled == 3
    assert [s.kind for s in filled.segments if s.kind != "text"] == [
        "filled",
        "filled",
        "gap",
        "gap",
        "filled",
    ]
    # Without a name to greet, the greeting's placeholder is a gap too.
    assert fill_placeholders("Паважаны [NAME]!", book).gaps == ("[NAME]",)


@given(st.text(alphabet="ab [NAME_1]\n", max_size=60))
def test_segments_always_make_up_the_filled_text(text: str) -> None:
    book = PlaceholderBook()
    book.placeholder_for("name", "X")
    filled = fill_placeholders(text, book, greeting_name="Y")
    assert "".join(s.text for s in filled.segments) == filled.text
    assert "[NAME_1]" not in filled.text


def test_the_module_example_runs() -> None:
    assert doctest.testmod(module).failed == 0
