"""Word stems, mean word vectors, the threshold margin, and models stored before them."""

from __future__ import annotations

import numpy as np

from ratusha_core.triage.classify import (
    ClassifierConfig,
    LabelledText,
    choose_threshold,
    classifier_from_bytes,
    classifier_to_bytes,
    train,
)
from ratusha_core.triage.classify.stemming import stem, stem_tokens
from ratusha_core.triage.classify.word_vectors import WordVectors

APPEALS = [
    LabelledText(text, label)
    for text, label in [
        ("Не горит фонарь во дворе", "lighting"),
        ("Нет уличного освещения, фонари не горят", "lighting"),
        ("Сломан фонарь у подъезда", "lighting"),
        ("Яма на дороге у школы", "roads"),
        ("Разбитый асфальт на проезжей части", "roads"),
        ("Ямы на дорогах после зимы", "roads"),
    ]
    * 4
]


def test_inflected_forms_share_one_stem() -> None:
    assert {stem(w) for w in ["фонарь", "фонари", "фонарей", "фонарями"]} == {"фонар"}
    assert stem("дорогах") == stem("дороги") == stem("дорога")
    assert stem("освещённость") == stem("освещенность")


def test_latin_words_and_numbers_keep_their_form() -> None:
    assert stem_tokens("Street 12B, дом 5") == ["street", "12b", "дом"]


def test_mean_word_vectors_are_unit_length_and_put_related_texts_close() -> None:
    rows = WordVectors().embed(["не горит фонарь", "нет освещения на улице", "qwzx", ""])
    assert rows.shape == (4, 300)
    assert np.allclose(np.linalg.norm(rows[:2], axis=1), 1.0, atol=1e-5)
    assert not rows[2].any() and not rows[3].any()
    pothole = WordVectors().embed(["огромная яма на асфальте"])[0]
    assert float(rows[0] @ rows[1]) > float(rows[0] @ pothole)


def test_the_threshold_margin_asks_for_more_certainty() -> None:
    confidences = [0.99, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
    correct = [True, True, True, True, True, True, True, True, True, False]
    plain = choose_threshold(confidences, correct, 0.9)
    careful = choose_threshold(confidences, correct, 0.9, margin_z=1.0)
    assert plain.threshold == 0.3
    assert careful.threshold is not None and careful.threshold > plain.threshold
    assert careful.precision == 1.0


def test_explanation_names_the_words_of_the_text_behind_a_stem() -> None:
    model = train(APPEALS, ClassifierConfig(c_grid=(1.0,), use_embedding=False), random_state=0)
    assert [name for name, _ in model.space.blocks] == ["char", "stem"]
    assert model.space.word_vectors is not None
    prediction = model.predict("Фонарями не освещена улица")
    assert prediction.label == "lighting"
    assert "Фонарями" in prediction.explanation


def test_a_model_stored_before_stems_and_word_vectors_still_loads() -> None:
    old_style = ClassifierConfig(
        c_grid=(1.0,), word_stems=False, use_word_vectors=False, use_embedding=False
    )
    model = train(APPEALS, old_style, random_state=0)
    # Earlier versions pickled a feature space without the word-vector fields.
    del model.space.__dict__["word_vectors"]
    del model.space.__dict__["word_vectors_weight"]
    loaded = classifier_from_bytes(classifier_to_bytes(model))
    assert loaded.space.word_vectors is None
    assert loaded.predict("Яма на дороге").label == "roads"
