"""Cross-validation figures on toy sets, checked against numbers worked out by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ratusha_core.triage.classify import ClassifierConfig, LabelledText, Prediction
from ratusha_core.triage.classify.calibration import expected_calibration_error, top1_brier
from ratusha_core.triage.evaluation import (
    accuracy_at,
    cross_validate,
    evaluate_csv,
    format_report,
    load_csv,
    macro_f1,
)

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)


def test_macro_f1_by_hand() -> None:
    # a: tp 1, fp 0, fn 1 -> 2/3; b: tp 1, fp 1, fn 1 -> 1/2; c: never true -> 0
    truth = ["a", "a", "b", "b"]
    predicted = ["a", "b", "b", "c"]
    assert macro_f1(truth, predicted) == pytest.approx((2 / 3 + 1 / 2 + 0) / 3)
    assert macro_f1(["a", "b"], ["a", "b"]) == 1.0


def test_top_k_accuracy_by_hand() -> None:
    predictions = [
        Prediction((("a", 0.6), ("b", 0.3), ("c", 0.1)), ()),
        Prediction((("b", 0.5), ("c", 0.3), ("a", 0.2)), ()),
        Prediction((("c", 0.4), ("b", 0.3), ("d", 0.2)), ()),
    ]
    truth = ["a", "a", "a"]
    assert accuracy_at(truth, predictions, 1) == 1 / 3
    assert accuracy_at(truth, predictions, 2) == 1 / 3
    assert accuracy_at(truth, predictions, 3) == 2 / 3


def test_ece_and_brier_by_hand() -> None:
    # Bin 0.9: two right, gap 0.1; bin 0.6: one of two right, gap 0.1 -> ECE 0.1.
    assert expected_calibration_error([0.9, 0.9, 0.6, 0.6], [True, True, True, False]) == 0.1
    # A confidence of 1.0 falls in the last bin, with 0.95: accuracy 1/2, confidence 0.975.
    assert expected_calibration_error([1.0, 0.95], [True, False]) == pytest.approx(0.475)
    assert top1_brier([0.9, 0.6], [True, False]) == pytest.approx((0.01 + 0.36) / 2)


def separable_set() -> list[LabelledText]:
    """Give 3 labels x 6 appeals with their own words, plus one appeal of a lone label."""
    words = {"a": "фонарь освещение", "b": "яма асфальт", "c": "мусор контейнер"}
    out = [
        LabelledText(f"{words[label]} дом {i} улица {i}", label)
        for label in words
        for i in range(6)
    ]
    out.append(LabelledText("школа учитель класс", "lone"))
    return out


def test_cross_validation_figures_by_hand() -> None:
    # The lone appeal is never in its own training part, so it is always wrong and its
    # label never in the top 3; all the others are right: accuracy = top-3 = 18/19.
    # Its wrong guess is one false positive for one label: F1 = 12/13 there, 1 for the
    # other two, 0 for the lone label -> macro-F1 = (12/13 + 2) / 4.
    scores = cross_validate(separable_set(), FAST, folds=3, random_state=0, latency_sample=3)
    assert scores.accuracy == 18 / 19
    assert scores.top3_accuracy == 18 / 19
    assert scores.macro_f1 == pytest.approx((12 / 13 + 2) / 4)
    assert 0.0 <= scores.ece <= 1.0
    assert scores.latency_p95_ms >= scores.latency_p50_ms > 0.0
    assert scores.train_seconds > 0.0
    again = cross_validate(separable_set(), FAST, folds=3, random_state=0, latency_sample=3)
    assert (again.accuracy, again.macro_f1, again.ece) == (
        scores.accuracy,
        scores.macro_f1,
        scores.ece,
    )


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "body", "dept"])
        writer.writeheader()
        writer.writerows(rows)


def test_csv_loader_skips_empty_rows_and_names_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "appeals.csv"
    write_csv(
        path,
        [
            {"id": "1", "body": "яма", "dept": "roads"},
            {"id": "2", "body": "  ", "dept": "roads"},
            {"id": "3", "body": "мусор", "dept": ""},
        ],
    )
    examples, skipped = load_csv(path, "body", "dept")
    assert examples == [LabelledText("яма", "roads")]
    assert skipped == 2
    with pytest.raises(ValueError, match="category"):
        load_csv(path, "body", "category")


def test_evaluate_csv_reports_the_model_and_the_baseline(tmp_path: Path) -> None:
    path = tmp_path / "appeals.csv"
    rows = [{"id": str(i), "body": e.text, "dept": e.label} for i, e in enumerate(separable_set())]
    write_csv(path, rows)
    report = evaluate_csv(path, "body", "dept", folds=3, random_state=0, config=FAST)
    assert (report.examples, report.labels, report.folds) == (19, 4, 3)
    assert report.model.accuracy == 18 / 19
    assert report.baseline is not None
    assert report.baseline.name.startswith("baseline")
    text = format_report(report)
    assert "label=dept" in text
    assert "94.7%" in text
    assert "baseline" in text
