"""The demo history generator on its own (nothing written): seasons, languages, places, lives."""

from __future__ import annotations

import math
from collections import Counter
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from ratusha.demo.history import geography, texts
from ratusha.demo.history.fixes import FIXES
from ratusha.demo.history.generator import Citizen, Desk, Town, plan_history
from ratusha.demo.history.seasons import SHARE
from ratusha.demo.history.templates_be import BE
from ratusha.demo.history.templates_ru import RU
from ratusha_core.deadlines import BelarusAppealsLaw2023, bundled_calendar_file

AS_OF = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Minsk")
CATALOGUE = {
    "HOUS": ("HEAT", "WATER", "ROOF", "LIFT", "BILLS"),
    "ROAD": ("POTH", "SNOW", "BUS", "LIGHT", "TRAF"),
    "LAND": ("WASTE", "TREE", "YARD", "ANIM", "CLEAN"),
    "EDU": ("SCHL", "KIND", "EXTRA", "MEAL", "STRAN"),
    "HEAL": ("CLIN", "HOSP", "PHARM", "AMBU", "APPT"),
    "SOC": ("BENE", "PENS", "CARE", "DISAB", "FAM"),
    "ARCH": ("PERM", "ILLEG", "PLOT", "FACAD", "PLAN"),
    "TRADE": ("SHOP", "PRICE", "CAFE", "SERV", "HOURS"),
}


def town() -> Town:
    desks = {code: Desk(n, code, (100 + n,), 200 + n) for n, code in enumerate(CATALOGUE, start=1)}
    categories = tuple(
        (category, 1000 + 10 * n + m, dept)
        for n, (dept, codes) in enumerate(CATALOGUE.items())
        for m, category in enumerate(codes)
    )
    return Town(
        code="ZAR",
        time_zone="Europe/Minsk",
        village=False,
        categories=categories,
        desks=desks,
        clerk=300,
        higher_body=3,
        forward_to=(2, 3, 5),
        languages={"ru": 45, "be": 45, "en": 10},
        citizens=(Citizen(400, "Ганна Жук", "citizen1@demo.example", "be"),),
    )


@pytest.fixture(scope="module")
def history() -> list:
    return plan(3000, 2026)


def category_of(past) -> str:
    return {pk: code for code, pk, _ in town().categories}[past.category_id]


def plan(count: int, seed: int) -> list:
    calendar = bundled_calendar_file().calendar()
    policy = BelarusAppealsLaw2023()
    return plan_history(town(), count, as_of=AS_OF, seed=seed, calendar=calendar, policy=policy)


def test_the_same_seed_gives_the_same_history_and_another_seed_another() -> None:
    first = plan(300, 2026)
    assert plan(300, 2026) == first
    assert [p.text for p in plan(300, 7)] != [p.text for p in first]


def test_appeals_span_two_years_and_never_the_future(history: list) -> None:
    assert len(history) == 3000
    first = min(p.registered_at for p in history)
    assert 700 <= (AS_OF - first).days <= 740
    assert all(step.at <= AS_OF for p in history for step in p.steps)
    assert all(p.registered_at <= AS_OF for p in history)


def share(history: list, code: str, month: int) -> float:
    in_month = [p for p in history if p.registered_at.astimezone(ZONE).month == month]
    return sum(category_of(p) == code for p in in_month) / len(in_month)


def test_seasons_show(history: list) -> None:
    assert share(history, "HEAT", 11) > 3 * share(history, "HEAT", 7)
    assert share(history, "SNOW", 1) > 0.05 and share(history, "SNOW", 7) == 0
    spring = sum(share(history, "TREE", m) + share(history, "YARD", m) for m in (4, 5, 6))
    winter = sum(share(history, "TREE", m) + share(history, "YARD", m) for m in (12, 1, 2))
    assert spring > 2 * winter
    assert share(history, "STRAN", 9) > 2 * share(history, "STRAN", 3)


def test_fewer_appeals_at_weekends(history: list) -> None:
    days = Counter(p.registered_at.astimezone(ZONE).weekday() for p in history)
    assert days[0] > 2 * days[6]
    assert days[5] < days[4]


def test_languages_mix_in_the_stated_shares(history: list) -> None:
    languages = Counter(p.language for p in history)
    assert 0.40 < languages["ru"] / 3000 < 0.50
    assert 0.40 < languages["be"] / 3000 < 0.50
    assert 0.07 < languages["en"] / 3000 < 0.13
    belarusian = [p.text for p in history if p.language == "be"]
    assert sum("ў" in text or "і" in text for text in belarusian) > 0.8 * len(belarusian)


def test_texts_vary_and_some_carry_typos(history: list) -> None:
    assert len({p.text for p in history}) > 0.95 * len(history)
    lower_start = sum(p.text[:1].islower() for p in history)
    assert 0.05 * len(history) < lower_start < 0.4 * len(history)
    assert all("{" not in p.text and "[" not in p.text for p in history)
    assert all("{" not in a.replace("{number}", "") for p in history for a in p.answers)


def test_every_category_has_templates_in_russian_and_belarusian() -> None:
    zar = [code for codes in CATALOGUE.values() for code in codes]
    assert set(zar) <= set(RU) and set(zar) <= set(BE) and set(zar) <= set(texts.EN)
    assert all(len(RU[c]) >= 3 and len(BE[c]) >= 3 for c in zar)
    assert set(zar) <= set(SHARE) and set(zar) <= set(FIXES)


def test_answers_speak_of_the_matter_and_name_the_appeal(history: list) -> None:
    answered = [p for p in history if p.answers]
    assert len(answered) > 0.8 * len(history)
    assert all("{number}" in a for p in answered for a in p.answers)
    heating = [p.answers[0] for p in answered if category_of(p) == "HEAT" and p.language == "ru"]
    assert heating and all("ЖЭС" in a for a in heating)
    assert all("пенси" not in a for a in heating)


def test_places_lie_within_the_town(history: list) -> None:
    placed = [p for p in history if p.latitude is not None]
    assert len(placed) > 0.5 * len(history)
    lat0, lon0 = geography.TOWN_CENTRE
    for past in placed:
        north = (float(past.latitude) - lat0) * 111.2
        east = (float(past.longitude) - lon0) * 111.2 * math.cos(math.radians(lat0))
        assert math.hypot(north, east) < 4.0, past.address


def test_lives_take_every_branch(history: list) -> None:
    last = Counter(p.steps[-1].action if p.steps else "register" for p in history)
    for action in (
        "close",
        "send_answer",
        "forward",
        "leave_without_consideration",
        "withdraw",
        "merge",
        "start_work",
        "dismiss_complaint",
    ):
        assert last[action] > 0, action
    extended = [p for p in history if any(s.action == "extend_deadline" for s in p.steps)]
    assert extended
    english_left = [
        p for p in history if p.steps and p.steps[-1].data.get("reason") == "language_not_accepted"
    ]
    assert english_left and all(p.language == "en" for p in english_left)


def test_ratings_are_mostly_good(history: list) -> None:
    scores = [p.rating[0] for p in history if p.rating]
    assert len(scores) > 300
    assert sum(s >= 4 for s in scores) > 0.6 * len(scores)
    assert any(s <= 2 for s in scores)
    assert all(p.rating[1] for p in history if p.rating and p.rating[0] == 1)
