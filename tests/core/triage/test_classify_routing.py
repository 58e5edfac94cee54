"""The auto-route threshold and the cold-start classifier built from keywords."""

from __future__ import annotations

import pytest

from ratusha_core.triage.classify import (
    CategoryDescription,
    Prediction,
    choose_threshold,
    cold_start,
    decide,
)
from ratusha_core.triage.classify.routing import at_precision, routing_table


def test_threshold_is_the_lowest_confidence_reaching_the_target_precision() -> None:
    # Sorted: 0.99 ok, 0.95 ok, 0.9 ok, 0.8 wrong, 0.7 ok, 0.6 wrong, 0.5 wrong.
    # Precision at each cut: 1, 1, 1, 3/4, 4/5, 4/6, 4/7.
    confidences = [0.8, 0.99, 0.5, 0.9, 0.7, 0.95, 0.6]
    correct = [False, True, False, True, True, True, False]
    choice = choose_threshold(confidences, correct, target_precision=0.8)
    assert choice.threshold == 0.7
    assert choice.routed == 5
    assert choice.coverage == 5 / 7
    assert choice.precision == 0.8
    strict = choose_threshold(confidences, correct, target_precision=0.9)
    assert (strict.threshold, strict.routed, strict.precision) == (0.9, 3, 1.0)
    everything = choose_threshold(confidences, correct, target_precision=0.5)
    assert (everything.threshold, everything.coverage) == (0.5, 1.0)


def test_equal_confidences_route_together() -> None:
    choice = choose_threshold([0.9, 0.9, 0.9, 0.5], [True, False, True, True], 0.9)
    assert choice.threshold is None
    assert (choice.coverage, choice.routed, choice.total) == (0.0, 0, 4)
    assert choose_threshold([0.9, 0.9, 0.5], [True, True, False], 0.9).routed == 2


def test_no_threshold_means_nothing_is_auto_routed() -> None:
    assert choose_threshold([], [], 0.9).threshold is None
    sure = Prediction(top=(("roads", 0.97), ("waste", 0.02)), explanation=())
    assert decide(sure, None) == "suggest"
    assert decide(sure, 0.97) == "auto_route"
    assert decide(sure, 0.98) == "suggest"


CATEGORIES = [
    CategoryDescription(
        "Дороги", keywords=("яма", "асфальт", "дорога"), examples=("Яма на дороге у дома 3",)
    ),
    CategoryDescription(
        "Освещение",
        keywords=("фонарь", "уличное освещение"),
        examples=("Не горит фонарь во дворе",),
    ),
    CategoryDescription("Мусор", keywords=("мусор", "контейнер")),
]


def test_cold_start_matches_inflected_keywords() -> None:
    guess = cold_start(CATEGORIES)
    lights = guess.predict("На нашей улице не горят фонари, уличного освещения нет")
    assert lights.label == "Освещение"
    assert set(lights.explanation) == {"фонари", "уличного освещения"}
    assert guess.predict("Переполнены контейнеры, мусора полно").label == "Мусор"


def test_cold_start_uses_examples_when_no_keyword_matches() -> None:
    guess = cold_start(CATEGORIES)
    prediction = guess.predict("Не горит во дворе")
    assert prediction.label == "Освещение"
    assert "горит" in prediction.explanation


def test_cold_start_is_honest_about_its_doubt() -> None:
    guess = cold_start(CATEGORIES, max_confidence=0.5)
    strong = guess.predict("Яма, яма, разбитый асфальт на дороге")
    assert strong.label == "Дороги"
    assert strong.confidence == pytest.approx(0.5)
    assert sum(p for _, p in strong.top) <= 1.0 + 1e-9
    assert guess.decide(strong) == "suggest"
    unknown = guess.predict("Благодарю за работу")
    assert [p for _, p in unknown.top] == pytest.approx([1 / 3] * 3)
    assert unknown.explanation == ()


def test_cold_start_needs_distinct_categories() -> None:
    two = cold_start(CATEGORIES[:2]).predict("Яма на дороге")
    assert two.label == "Дороги"
    assert two.confidence <= 0.6 + 1e-9
    with pytest.raises(ValueError):
        cold_start(CATEGORIES[:1])
    with pytest.raises(ValueError):
        cold_start([CATEGORIES[0], CATEGORIES[0]])
    with pytest.raises(ValueError):
        cold_start(CATEGORIES, max_confidence=0.2)


def test_the_routing_table_is_the_threshold_choice_at_each_precision() -> None:
    confidences = [0.8, 0.99, 0.5, 0.9, 0.7, 0.95, 0.6]
    correct = [False, True, False, True, True, True, False]
    table = routing_table(confidences, correct, margin_z=1.0)
    assert len(table) == 50 and table[0].target_precision == 0.5
    assert table[-1].target_precision == 0.99
    for choice in table:
        assert choice == choose_threshold(confidences, correct, choice.target_precision, 1.0)
    assert at_precision(table, 0.8) == table[30]
    assert at_precision(table, 0.3) is None  # below what a body may ask
