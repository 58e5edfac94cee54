"""Personal-data detection per kind, true negatives, and redaction."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratusha_core.triage.personal_data import (
    PLACEHOLDERS,
    PersonalDataSpan,
    find_personal_data,
    redact,
)
from ratusha_core.triage.personal_data.identifiers import luhn_valid
from ratusha_core.triage.personal_data.spans import settle_overlaps


def _found(text: str, language: str | None = "ru") -> list[tuple[str, str]]:
    spans = find_personal_data(text, language, use_ner=False)
    return [(span.kind, span.text) for span in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Звоните +375 29 123-45-67", ("phone", "+375 29 123-45-67")),
        ("тэл. 8 (029) 765-43-21", ("phone", "8 (029) 765-43-21")),
        ("phone +7 916 123-45-67 please", ("phone", "+7 916 123-45-67")),
        ("городской 222-33-44", ("phone", "222-33-44")),
        ("пишите на ivan.petrov@mail.by.", ("email", "ivan.petrov@mail.by")),
        ("ИН 3140580A001PB3 в заявлении", ("personal_id", "3140580A001PB3")),
        ("ИН 6031285В045РВ9 (кириллица)", ("personal_id", "6031285В045РВ9")),
        ("пашпарт MP1234567", ("passport", "MP1234567")),
        ("паспорт НВ 2345678", ("passport", "НВ 2345678")),
        ("паспорт серии 45 10 123456", ("passport", "45 10 123456")),
        ("карта 4111 1111 1111 1111", ("card", "4111 1111 1111 1111")),
        ("card 5500-0000-0000-0004", ("card", "5500-0000-0000-0004")),
        ("машина 1234 AB-7 на газоне", ("plate", "1234 AB-7")),
        ("машына 5566 ав-7", ("plate", "5566 ав-7")),
        ("грузовик АК 9876-7", ("plate", "АК 9876-7")),
        ("номер А123ВС 77", ("plate", "А123ВС 77")),
        ("живу на ул. Ленина, д. 5, кв. 12.", ("address", "ул. Ленина, д. 5, кв. 12")),
        ("па вул. Янкі Купалы 17-45", ("address", "вул. Янкі Купалы 17-45")),
        ("у дома 15 по ул. Калиновского.", ("address", "дома 15 по ул. Калиновского")),
        ("at 12 Baker Street, flat 3", ("address", "12 Baker Street, flat 3")),
        ("Nezalezhnasci Avenue 45, apt 12", ("address", "Nezalezhnasci Avenue 45, apt 12")),
        ("сосед из кв. 45 шумит", ("address", "кв. 45")),
        ("Иванов Иван Петрович пришёл", ("name", "Иванов Иван Петрович")),
        ("подписал Петров И.И.", ("name", "Петров И.И.")),
        ("подписал И. И. Петров", ("name", "И. И. Петров")),
        ("Дзякуй Вользе Мікалаеўне!", ("name", "Вользе Мікалаеўне")),
        ("прашу Ганну Казлову", ("name", "Ганну Казлову")),
        ("called John Brown yesterday", ("name", "John Brown")),
        ("my neighbour Mrs Malinina", ("name", "Malinina")),
        ("контролёра Ростислава Малышко", ("name", "Ростислава Малышко")),
    ],
)
def test_finds_each_kind(text: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "В доме культуры не работает отопление.",
        "Заявка ADM-2026-000123 от 12.03.2026 не выполнена.",
        "За 2025 год начислили 1 234 567 рублей.",
        "Квартира площадью 54 кв. м, а платим как за 70.",
        "Квартиры 10-15 остались без газа.",
        "На улице Ленина нет света.",
        "Памятник у школы имени Янки Купалы облез.",
        "Invoice 1234 5678 9012 3456 was paid.",
        "Лицевой счёт 3012 0000 1111 2226 в ЕРИП.",
        "Номер договора 17-45/2025, код домофона 1234.",
        "Вера в лучшее не покидает жильцов.",
        "The May Day parade blocked the street.",
        "Автобус 38 ходит раз в час, в 2026 году обещали чаще.",
    ],
)
def test_true_negatives_are_left_alone(text: str) -> None:
    assert _found(text) == []


def test_luhn() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")


def test_personal_id_needs_a_real_birth_date() -> None:
    assert _found("номер 3149980A001PB3") == []  # month 99


def test_redact_uses_typed_placeholders() -> None:
    text = (
        "Я, Кравченко Наталья Сергеевна, ул. Кижеватова, д. 60, кв. 18, тел. +375 33 901 22 33, "
        "e-mail n.k@tut.by, ИН 3140580A001PB3, паспорт MP1234567, карта 4111 1111 1111 1111, "
        "машина 1234 AB-7."
    )
    redacted = redact(text, find_personal_data(text, "ru", use_ner=False))
    assert redacted == (
        "Я, [NAME], [ADDRESS], тел. [PHONE], e-mail [EMAIL], ИН [PERSONAL_ID], "
        "паспорт [PASSPORT], карта [CARD], машина [PLATE]."
    )


def test_overlaps_keep_the_surer_kind() -> None:
    spans = [
        PersonalDataSpan(0, 10, "name", "x" * 10),
        PersonalDataSpan(5, 20, "phone", "x" * 15),
        PersonalDataSpan(25, 30, "address", "x" * 5),
    ]
    assert [s.kind for s in settle_overlaps(spans)] == ["phone", "address"]
    assert redact("a" * 40, spans) == "a" * 5 + "[PHONE]" + "aaaaa" + "[ADDRESS]" + "a" * 10


def test_kinds_filter() -> None:
    text = "Иван Петров, тел. +375 29 123-45-67"
    assert [s.kind for s in find_personal_data(text, "ru", kinds=("phone",))] == ["phone"]


def test_natasha_is_not_loaded_unless_names_are_asked_for() -> None:
    code = (
        "import sys\n"
        "from ratusha_core.triage.personal_data import find_personal_data\n"
        "find_personal_data('Иван Петров, +375 29 123-45-67', 'ru', kinds=('phone', 'email'))\n"
        "print('natasha' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


_plain = st.text(alphabet=st.sampled_from("абвгд xyz,.-"), max_size=30)


@given(_plain, st.sampled_from(["+375 29 123-45-67", "ivan@mail.by", "MP1234567"]), _plain)
def test_redacted_text_never_keeps_the_value(before: str, value: str, after: str) -> None:
    text = f"{before} {value} {after}"
    redacted = redact(text, find_personal_data(text, None, use_ner=False))
    assert value not in redacted
    assert any(placeholder in redacted for placeholder in PLACEHOLDERS.values())
