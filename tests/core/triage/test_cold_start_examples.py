"""Cold start from an administrator's example appeals, with or without keywords."""

from __future__ import annotations

from ratusha_core.triage.classify import CategoryDescription, cold_start

LIGHTS = CategoryDescription("lights", keywords=("ліхтар",), examples=("Не гарыць ліхтар.",))
DOGS = CategoryDescription(
    "dogs", examples=("Бадзяжныя сабакі кідаюцца на дзяцей.", "Бродячие собаки во дворе.", " ")
)


def test_an_example_alone_carries_a_category_and_explains_itself() -> None:
    prediction = cold_start([LIGHTS, DOGS]).predict("Сабакі кідаюцца на людзей ля крамы.")
    assert prediction.label == "dogs"
    assert prediction.top[0][1] <= 0.6  # a guess is never sure enough to route
    assert "кідаюцца" in prediction.explanation


def test_an_example_in_another_language_still_helps() -> None:
    assert cold_start([LIGHTS, DOGS]).predict("Бродячие собаки бегают во дворе").label == "dogs"


def test_blank_examples_are_ignored() -> None:
    classifier = cold_start([LIGHTS, DOGS])
    assert all(ex.strip() for c in classifier.categories for ex in c.examples)
    only_blank = CategoryDescription("empty", examples=("", "  "))
    assert cold_start([LIGHTS, only_blank]).predict("Не гарыць ліхтар").label == "lights"
