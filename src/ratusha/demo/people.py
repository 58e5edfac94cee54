"""The demo's staff in every role and its citizens, chosen deterministically from a seed."""

from __future__ import annotations

import random
from dataclasses import dataclass

from ratusha_core.permissions import Role

DEMO_PASSWORD = "demo-ratusha-2026"
DOMAIN = "demo.ratusha.example"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    role: Role | None  # None for a citizen
    body: str = ""
    department: str = ""
    position: tuple[str, str, str] = ("", "", "")
    language: str = "be"


_FIRST = [
    "Аляксандр",
    "Марына",
    "Сяргей",
    "Вольга",
    "Андрэй",
    "Наталля",
    "Дзмітрый",
    "Таццяна",
    "Павел",
    "Ірына",
    "Віктар",
    "Алена",
    "Максім",
    "Ганна",
    "Ігар",
    "Святлана",
    "Юрый",
    "Кацярына",
    "Мікалай",
    "Людміла",
]
_LAST_M = [
    "Кавалёў",
    "Шымановіч",
    "Лукашэвіч",
    "Петрашэвіч",
    "Грыцук",
    "Навумчык",
    "Жук",
    "Сідарэнка",
    "Бабровіч",
    "Мароз",
]
_LAST_F = [
    "Кавалёва",
    "Шымановіч",
    "Лукашэвіч",
    "Петрашэвіч",
    "Грыцук",
    "Навумчык",
    "Жук",
    "Сідарэнка",
    "Бабровіч",
    "Мароз",
]
_FEMALE = {
    "Марына",
    "Вольга",
    "Наталля",
    "Таццяна",
    "Ірына",
    "Алена",
    "Ганна",
    "Святлана",
    "Кацярына",
    "Людміла",
}
_STREETS = [
    "вул. Савецкая",
    "вул. Леніна",
    "вул. Гагарына",
    "вул. Садовая",
    "вул. Школьная",
    "вул. Набярэжная",
    "пр-т Незалежнасці",
    "вул. Чырвонаармейская",
]

_HEAD = ("Начальнік аддзела", "Начальник отдела", "Head of department")
_OFFICER = ("Галоўны спецыяліст", "Главный специалист", "Chief specialist")


def _name(rng: random.Random) -> str:
    first = rng.choice(_FIRST)
    last = rng.choice(_LAST_F if first in _FEMALE else _LAST_M)
    return f"{first} {last}"


def staff(departments: dict[str, list[str]], seed: int) -> list[DemoPerson]:
    """Give the demo staff: every role in ZAR, a few in KLV and the district, one sysadmin."""
    rng = random.Random(seed)
    people = [
        DemoPerson(f"sysadmin@{DOMAIN}", _name(rng), Role.SYSTEM_ADMIN, language="en"),
        DemoPerson(f"district.admin@{DOMAIN}", _name(rng), Role.BODY_ADMIN, "ZRD"),
        DemoPerson(f"admin@{DOMAIN}", _name(rng), Role.BODY_ADMIN, "ZAR"),
        DemoPerson(f"auditor@{DOMAIN}", _name(rng), Role.AUDITOR, "ZAR", language="ru"),
        DemoPerson(
            f"clerk@{DOMAIN}",
            _name(rng),
            Role.REGISTRY_CLERK,
            "ZAR",
            position=("Справавод", "Делопроизводитель", "Registry clerk"),
        ),
        DemoPerson(f"klv.admin@{DOMAIN}", _name(rng), Role.BODY_ADMIN, "KLV"),
        DemoPerson(f"klv.clerk@{DOMAIN}", _name(rng), Role.REGISTRY_CLERK, "KLV", language="ru"),
    ]
    for body, codes in departments.items():
        for code in codes:
            slug = f"{code.lower()}" if body == "ZAR" else f"{body.lower()}.{code.lower()}"
            people.append(
                DemoPerson(
                    f"head.{slug}@{DOMAIN}", _name(rng), Role.DEPARTMENT_HEAD, body, code, _HEAD
                )
            )
            people.append(
                DemoPerson(
                    f"officer.{slug}@{DOMAIN}",
                    _name(rng),
                    Role.DEPARTMENT_OFFICER,
                    body,
                    code,
                    _OFFICER,
                    language=rng.choice(["be", "ru"]),
                )
            )
    return people


def citizens(seed: int, count: int = 12) -> list[tuple[DemoPerson, str, str]]:
    """Give demo citizens with a postal address and a phone each."""
    rng = random.Random(seed + 1)
    found: list[tuple[DemoPerson, str, str]] = []
    for number in range(1, count + 1):
        language = "be" if number % 3 else ("ru" if number % 2 else "en")
        person = DemoPerson(f"citizen{number}@{DOMAIN}", _name(rng), None, language=language)
        address = f"{rng.choice(_STREETS)}, {rng.randint(1, 120)}, Зарэчанск"
        phone = f"+375 29 {rng.randint(200, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
        found.append((person, address, phone))
    return found
