"""Demo data for Open311: a client with a known key for Zarechensk, and two extra questions.

The demo key is public on purpose (README and docs/open311.md), so that anyone can try
POST requests against ``make demo``; a real installation issues keys in the admin site.
"""

from __future__ import annotations

from datetime import datetime

from ratusha.bodies.models import Body, Category
from ratusha.open311.actions import key_digest
from ratusha.open311.models import AttributeValue, Open311Client, ServiceAttribute

DEMO_KEY = "demo-open311-zarechensk"

QUESTIONS = [
    # category, code, datatype, required, be, ru, en, choices (key, be, ru, en)
    (
        "HEAT",
        "WHERE",
        "singlevaluelist",
        True,
        "Дзе холадна?",
        "Где холодно?",
        "Where is it cold?",
        [
            ("flat", "У кватэры", "В квартире", "In a flat"),
            ("stairs", "У пад'ездзе", "В подъезде", "On the stairs"),
            ("house", "Ва ўсім доме", "Во всём доме", "In the whole building"),
        ],
    ),
    ("POTH", "DEPTH", "number", False, "Глыбіня ямы, см", "Глубина ямы, см", "Depth, cm", []),
]


def seed_demo(now: datetime) -> None:
    """Create the demo client and the extra questions (idempotent, a few queries)."""
    town = Body.objects.filter(code="ZAR").first()
    if town is None:
        return
    client, _created = Open311Client.objects.get_or_create(
        key_hash=key_digest(DEMO_KEY),
        defaults={"name": "Demo street app", "key_prefix": DEMO_KEY[:8]},
    )
    client.bodies.add(town)
    for code, attr, datatype, required, be, ru, en, choices in QUESTIONS:
        category = Category.objects.filter(body=town, code=code).first()
        if category is None:
            continue
        question, _new = ServiceAttribute.objects.get_or_create(
            category=category,
            code=attr,
            defaults={
                "datatype": datatype,
                "required": required,
                "description_be": be,
                "description_ru": ru,
                "description_en": en,
            },
        )
        for key, name_be, name_ru, name_en in choices:
            AttributeValue.objects.get_or_create(
                attribute=question,
                key=key,
                defaults={"name_be": name_be, "name_ru": name_ru, "name_en": name_en},
            )
