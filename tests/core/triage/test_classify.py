"""The category classifier on a small synthetic set: training, probabilities, storage."""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

import numpy as np
import pytest

from ratusha_core.triage.classify import (
    ClassifierConfig,
    IncompatibleModel,
    LabelledText,
    TrainedClassifier,
    classifier_from_bytes,
    classifier_to_bytes,
    read_header,
    train,
)
from ratusha_core.triage.classify.folds import stratified_folds
from ratusha_core.triage.classify.routing import PRECISION_STEPS, ThresholdChoice

TOPICS = {
    "roads": ["яма на дороге", "разбитый асфальт", "выбоина на проезжей части", "ремонт дороги"],
    "lighting": ["не горит фонарь", "нет уличного освещения", "темно во дворе", "сломан фонарь"],
    "waste": ["мусор не вывозят", "переполнен контейнер", "свалка мусора", "вывоз мусора"],
    "heating": ["холодные батареи", "нет отопления", "в квартире холодно", "отопление не работает"],
}
FILLERS = ["Прошу помочь.", "Уже неделю.", "Улица Ленина, дом 5.", "Жители просят принять меры."]


def synthetic_appeals(per_label: int, seed: int) -> list[LabelledText]:
    """Give appeals built from a topic phrase and neutral filler, in a fixed order."""
    rng = random.Random(seed)
    out = []
    for label, phrases in TOPICS.items():
        for _ in range(per_label):
            parts = [rng.choice(phrases), rng.choice(FILLERS), rng.choice(FILLERS)]
            rng.shuffle(parts)
            out.append(LabelledText(" ".join(parts), label))
    return out


FAST = ClassifierConfig(c_grid=(0.3, 1.0), use_embedding=False)


@pytest.fixture(scope="module")
def model() -> TrainedClassifier:
    return train(synthetic_appeals(12, seed=1), FAST, random_state=0)


def test_training_predicts_the_topic_of_new_appeals(model: TrainedClassifier) -> None:
    assert model.labels == ("heating", "lighting", "roads", "waste")
    assert model.predict("Во дворе не горит фонарь, очень темно").label == "lighting"
    assert model.predict("Огромная яма на дороге у школы").label == "roads"
    assert model.predict("Контейнер переполнен, мусор не вывозят").label == "waste"
    assert model.predict("В квартире холодно, батареи холодные").label == "heating"


def test_probabilities_are_top_three_sorted_and_sum_to_at_most_one(
    model: TrainedClassifier,
) -> None:
    for text in ["Не горит фонарь", "Прошу помочь.", "", "яма яма яма"]:
        top = model.predict(text).top
        probs = [p for _, p in top]
        assert len(top) == 3
        assert len({label for label, _ in top}) == 3
        assert probs == sorted(probs, reverse=True)
        assert all(0.0 <= p <= 1.0 for p in probs)
        assert sum(probs) <= 1.0 + 1e-9


def test_explanation_names_words_of_the_appeal(model: TrainedClassifier) -> None:
    prediction = model.predict("Сломан фонарь у подъезда, прошу помочь")
    assert prediction.label == "lighting"
    assert prediction.explanation
    assert prediction.explanation[0].lower() in {"фонарь", "сломан"}
    text = "сломан фонарь у подъезда, прошу помочь"
    assert all(part in text for word in prediction.explanation for part in word.lower().split())


def test_metrics_and_threshold_come_from_the_inner_cross_validation(
    model: TrainedClassifier,
) -> None:
    assert model.metrics["examples"] == 48
    assert model.metrics["labels"] == 4
    assert model.metrics["c"] in FAST.c_grid
    assert model.metrics["class_weight"] in FAST.class_weights
    assert 0.9 <= float(model.metrics["inner_accuracy"] or 0) <= 1.0
    assert model.threshold is not None and 0.0 < model.threshold < 1.0
    confident = model.predict("Не горит фонарь, нет уличного освещения, темно во дворе")
    assert model.decide(confident) == "auto_route"


def test_balanced_weights_let_a_rare_label_win_its_own_appeals() -> None:
    # 20 appeals each about roads and waste, three about a bus stop that also mention
    # the road: weighting the rare label up raises its score on a new bus-stop appeal.
    common = synthetic_appeals(20, seed=3)
    common = [e for e in common if e.label in {"roads", "waste"}]
    stops = [
        LabelledText(f"Остановка автобуса у дороги разбита, павильон {n} сломан", "stops")
        for n in ("без крыши", "без скамейки", "весь в граффити")
    ]
    new = ["Яма на дороге у остановки автобуса"]
    chosen = {}
    for weighting in ("none", "balanced"):
        config = replace(FAST, c_grid=(0.1,), class_weights=(weighting,))
        trained = train(common + stops, config, random_state=0)
        assert trained.metrics["class_weight"] == weighting
        margins = trained.model.decision_function(trained.space.transform(new, None))
        chosen[weighting] = float(margins[0][trained.labels.index("stops")])
    assert chosen["balanced"] > chosen["none"]
    with pytest.raises(ValueError, match="class weighting"):
        train(common + stops, replace(FAST, class_weights=("inverse",)), random_state=0)


def test_a_long_history_is_sampled_for_the_inner_cross_validation() -> None:
    config = replace(FAST, inner_max_examples=20)
    sampled = train(synthetic_appeals(12, seed=1), config, random_state=0)
    # 48 appeals in ceil(48 / 20) = 3 stratified parts: one part of 16 is used.
    assert sampled.metrics["inner_examples"] == 16
    assert sampled.metrics["examples"] == 48
    assert sampled.predict("Во дворе не горит фонарь").label == "lighting"


