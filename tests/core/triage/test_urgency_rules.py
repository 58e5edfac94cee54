"""Urgency rules in Belarusian, Russian and English, with inflections and look-alikes."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from ratusha_core.triage.urgency import Urgency, UrgencyRule, assess_urgency

EMERGENCIES = [
    ("В подъезде пахнет газом!", "gas_smell"),
    ("Сильный запах газа на лестнице", "gas_smell"),
    ("Пахнет в подъезде газом с утра", "gas_smell"),
    ("У пад'ездзе пахне газам", "gas_smell"),
    ("Уцечка газу ў кватэры", "gas_smell"),
    ("It smells of gas in the stairwell", "gas_smell"),
    ("Батареи холодные, а на улице минус двадцать", "no_heating_in_frost"),
    ("Батарэі халодныя, на вуліцы мароз", "no_heating_in_frost"),
    ("No heating and it is freezing outside", "no_heating_in_frost"),
    ("Во дворе оборван провод, искрит", "fallen_wire"),
    ("На вуліцы ляжыць абарваны правад", "fallen_wire"),
    ("A power line is down on our street", "fallen_wire"),
    ("Открытый люк возле школы", "open_manhole"),
    ("Люк без крышки на тротуаре", "open_manhole"),
    ("Адкрыты люк каля школы", "open_manhole"),
    ("There is an open manhole near the bus stop", "open_manhole"),
    ("Балкон отваливается, под ним ходят дети", "collapse_risk"),
    ("Трещина в несущей стене, боимся обрушения", "collapse_risk"),
    ("The ceiling is about to fall", "collapse_risk"),
    ("Мальчик застрял в лифте", "people_trapped_in_lift"),
    ("Задымление в подвале", "fire_or_smoke"),
    ("Трубу прорвало, кипяток заливает подвал", "boiling_water_leak"),
    ("Это опасно для жизни детей", "danger_to_life"),
]

URGENT = [
    ("Нет воды третий день", "no_water"),
    ("Няма вады з раніцы", "no_water"),
    ("No water since morning", "no_water"),
    ("Нет отопления в квартире", "no_heating"),
    ("Заливает квартиру сверху", "flooding"),
    ("The basement is flooded", "flooding"),
    ("Дерево упало на машину", "fallen_tree"),
    ("Сосульки над входом в магазин", "icicles_or_falling_objects"),
    ("Отключили электричество во всём доме", "no_electricity"),
]

NORMAL = [
    "Покосите газон во дворе",
    "Газета не пришла",
    "Газель перегородила проезд",
    "Газом больше не пахнет, спасибо",
    "There is no gas smell any more",
    "Свет в подъезде не горит",
    "Нет горячей воды",
    "Прошу покрасить скамейку",
    "Когда откроют бассейн после ремонта?",
    "Прошу убрать листья с тротуара",
    "The lawn needs mowing",
]


@pytest.mark.parametrize(("text", "reason"), EMERGENCIES)
def test_emergencies(text: str, reason: str) -> None:
    urgency = assess_urgency(text, None)
    assert urgency.level == "emergency"
    assert reason in urgency.reasons


@pytest.mark.parametrize(("text", "reason"), URGENT)
def test_urgent(text: str, reason: str) -> None:
    assert assess_urgency(text, None) == Urgency("urgent", (reason,))


@pytest.mark.parametrize("text", NORMAL)
def test_look_alikes_and_negations_stay_normal(text: str) -> None:
    assert assess_urgency(text, "ru") == Urgency("normal", ())


def test_reasons_come_strongest_first_and_frost_replaces_plain_no_heating() -> None:
    urgency = assess_urgency("Нет отопления, мороз -25°, и ещё нет воды", "ru")
    assert urgency == Urgency("emergency", ("no_heating_in_frost", "no_water"))


def test_custom_rules() -> None:
    rules = (UrgencyRule("ice", "urgent", (re.compile("гололёд"),)),)
    assert assess_urgency("Гололёд у подъезда", "ru", rules=rules).reasons == ()
    assert assess_urgency("гололёд у подъезда", "ru", rules=rules) == Urgency("urgent", ("ice",))


def _shared_data() -> Path:
    default = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
    return Path(os.environ.get("RATUSHA_SHARED_DATA", default)).resolve()


def test_smoke_on_kzgovdata_flags_high_urgency_far_more_than_low() -> None:
    # A templated, probably synthetic set whose "high" label also covers corruption and
    # queues; only a smoke test that the rules separate the extremes, not a quality claim.
    path = _shared_data() / "appeals-kz-kzgovdata" / "data.csv"
    if not path.exists():
        pytest.skip(f"shared data missing: {path} (set RATUSHA_SHARED_DATA)")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    flagged: dict[str, list[bool]] = {"высокая": [], "низкая": []}
    for row in rows:
        if row["urgency"] in flagged:
            level = assess_urgency(row["text_ru"], "ru").level
            flagged[row["urgency"]].append(level != "normal")
    high = sum(flagged["высокая"]) / len(flagged["высокая"])
    low = sum(flagged["низкая"]) / len(flagged["низкая"])
    assert high >= 0.07
    assert low <= 0.01
