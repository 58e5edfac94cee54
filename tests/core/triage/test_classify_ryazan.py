"""The classifier on real appeals from Ryazan: one held-out fifth, TF-IDF only.

Reads ``appeals-ru-ryazan/train.csv`` from ``$RATUSHA_SHARED_DATA`` or ``../shared/data``
beside the repository, and skips when it is not there. The full 5-fold figures are in
``benchmarks/triage_classifier.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ratusha_core.triage.classify import ClassifierConfig, train
from ratusha_core.triage.classify.folds import split_indices, stratified_folds
from ratusha_core.triage.evaluation import accuracy_at, load_csv

REPO_ROOT = Path(__file__).resolve().parents[3]


def ryazan_csv() -> Path:
    configured = os.environ.get("RATUSHA_SHARED_DATA")
    base = Path(configured) if configured else REPO_ROOT / ".." / "shared" / "data"
    path = (base / "appeals-ru-ryazan" / "train.csv").resolve()
    if not path.is_file():
        pytest.skip(f"Ryazan appeals not found at {path}: set RATUSHA_SHARED_DATA")
    return path


def test_category_accuracy_on_held_out_ryazan_appeals() -> None:
    examples, _ = load_csv(ryazan_csv(), "text", "category")
    assignment = stratified_folds([e.label for e in examples], 5, random_state=0)
    train_idx, test_idx = split_indices(assignment, 0)
    # One regularisation value keeps the test fast; the benchmark runs the full grid.
    config = ClassifierConfig(c_grid=(0.3,), inner_folds=2, use_embedding=False)
    model = train([examples[i] for i in train_idx], config, random_state=0)
    truth = [examples[i].label for i in test_idx]
    predictions = model.predict_many([examples[i].text for i in test_idx], explain_size=0)
    # Round 2 features measured 0.642 top-1 and 0.847 top-3 on this fold; the published
    # kNN + WMD gets 0.602. The bounds leave room for the machine and library versions.
    assert accuracy_at(truth, predictions, 1) > 0.60
    assert accuracy_at(truth, predictions, 3) > 0.80
