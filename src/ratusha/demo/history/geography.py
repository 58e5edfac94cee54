"""The demo district's streets: names in three languages, house numbers and map points.

Zarechensk's centre is at 53.9000 N, 27.0000 E; its streets run as straight lines within
about 3 km of it, and a house sits along its street by its number (even numbers on one
side, odd on the other). The village council's villages lie some 9 km to the north-east.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import Decimal

TOWN_CENTRE = (53.9000, 27.0000)
VILLAGE_CENTRE = (53.9550, 27.1150)
TOWN = {"be": "Зарэчанск", "ru": "Зареченск", "en": "Zarechensk"}

# (be, ru, en, start km (east, north), end km, the highest house number)
Segment = tuple[str, str, str, tuple[float, float], tuple[float, float], int]

TOWN_STREETS: tuple[Segment, ...] = (
    ("вул. Савецкая", "ул. Советская", "Savietskaja St", (-2.4, 0.1), (2.5, -0.2), 120),
    ("вул. Леніна", "ул. Ленина", "Lienina St", (0.2, -2.6), (-0.1, 2.6), 140),
    (
        "пр-т Незалежнасці",
        "пр-т Независимости",
        "Niezalezhnasci Ave",
        (-2.8, -1.6),
        (2.6, 1.9),
        160,
    ),
    ("вул. Гагарына", "ул. Гагарина", "Haharyna St", (-1.2, 0.9), (1.8, 1.2), 60),
    ("вул. Садовая", "ул. Садовая", "Sadovaja St", (-1.8, -0.8), (0.9, -1.3), 70),
    ("вул. Школьная", "ул. Школьная", "Shkolnaja St", (0.8, 0.3), (1.1, 2.2), 40),
    ("вул. Набярэжная", "ул. Набережная", "Nabiarezhnaja St", (-2.6, -2.2), (1.2, -2.5), 50),
    (
        "вул. Чырвонаармейская",
        "ул. Красноармейская",
        "Chyrvonaarmiejskaja St",
        (-0.9, -2.0),
        (-1.1, 1.8),
        90,
    ),
    ("вул. Пушкіна", "ул. Пушкина", "Pushkina St", (1.4, -1.8), (1.6, 0.4), 45),
    ("вул. Каліноўскага", "ул. Калиновского", "Kalinouskaha St", (-2.2, 1.4), (-0.3, 2.5), 55),
    ("вул. Маладзёжная", "ул. Молодёжная", "Maladziozhnaja St", (1.9, 1.5), (2.7, -0.8), 38),
    ("вул. Будаўнікоў", "ул. Строителей", "Budaunikou St", (2.1, -1.1), (2.8, -2.4), 30),
    ("вул. Лясная", "ул. Лесная", "Liasnaja St", (-2.7, 0.6), (-2.5, 2.4), 48),
    ("вул. Чкалава", "ул. Чкалова", "Chkalava St", (-1.5, -0.3), (-0.4, -0.5), 25),
    ("вул. Скарыны", "ул. Скорины", "Skaryny St", (0.5, -0.9), (2.2, -0.6), 42),
    ("вул. Першамайская", "ул. Первомайская", "Pershamajskaja St", (-1.9, -1.2), (-0.3, -1.6), 36),
    ("вул. Мічурына", "ул. Мичурина", "Michuryna St", (0.6, 2.0), (1.7, 2.6), 22),
    ("вул. Кірава", "ул. Кирова", "Kirava St", (-0.5, -0.2), (0.6, 0.7), 30),
    ("пл. Свабоды", "пл. Свободы", "Svabody Sq", (-0.2, 0.1), (0.2, 0.3), 12),
)

VILLAGE_STREETS: tuple[Segment, ...] = (
    ("в. Калінаўка, вул. Школьная", "д. Калиновка, ул. Школьная", "Kalinauka, Shkolnaja St",
     (-0.4, -0.1), (0.5, 0.2), 40),
    ("в. Калінаўка, вул. Цэнтральная", "д. Калиновка, ул. Центральная",
     "Kalinauka, Centralnaja St", (-0.1, -0.6), (0.1, 0.7), 55),
    ("в. Калінаўка, вул. Лугавая", "д. Калиновка, ул. Луговая", "Kalinauka, Luhavaja St",
     (0.3, -0.5), (0.9, -0.4), 24),
    ("в. Бярозаўка, вул. Садовая", "д. Берёзовка, ул. Садовая", "Biarozauka, Sadovaja St",
     (1.8, 1.2), (2.5, 1.6), 30),
    ("в. Бярозаўка, вул. Лясная", "д. Берёзовка, ул. Лесная", "Biarozauka, Liasnaja St",
     (2.0, 1.0), (2.1, 2.0), 18),
    ("в. Дуброўка, вул. Палявая", "д. Дубровка, ул. Полевая", "Dubrouka, Paliavaja St",
     (-1.8, 2.2), (-1.0, 2.6), 26),
)  # fmt: skip

_KM_PER_DEGREE = 111.2


@dataclass(frozen=True)
class Place:
    """A house on a street of the district, with its point on the map."""

    street: tuple[str, str, str]  # be, ru, en
    house: int
    latitude: Decimal
    longitude: Decimal

    def address(self, language: str) -> str:
        """Give the address as a person writing in ``language`` would put it."""
        if language == "en":
            return f"{self.house} {self.street[2]}"
        return f"{self.street[0 if language == 'be' else 1]}, {self.house}"

    def street_name(self, language: str) -> str:
        return self.street[{"be": 0, "ru": 1}.get(language, 2)]


def _point(centre: tuple[float, float], east_km: float, north_km: float) -> tuple[Decimal, Decimal]:
    lat0, lon0 = centre
    lat = lat0 + north_km / _KM_PER_DEGREE
    lon = lon0 + east_km / (_KM_PER_DEGREE * math.cos(math.radians(lat0)))
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def place(rng: random.Random, village: bool = False) -> Place:
    """Give a random house in the town (or in the villages), placed along its street."""
    streets = VILLAGE_STREETS if village else TOWN_STREETS
    # Longer streets get more appeals: weight by the number of houses.
    be, ru, en, start, end, houses = rng.choices(streets, weights=[s[5] for s in streets])[0]
    house = rng.randint(1, houses)
    share = (house - 0.5) / houses
    east = start[0] + (end[0] - start[0]) * share
    north = start[1] + (end[1] - start[1]) * share
    # Even houses on the left of the street, odd on the right, about 25 m from its axis.
    length = math.hypot(end[0] - start[0], end[1] - start[1]) or 1.0
    side = 0.025 if house % 2 == 0 else -0.025
    east += -(end[1] - start[1]) / length * side + rng.uniform(-0.01, 0.01)
    north += (end[0] - start[0]) / length * side + rng.uniform(-0.01, 0.01)
    lat, lon = _point(VILLAGE_CENTRE if village else TOWN_CENTRE, east, north)
    return Place((be, ru, en), house, lat, lon)


def postal_address(rng: random.Random, language: str, village: bool = False) -> str:
    """Give an applicant's postal address: a house (and a flat in town) and the place."""
    home = place(rng, village)
    if village:
        return home.address(language)
    flat = rng.randint(1, 120) if rng.random() < 0.7 else 0
    town = TOWN.get(language, TOWN["be"])
    if language == "en":
        return f"{'Flat ' + str(flat) + ', ' if flat else ''}{home.address('en')}, {town}"
    word = "кв." if flat else ""
    return f"{home.address(language)}{', ' + word + ' ' + str(flat) if flat else ''}, {town}"


