"""The personal details the privacy test files, in Belarusian, Russian and English.

Each appeal carries a name, phone, e-mail, personal identification number, passport
number, card number and a house and flat number, in its text, its applicant fields and
its address; the answer echoes them back. :data:`NEEDLES` is what must never be found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    language: str
    name: str
    email: str
    phone: str
    personal_number: str
    passport: str
    card: str
    home: str  # street, house and flat: the applicant's postal address
    place: str  # where the problem is: street, house and flat
    text: str
    answer: str


BE = Person(
    language="be",
    name="Алесь Карповіч",
    email="ales.karpovich@example.by",
    phone="+375 29 123-45-67",
    personal_number="4120387B012PB1",
    passport="MP1234567",
    card="4111 1111 1111 1111",
    home="вул. Савецкая, д. 73, кв. 147",
    place="вул. Савецкая, д. 73, кв. 147",
    text=(
        "Я, Алесь Карповіч, жыву па адрасе вул. Савецкая, д. 73, кв. 147. Мой тэлефон "
        "+375 29 123-45-67, e-mail ales.karpovich@example.by, асабісты нумар 4120387B012PB1, "
        "пашпарт MP1234567. Каля майго пад'езда другі тыдзень не працуе ліхтар, прашу "
        "адрамантаваць. За рамонт гатовы заплаціць карткай 4111 1111 1111 1111."
    ),
    answer=(
        "Паважаны Алесь Карповіч! На ваш зварот (тэл. +375 29 123-45-67, "
        "ales.karpovich@example.by, вул. Савецкая, д. 73, кв. 147) паведамляем: ліхтар "
        "адрамантуюць да пятніцы."
    ),
)
RU = Person(
    language="ru",
    name="Мария Сидоренко",
    email="m.sidorenko@mail.example",
    phone="8 (033) 765-43-21",
    personal_number="5010190A003PB7",
    passport="HB7654321",
    card="5500-0000-0000-0004",
    home="ул. Ленина, д. 85, кв. 258",
    place="ул. Ленина, д. 85, кв. 258",
    text=(
        "Меня зовут Мария Сидоренко, проживаю: ул. Ленина, д. 85, кв. 258. Телефон "
        "8 (033) 765-43-21, почта m.sidorenko@mail.example. Идентификационный номер "
        "5010190A003PB7, паспорт HB7654321, карта 5500-0000-0000-0004. Во дворе дома уже "
        "неделю не вывозят мусор, прошу принять меры."
    ),
    answer=(
        "Уважаемая Мария Сидоренко! Сообщаем по вашему обращению (тел. 8 (033) 765-43-21, "
        "ул. Ленина, д. 85, кв. 258): мусор вывезут в понедельник."
    ),
)
EN = Person(
    language="en",
    name="Jonathan Whitfield",
    email="j.whitfield@example.org",
    phone="+375 44 777 88 99",
    personal_number="3140285C045PB9",
    passport="KH2345678",
    card="4000 0566 5566 5556",
    home="91 Baker Street, flat 369",
    place="91 Baker Street, flat 369",
    text=(
        "My name is Jonathan Whitfield and I live at 91 Baker Street, flat 369. Call me on "
        "+375 44 777 88 99 or write to j.whitfield@example.org. My ID number is "
        "3140285C045PB9 and my passport KH2345678; card 4000 0566 5566 5556. The pavement "
        "outside the school is broken and children trip over it."
    ),
    answer=(
        "Dear Jonathan Whitfield (+375 44 777 88 99, j.whitfield@example.org, 91 Baker "
        "Street, flat 369): the pavement will be repaired next week."
    ),
)
PEOPLE = (BE, RU, EN)

# A citizen who files through Open311 (POST requests), in English.
OPEN311 = {
    "first_name": "Siobhan",
    "last_name": "Quartermaine",
    "email": "s.quartermaine@example.net",
    "phone": "+375 29 321 09 87",
    "address_string": "12 Birch Lane, apartment 512",
    "description": (
        "Siobhan Quartermaine, 12 Birch Lane, apartment 512, phone +375 29 321 09 87, "
        "passport MC7654329, ID 6150392D071PB3: the streetlight outside has been dark for a "
        "week."
    ),
}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _words(person: Person) -> list[str]:
    surname = person.name.split()[-1]
    local_part = person.email.split("@")[0]
    return [
        person.name,
        surname,
        person.email,
        local_part,
        person.personal_number,
        person.passport,
        person.home,
    ]


# Found in the text (case-folded, entities and escapes decoded, spaces collapsed).
WORDS = [w.casefold() for p in PEOPLE for w in _words(p)] + [
    "quartermaine",
    "s.quartermaine@example.net",
    "mc7654329",
    "6150392d071pb3",
    "12 birch lane",
]
# Found in the text with the separators between digits removed.
DIGITS = [_digits(p.phone) for p in PEOPLE] + [_digits(p.card) for p in PEOPLE] + ["375293210987"]
# Houses and flats, whatever the spacing and punctuation.
PATTERNS = [
    re.compile(r"кв\.?\s*147\b"),
    re.compile(r"кв\.?\s*258\b"),
    re.compile(r"д\.\s*73\b"),
    re.compile(r"д\.\s*85\b"),
    re.compile(r"flat\s*369\b"),
    re.compile(r"91\s*baker"),
    re.compile(r"apartment\s*512\b"),
]
