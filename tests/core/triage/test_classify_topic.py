"""The topic a citizen chose as a feature of the department model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ratusha_core.triage.classify import (
    ClassifierConfig,
    LabelledText,
    classifier_from_bytes,
    classifier_to_bytes,
    train,
)
from ratusha_core.triage.classify.features import _hidden_topics, topic_levels
from ratusha_core.triage.evaluation import evaluate_csv, format_report, load_csv

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False, use_word_vectors=False)
TOPIC = ClassifierConfig(c_grid=(1.0,), use_embedding=False, use_word_vectors=False, use_topic=True)

# The same words go to two offices; only the topic (which district) tells them apart,
# as in a town whose district administrations share the same kinds of problems.
TEXTS = [
    "Не вывезен мусор во дворе",
    "Переполнены мусорные баки",
    "Яма во дворе у подъезда",
    "Не убран снег во дворе",
    "Сломана скамейка во дворе",
    "Разбита детская площадка",
]
HISTORY = [
    LabelledText(f"{text} {n}", office, topic)
    for n in range(6)
    for text in TEXTS
    for office, topic in (("north-office", "north"), ("south-office", "south"))
]


def test_the_topic_separates_what_the_words_cannot() -> None:
    words_only = train(HISTORY, FAST, random_state=0)
    with_topic = train(HISTORY, TOPIC, random_state=0)
    assert not words_only.reads_topic and with_topic.reads_topic
    assert with_topic.space.topics == ("north", "south")
    text = "Не вывезен мусор во дворе, баки переполнены"
    assert with_topic.predict(text, "north").label == "north-office"
    assert with_topic.predict(text, "south").label == "south-office"
    assert with_topic.predict(text, "north").confidence > 0.8
    # Without a topic (the citizen chose "I don't know"), or an unknown one, the model
    # cannot tell, and says so.
    for topic in (None, "east"):
        assert with_topic.predict(text, topic).confidence < 0.7
    # A model trained without topics ignores one given.
    assert words_only.predict(text, "north").top == words_only.predict(text).top


def test_a_fixed_share_of_training_appeals_is_fitted_without_its_topic() -> None:
    texts = [f"appeal {i}" for i in range(2000)]
    topics = [f"t{i % 7}" for i in range(2000)]
    hidden = _hidden_topics(texts, topics, 0.3)
    assert hidden == _hidden_topics(texts, topics, 0.3)  # the same every time
    left_out = sum(h is None for h in hidden)
    assert 520 <= left_out <= 680
    assert all(h is None or h == t for h, t in zip(hidden, topics, strict=True))
    assert _hidden_topics(texts, topics, 0.0) == topics


def test_the_topic_survives_storage_and_old_models_load_without_one() -> None:
    model = train(HISTORY, TOPIC, random_state=0)
    loaded = classifier_from_bytes(classifier_to_bytes(model))
    text = "Переполнены мусорные баки"
    assert loaded.predict(text, "south").top == model.predict(text, "south").top
    old = train(HISTORY, FAST, random_state=0)
    # Earlier versions pickled a feature space without the topic fields.
    del old.space.__dict__["topics"]
    del old.space.__dict__["topic_weight"]
    reloaded = classifier_from_bytes(classifier_to_bytes(old))
    assert not reloaded.reads_topic
    assert reloaded.predict(text, "south").top == old.predict(text).top


def test_evaluate_reads_a_topic_column_and_reports_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "appeals.csv"
    rows = ["text,office,district"] + [
        f'"{e.text}",{e.label},{e.topic if i % 10 else ""}' for i, e in enumerate(HISTORY)
    ]
    path.write_text("\n".join(rows), encoding="utf-8")
    examples, skipped = load_csv(path, "text", "office", "district")
    assert skipped == 0 and examples[0].topic is None and examples[1].topic == "south"
    report = evaluate_csv(path, "text", "office", folds=3, config=FAST, topic_column="district")
    assert report.topic_column == "district"
    assert report.model.without_topic is not None
    top1_blind, top3_blind = report.model.without_topic
    # Words alone are a coin toss between the two offices; the topic decides.
    assert report.model.accuracy >= 0.85
    assert top1_blind <= 0.65 and top3_blind == 1.0
    assert report.baseline is not None and report.baseline.without_topic is None
    text = format_report(report)
    assert "topic=district" in text
    # The line without topics follows the classifier's, before the baseline's.
    names = [line.split("  ")[0] for line in text.splitlines()[4:]]
    assert names == ["classifier", "", "baseline (TF-IDF + LR)"]
    assert text.splitlines()[5].startswith("  the same, no topic")
    plain = evaluate_csv(path, "text", "office", folds=3, config=FAST)
    assert plain.model.without_topic is None and "no topic" not in format_report(plain)


def test_a_sub_topic_also_says_what_its_parent_says() -> None:
    assert topic_levels("north") == ["north"]
    assert topic_levels("north/yards") == ["north", "north/yards"]
    # Each office's history is spread over its sub-topics; a sub-topic never seen in
    # training still carries its parent's column.
    history = [
        LabelledText(e.text, e.label, f"{e.topic}/{'yards' if n // 2 % 2 else 'streets'}")
        for n, e in enumerate(HISTORY)
    ]
    model = train(history, TOPIC, random_state=0)
    assert set(model.space.topics) == {
        "north",
        "south",
        "north/yards",
        "north/streets",
        "south/yards",
        "south/streets",
    }
    text = "Не вывезен мусор во дворе, баки переполнены"
    assert model.predict(text, "north/parks").label == "north-office"
    assert model.predict(text, "south/parks").label == "south-office"
    assert model.predict(text, "east/parks").confidence < 0.7


def test_several_topic_columns_make_a_path_broadest_first(tmp_path: Path) -> None:
    path = tmp_path / "appeals.csv"
    path.write_text(
        "text,office,district,street\na,x,north,Lenin/1\nb,y,south,\nc,y,,Lenin\n",
        encoding="utf-8",
    )
    examples, _ = load_csv(path, "text", "office", "district,street")
    # A "/" inside a value is not a level; a finer level without its parent is dropped.
    assert [e.topic for e in examples] == ["north/Lenin 1", "south", None]


def test_an_appeal_without_a_topic_is_predicted_by_the_text_only_twin() -> None:
    balanced = {"class_weights": ("balanced",)}
    words_only = train(HISTORY, replace(FAST, **balanced), random_state=0)
    with_topic = train(HISTORY, replace(TOPIC, **balanced), random_state=0)
    twin = with_topic.text_only
    assert twin is not None and not twin.reads_topic and twin.text_only is None
    # Appeals with a topic it knows (or whose parent it knows) stay with the model.
    assert with_topic.for_topic("north") is with_topic
    assert with_topic.for_topic("north/parks") is with_topic
    for topic in (None, "", "east", "east/parks"):
        assert not with_topic.for_topic(topic).reads_topic
    # The twin is what a model that never read topics would be: the same words, the
    # same setting, so the same prediction, calibration and threshold.
    text = "Яма во дворе у подъезда, не вывезен мусор"
    assert with_topic.predict(text).top == words_only.predict(text).top
    assert with_topic.for_topic(None).threshold == words_only.threshold
    assert with_topic.metrics["text_only_inner_accuracy"] == words_only.metrics["inner_accuracy"]
    # A batch keeps its order whichever model predicts each row.
    topics = ["south", None, "north", "east"]
    batch = with_topic.predict_many([text] * 4, topics=topics)
    assert [p.top for p in batch] == [with_topic.predict(text, t).top for t in topics]
    assert batch[0].label == "south-office" and batch[2].label == "north-office"
    # Switched off, the model predicts every appeal itself, as before.
    alone = train(HISTORY, replace(TOPIC, text_only_twin=False), random_state=0)
    assert alone.text_only is None and alone.for_topic(None) is alone


def test_the_twin_is_stored_and_follows_the_body_precision() -> None:
    model = train(HISTORY, TOPIC, random_state=0)
    loaded = classifier_from_bytes(classifier_to_bytes(model))
    assert loaded.text_only is not None
    text = "Переполнены мусорные баки"
    assert loaded.predict(text).top == model.predict(text).top
    assert loaded.for_topic(None).threshold == model.for_topic(None).threshold
    twin = model.text_only
    assert twin is not None and twin.routing
    for precision in (0.8, 0.95):
        moved = model.at_precision(precision)
        assert moved.text_only is not None
        assert moved.for_topic(None).threshold == twin.at_precision(precision).threshold


def test_the_same_history_trains_the_same_model_and_twin() -> None:
    first, second = (train(HISTORY, TOPIC, random_state=0) for _ in range(2))
    assert first.text_only is not None and second.text_only is not None
    assert (first.model.coef_ == second.model.coef_).all()
    assert (first.text_only.model.coef_ == second.text_only.model.coef_).all()


def test_a_long_history_fits_the_twin_in_a_second_process_with_the_same_result() -> None:
    alone = train(HISTORY, TOPIC, random_state=0)
    beside = train(HISTORY, replace(TOPIC, twin_process_from=1), random_state=0)
    assert alone.text_only is not None and beside.text_only is not None
    assert (alone.model.coef_ == beside.model.coef_).all()
    assert (alone.text_only.model.coef_ == beside.text_only.model.coef_).all()
    assert alone.text_only.metrics == beside.text_only.metrics
