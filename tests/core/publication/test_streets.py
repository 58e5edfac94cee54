"""The street of an address: no house, building, flat or postcode survives (be, ru, en)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratusha_core.publication import street_of


@pytest.mark.parametrize(
    ("address", "street"),
    [
        ("г. Зарэчанск, вул. Савецкая, д. 12, кв. 45", "вул. Савецкая"),
        ("вул. Савецкая, 12, кв. 45, Зарэчанск", "вул. Савецкая"),
        ("220030, г. Минск, пр-т Независимости 4/2, корп. 3, кв. 17", "пр-т Независимости"),
        ("проспект Победителей, дом 5, корпус 2, квартира 17", "проспект Победителей"),
        ("ул.Ленина,д.5,кв.3", "ул.Ленина"),
        ("д. Калиновка, ул. Центральная, 5", "ул. Центральная"),
        ("в. Калінаўка, вул. Цэнтральная, 5", "вул. Цэнтральная"),
        ("ул. 50 лет Октября, 7-15", "ул. 50 лет Октября"),
        ("ул. 1-я Линия, д. 12а", "ул. 1-я Линия"),
        ("пер. Школьный 3Б", "пер. Школьный"),
        ("Flat 3, 12 Baker Street, Zarechansk", "Baker Street"),
        ("12 Sovetskaja St", "Sovetskaja St"),
        ("Minsk, Nezalezhnasci Ave 4, apt 12", "Nezalezhnasci Ave"),
        ("Ленина 5-12", "Ленина"),
        ("Зарэчанск, Ленина 5, кв. 12", "Ленина"),
    ],
)
def test_street_of_common_addresses(address: str, street: str) -> None:
    assert street_of(address) == street


@pytest.mark.parametrize("address", ["", "   ", "кв. 7", "220030", "д. 5, кв. 3", "г. Минск, 12"])
def test_no_street_gives_none(address: str) -> None:
    assert street_of(address) is None


_NAMES = st.sampled_from(
    ["Савецкая", "Леніна", "Центральная", "Independence", "Baker", "Янкі Купалы", "Садовая"]
)
_RU_BE = st.sampled_from(["ул.", "вул.", "пр-т", "проспект", "пер.", "бульвар"])
_FLAT = st.sampled_from(["кв.", "кв", "квартира", "кват.", "flat", "apt.", "Apartment"])
_HOUSE = st.sampled_from(["д.", "дом", "", "№"])
_NUMBER = st.integers(min_value=1, max_value=9999)


@given(
    marker=_RU_BE,
    name=_NAMES,
    house_word=_HOUSE,
    house=_NUMBER,
    letter=st.sampled_from(["", "а", "Б", "/2", "-1"]),
    flat_word=_FLAT,
    flat=_NUMBER,
    postcode=st.integers(min_value=100000, max_value=999999),
    town=st.sampled_from(["г. Минск", "Зарэчанск", "г.п. Лясное", ""]),
)
def test_no_house_or_flat_number_survives(
    marker: str,
    name: str,
    house_word: str,
    house: int,
    letter: str,
    flat_word: str,
    flat: int,
    postcode: int,
    town: str,
) -> None:
    parts = [str(postcode), town, f"{marker} {name}", f"{house_word} {house}{letter}".strip()]
    address = ", ".join(p for p in parts if p) + f", {flat_word} {flat}"
    street = street_of(address)
    assert street is not None and name in street
    assert not re.search(r"\d", street), (address, street)


@given(name=_NAMES, house=_NUMBER, flat=_NUMBER, kind=st.sampled_from(["Street", "St", "Ave"]))
def test_english_addresses_keep_only_the_street(
    name: str, house: int, flat: int, kind: str
) -> None:
    street = street_of(f"Flat {flat}, {house} {name} {kind}, Minsk 220030")
    assert street == f"{name} {kind}"


@given(st.text(max_size=80))
def test_any_text_gives_a_street_without_bare_numbers_or_none(text: str) -> None:
    street = street_of(text)
    if street is not None:
        # Only ordinal or anniversary numbers may stay ("1-я", "50 лет").
        for number in re.finditer(r"\d+", street):
            after = street[number.end() : number.end() + 6]
            assert re.match(r"(-?[а-яёіўa-z]|\s+(лет|год|гадоў|years))", after, re.I), street
