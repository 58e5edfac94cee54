"""Texts of demo appeals: templates per category in Russian, Belarusian and English.

A template holds slots (``{addr}``, ``{street}``, ``{since}``...) and choices
(``[a|b|c]``, one is picked). `appeal_text` adds an opening and a closing line and,
for a share of the texts, the typos people make in a hurry.
"""

from __future__ import annotations

import random
import re

from ratusha.demo.history.templates_be import BE
from ratusha.demo.history.templates_ru import RU

EN: dict[str, tuple[str, ...]] = {
    "HEAT": (
        "The radiators in flat {flat} at {addr} have been cold {since}. It is 16 degrees inside. "
        "{called}",
        "No heating in our block at {addr}, [the whole stairwell is freezing|the corner flats "
        "are cold].",
    ),
    "WATER": (
        "There has been no [hot|cold] water at {addr} {since}. {called}",
        "[Rusty|Brown] water comes out of the tap at {addr}. We cannot drink it.",
    ),
    "ROOF": ("The roof above flat {flat} at {addr} leaks every time it rains. {called}",),
    "LIFT": ("The lift at {addr} has not worked {since}. Elderly neighbours cannot get out.",),
    "BILLS": ("My utility bill for flat {flat}, {addr} shows the wrong floor area. Please check.",),
    "POTH": (
        "There is a deep pothole on {street} near house {house}. Cars damage their wheels.",
        "The pavement at {addr} is broken, [people trip over it|prams cannot pass].",
    ),
    "SNOW": (
        "The pavement on {street} has not been cleared of snow {since}. It is very icy.",
        "Icicles are hanging from the roof of {addr}, it is dangerous to walk there.",
    ),
    "BUS": ("Bus {bus} often does not come at all. Please check the timetable.",),
    "LIGHT": ("The street lights on {street} have been off {since}. It is dark in the evening.",),
    "TRAF": ("The traffic light at {street} blinks yellow all day. Children cross there.",),
    "WASTE": ("The bins near {addr} have not been emptied {since}. It smells.",),
    "TREE": ("A dead tree near {addr} is leaning over the path. Please remove it.",),
    "YARD": ("The playground at {addr} is broken and dangerous for children.",),
    "ANIM": ("A pack of stray dogs near {addr} chases children.",),
    "CLEAN": ("The pavement on {street} has not been cleaned {since}.",),
    "SCHL": ("School No. {school} has had no English teacher for two months.",),
    "KIND": ("My child has been on the waiting list of kindergarten No. {kg} for a year.",),
    "EXTRA": ("Please open a robotics club for teenagers in town.",),
    "MEAL": ("Children at school No. {school} say the lunches are cold.",),
    "STRAN": ("The school bus to school No. {school} is always late.",),
    "CLIN": ("It is impossible to reach the clinic's reception by phone {since}.",),
    "HOSP": ("The hospital ward is cold and has no hot water.",),
    "PHARM": ("There has been no insulin in town pharmacies {since}.",),
    "AMBU": ("The ambulance took over an hour to reach {addr}.",),
    "APPT": ("There are no appointments with a neurologist {since}.",),
    "BENE": ("My child care allowance for last month has not been paid.",),
    "PENS": ("Please explain why my pension was reduced.",),
    "CARE": ("My mother is {age2} and lives alone at {addr}. She needs a social worker.",),
    "DISAB": ("There is no ramp at the entrance of {addr}; I use a wheelchair.",),
    "FAM": ("We are a large family. What support can we get with housing?",),
    "PERM": ("Do I need a permit to build a garage at {addr}?",),
    "ILLEG": ("My neighbour at {addr} is building a fence on my land without a permit.",),
    "PLOT": ("Please explain how to extend the lease of my plot at {addr}.",),
    "FACAD": ("The facade of {addr} is covered with graffiti.",),
    "PLAN": ("What is planned on the empty lot near {street}?",),
    "SHOP": ("The shop on {street} sells expired food.",),
    "PRICE": ("The price at the till was higher than on the label in the shop on {street}.",),
    "CAFE": ("The café on {street} plays loud music until 2 a.m.",),
    "SERV": ("There is no shoe repair shop left in town.",),
    "HOURS": ("The post office on {street} closes too early for working people.",),
}

TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {"ru": RU, "be": BE, "en": EN}

# The village council's categories read like the town's nearest ones.
LIKE = {"ROADS": "POTH", "HELP": "CARE"}