def test_same_seed_gives_the_same_model() -> None:
    data = synthetic_appeals(8, seed=2)
    a = train(data, FAST, random_state=3).predict("нет отопления и темно")
    b = train(data, FAST, random_state=3).predict("нет отопления и темно")
    assert a == b


def test_two_labels_and_a_single_label() -> None:
    data = [e for e in synthetic_appeals(8, seed=4) if e.label in {"roads", "waste"}]
    two = train(data, FAST, random_state=0)
    prediction = two.predict("яма на дороге")
    assert prediction.label == "roads"
    assert len(prediction.top) == 2
    with pytest.raises(ValueError, match="two different labels"):
        train([e for e in data if e.label == "roads"], FAST, random_state=0)


def test_the_model_keeps_a_threshold_for_every_precision_a_body_may_ask(
    model: TrainedClassifier,
) -> None:
    assert [c.target_precision for c in model.routing] == list(PRECISION_STEPS)
    trained = next(c for c in model.routing if c.target_precision == FAST.target_precision)
    assert trained.threshold == model.threshold  # the same choice training made
    # Asking more never lowers the bar nor routes more.
    reachable = [c for c in model.routing if c.threshold is not None]
    assert all(a.threshold <= b.threshold for a, b in pairwise(reachable))
    assert all(a.coverage >= b.coverage for a, b in pairwise(model.routing))

    table = (
        ThresholdChoice(0.2, 0.6, 0.7, 0.9, 45, 48),
        ThresholdChoice(None, 0.99, 0.0, 0.0, 0, 48),
    )
    made = replace(model, routing=table)
    assert made.at_precision(0.6).threshold == 0.2
    assert made.at_precision(0.6000001).threshold == 0.2  # to the hundredth
    strict = made.at_precision(0.99)
    assert strict.threshold is None
    assert strict.decide(model.predict("Не горит фонарь, темно во дворе")) == "suggest"
    assert made.at_precision(0.75) is made  # not in the table: as trained
    old = replace(model, routing=())  # a model stored before the table was kept
    assert old.at_precision(0.6) is old
    assert classifier_from_bytes(classifier_to_bytes(made)).at_precision(0.6).threshold == 0.2


def test_serialisation_round_trips_to_identical_predictions(model: TrainedClassifier) -> None:
    data = classifier_to_bytes(model)
    header = read_header(data)
    assert header["format_version"] == 1
    assert header["labels"] == list(model.labels)
    assert header["metrics"]["examples"] == 48
    loaded = classifier_from_bytes(data)
    assert loaded.threshold == model.threshold
    for text in ["Не горит фонарь", "мусор", "холодно дома, батареи"]:
        assert loaded.predict(text) == model.predict(text)


def test_loading_rejects_foreign_or_outdated_bytes(model: TrainedClassifier) -> None:
    with pytest.raises(IncompatibleModel):
        classifier_from_bytes(b"not a model")
    data = classifier_to_bytes(model)
    outdated = data.replace(b'"format_version": 1', b'"format_version": 0', 1)
    with pytest.raises(IncompatibleModel, match="format version"):
        classifier_from_bytes(outdated)


class WordHashEmbedder:
    """A stand-in for e5: the normalised sum of one fixed random vector per word."""

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        self.calls += 1
        rows = []
        for text in texts:
            v = np.zeros(16)
            for word in text.lower().split():
                v += np.random.default_rng(zlib.crc32(word.encode())).standard_normal(16)
            rows.append(v / (np.linalg.norm(v) or 1.0))
        return np.array(rows, dtype=np.float32)


def test_embedding_is_an_optional_block_and_is_reattached_on_load() -> None:
    embedder = WordHashEmbedder()
    config = replace(FAST, use_embedding=True)
    with_embedding = train(synthetic_appeals(8, seed=5), config, 0, embedder=embedder)
    assert with_embedding.space.tfidf_width > 0
    assert embedder.calls == 1
    assert with_embedding.predict("нет отопления").label == "heating"
    assert embedder.calls == 2
    loaded = classifier_from_bytes(classifier_to_bytes(with_embedding), embedder=embedder)
    assert loaded.predict("нет отопления") == with_embedding.predict("нет отопления")
    only_embedding = replace(config, use_char_ngrams=False, use_word_ngrams=False)
    model = train(synthetic_appeals(8, seed=5), only_embedding, 0, embedder=embedder)
    assert model.predict("нет отопления").explanation == ()


def test_folds_are_balanced_deterministic_and_keep_rare_labels() -> None:
    labels = ["a"] * 10 + ["b"] * 5 + ["c", "d"]
    first = stratified_folds(labels, 5, random_state=7)
    assert first == stratified_folds(labels, 5, random_state=7)
    assert sorted(set(first)) == [0, 1, 2, 3, 4]
    sizes = [first.count(f) for f in range(5)]
    assert max(sizes) - min(sizes) <= 1
    for label, count in [("a", 2), ("b", 1)]:
        for fold in range(5):
            assert (
                sum(f == fold for f, lab in zip(first, labels, strict=True) if lab == label)
                == count
            )
    # The two single appeals go to different folds.
    assert first[15] != first[16]
    with pytest.raises(ValueError):
        stratified_folds(["a", "b"], 3, random_state=0)


def test_production_settings_cut_the_inner_search_only_for_large_histories() -> None:
    small = ClassifierConfig.for_history(1200)
    assert small == ClassifierConfig()
    large = ClassifierConfig.for_history(10_000, use_embedding=False)
    assert large.c_grid == (1.0,) and large.inner_folds == 2 and not large.use_embedding
    assert large.class_weights == ClassifierConfig().class_weights
    assert ClassifierConfig.for_history(10_000, inner_folds=3).inner_folds == 3
