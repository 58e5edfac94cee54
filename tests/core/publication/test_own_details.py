"""The applicants' own details are found in any text that repeats them, inflected or not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ratusha_core.publication import Person, redact_own_details, shorten

HANNA = Person(
    "Ганна Жук", "hanna.zhuk@example.org", "+375 29 123-45-67", "вул. Савецкая, 12, кв. 45"
)
IVAN = Person(
    "Иванов Иван Петрович", "ivanov@mail.ru", "8 (029) 765 43 21", "ул. Ленина, д. 5, кв. 3"
)
JOHN = Person("John Smith", "j.smith@example.com", "+375 44 555 12 34", "Flat 3, 12 Baker Street")


def test_names_in_declined_forms_be_ru() -> None:
    text = "Ганне Жук адказалі. Иванову Ивану Петровичу и Ивановой. Дзякуй, Ганна!"
    redacted = redact_own_details(text, [HANNA, IVAN])
    for word in ("Ганн", "Жук", "Иванов", "Иван", "Петрович"):
        assert word not in redacted, redacted


def test_phones_e_mails_and_addresses_whatever_the_format() -> None:
    text = (
        "Тел. 80291234567, 029 765-43-21; пишите на IVANOV@mail.ru или j.smith. "
        "Адрес: Ленина, 5, кв. 3; 12 Baker Street; вул. Савецкая 12 кв. 45."
    )
    redacted = redact_own_details(text, [HANNA, IVAN, JOHN])
    for secret in ("1234567", "765-43-21", "IVANOV", "j.smith", "Baker Street", "45", "кв. 3"):
        assert secret not in redacted, redacted


def test_ordinary_words_stay() -> None:
    text = "Ліхтар на вуліцы не працуе, просім адрамантаваць."
    assert redact_own_details(text, [HANNA, IVAN, JOHN]) == text


@given(st.text(max_size=200))
def test_redaction_never_leaves_the_e_mail_or_the_phone(text: str) -> None:
    leaky = f"{text} hanna.zhuk@example.org {text} +375291234567"
    redacted = redact_own_details(leaky, [HANNA])
    assert "hanna.zhuk@example.org" not in redacted and "1234567" not in redacted


@given(st.text(max_size=1200), st.integers(min_value=20, max_value=600))
def test_shorten_keeps_within_the_limit(text: str, limit: int) -> None:
    short = shorten(text, limit)
    assert len(short) <= limit
    assert short.rstrip("…") in " ".join(text.split())
