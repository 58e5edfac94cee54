"""Alphabetical order in Belarusian, Russian and English (``ratusha.collation``)."""

from __future__ import annotations

from typing import Any

import pytest

from ratusha.collation import by_name


def test_belarusian_letters_sort_in_their_places() -> None:
    words = ["Ёлкі", "Ўзбярэжжа", "Яма", "Ідэі", "Жыллё", "Ейск", "Уборка", "Футбол", "Зуб"]
    assert by_name(words) == [
        "Ейск",
        "Ёлкі",
        "Жыллё",
        "Зуб",
        "Ідэі",
        "Уборка",
        "Ўзбярэжжа",
        "Футбол",
        "Яма",
    ]


def test_russian_and_english_and_case() -> None:
    assert by_name(["щи", "Шар", "ёж", "Ель", "bus", "Ambulance"]) == [
        "Ambulance",
        "bus",
        "Ель",
        "ёж",
        "Шар",
        "щи",
    ]


@pytest.mark.django_db
def test_the_body_page_lists_its_topics_in_order(client: Any, world: Any) -> None:
    from ratusha.bodies.models import Category

    body = world.bodies["A"]
    for code, name in (("Z1", "Ўборка"), ("Z2", "Іл"), ("Z3", "Яма"), ("Z4", "Абрэвіятура")):
        Category.objects.create(body=body, code=code, name_be=name, is_public=True)
    html = client.get("/bodies/A/").content.decode()
    places = [html.index(f"<li>{name}</li>") for name in ("Абрэвіятура", "Іл", "Ўборка", "Яма")]
    assert places == sorted(places)