# Places where one problem keeps coming back, so the demo has hotspots to find:
# (category, street index in TOWN_STREETS, house, share of that category's appeals there,
#  days before the end of the history from which the spot starts: 0 = all along).
TROUBLE_SPOTS = (
    ("HEAT", 1, 48, 0.30, 0),  # an old block on Lienina St with a failing heating riser
    ("WATER", 6, 17, 0.25, 0),  # a leaking main under Nabiarezhnaja St
    ("POTH", 0, 64, 0.55, 75),  # a road on Savietskaja St breaking up since the autumn rains
)


def trouble_spot(code: str, days_before_end: int, chance: float) -> Place | None:
    """Give the house where the problem of ``code`` keeps coming back, or None.

    ``chance`` (in [0, 1)) decides whether this appeal is one of those at the spot.
    """
    for category, street, house, share, since in TROUBLE_SPOTS:
        if category == code and chance < share and (since == 0 or days_before_end <= since):
            be, ru, en, start, end, houses = TOWN_STREETS[street]
            along = (house - 0.5) / houses
            east = start[0] + (end[0] - start[0]) * along + (chance - share / 2) * 0.08
            north = start[1] + (end[1] - start[1]) * along
            lat, lon = _point(TOWN_CENTRE, east, north)
            return Place((be, ru, en), house, lat, lon)
    return None