SLOTS: dict[str, dict[str, tuple[str, ...]]] = {
    "since": {
        "ru": (
            "третий день",
            "уже неделю",
            "с понедельника",
            "вторую неделю",
            "больше месяца",
            "уже два дня",
            "давно",
        ),
        "be": (
            "трэці дзень",
            "ужо тыдзень",
            "з панядзелка",
            "другі тыдзень",
            "больш за месяц",
            "ужо два дні",
            "даўно",
        ),
        "en": ("for three days", "for a week now", "since Monday", "for two weeks", "for a month"),
    },
    "called": {
        "ru": (
            "Звонили в ЖЭС, обещали прийти, но никого не было.",
            "Обращались в аварийную службу — без толку.",
            "Диспетчер сказал ждать.",
            "Писали в ЖЭС, ответа нет.",
            "Звонила мастеру участка, трубку не берут.",
            "",
        ),
        "be": (
            "Тэлефанавалі ў ЖЭС, абяцалі прыйсці, але нікога не было.",
            "Звярталіся ў аварыйную службу — без выніку.",
            "Дыспетчар сказаў чакаць.",
            "Пісалі ў ЖЭС, адказу няма.",
            "Тэлефанавала майстру ўчастка, слухаўку не бяруць.",
            "",
        ),
        "en": (
            "I called the housing office but nobody came.",
            "The emergency line said to wait.",
            "",
        ),
    },
    "age": {
        "ru": ("2 года", "3 года", "4 года"),
        "be": ("2 гады", "3 гады", "4 гады"),
        "en": ("3",),
    },
}

OPENINGS = {
    "ru": (
        "Здравствуйте!",
        "Добрый день.",
        "Уважаемые сотрудники горисполкома!",
        "Прошу помочь.",
        "",
    ),
    "be": (
        "Добры дзень!",
        "Паважаныя супрацоўнікі гарвыканкама!",
        "Прашу дапамагчы.",
        "Вітаю.",
        "",
    ),
    "en": ("Hello,", "Dear Sir or Madam,", "Good afternoon.", ""),
}
CLOSINGS = {
    "ru": ("Прошу принять меры.", "Прошу разобраться.", "Заранее спасибо.", "Жду ответа.",
           "Сколько можно терпеть?", "", ""),
    "be": ("Прашу прыняць меры.", "Прашу разабрацца.", "Дзякуй загадзя.", "Чакаю адказу.",
           "Колькі можна цярпець?", "", ""),
    "en": ("Please take action.", "Thank you in advance.", "I look forward to your reply.", ""),
}  # fmt: skip
SECOND_QUESTIONS = {
    "ru": ("Прошу сообщить сроки устранения.", "Кто несёт ответственность?"),
    "be": ("Прашу паведаміць тэрміны ліквідацыі.", "Хто нясе адказнасць?"),
    "en": ("When will it be fixed?",),
}

_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def fill(template: str, slots: dict[str, str], rng: random.Random) -> str:
    """Give a template with one option of each ``[a|b]`` picked and its slots filled."""
    picked = _CHOICE.sub(lambda match: rng.choice(match[1].split("|")), template)
    return " ".join(picked.format_map(slots).split())


def slot_values(language: str, rng: random.Random) -> dict[str, str]:
    """Give random values for the slots that do not depend on the place."""
    found = {name: rng.choice(by_language[language]) for name, by_language in SLOTS.items()}
    found.update(
        flat=str(rng.randint(1, 120)),
        n=str(rng.randint(1, 6)),
        bus=str(rng.randint(1, 12)),
        school=str(rng.randint(1, 6)),
        kg=str(rng.randint(1, 9)),
        km=str(rng.randint(2, 6)),
        age2=str(rng.randint(78, 94)),
    )
    return found


def appeal_text(
    category: str, language: str, slots: dict[str, str], rng: random.Random, typos: float = 0.3
) -> str:
    """Give the text of an appeal in a category, in the language, from one of its templates."""
    templates = (
        TEMPLATES[language].get(LIKE.get(category, category)) or TEMPLATES[language]["WASTE"]
    )
    parts = [rng.choice(OPENINGS[language]), fill(rng.choice(templates), slots, rng)]
    parts.append(rng.choice(CLOSINGS[language]))
    text = " ".join(part for part in parts if part)
    return with_typos(text, rng) if rng.random() < typos else text


def with_typos(text: str, rng: random.Random) -> str:
    """Give the text as typed in a hurry: swapped or dropped letters, no capitals or stops."""
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        spot = rng.randrange(1, max(2, len(chars) - 2))
        if not chars[spot].isalpha():
            continue
        kind = rng.random()
        if kind < 0.4 and chars[spot + 1].isalpha():
            chars[spot], chars[spot + 1] = chars[spot + 1], chars[spot]
        elif kind < 0.7:
            del chars[spot]
        else:
            chars.insert(spot, chars[spot])
    typed = "".join(chars)
    if rng.random() < 0.5:
        typed = typed[:1].lower() + typed[1:]
    if rng.random() < 0.4:
        typed = typed.rstrip(".!?")
    if rng.random() < 0.3:
        typed = typed.replace(", ", " ")
    if rng.random() < 0.1:
        typed = typed.lower()
    return typed
