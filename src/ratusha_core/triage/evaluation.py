"""How well the category or department classifier works: k-fold cross-validation.

The ``ratusha triage evaluate`` command is a thin wrapper over ``evaluate_csv`` and
``format_report``::

    report = evaluate_csv("appeals.csv", "text", "category", folds=5, random_state=0)
    print(format_report(report))

Each fold trains the classifier (with its own inner cross-validation for calibration
and threshold) on the other folds only; all figures are on the held-out fold.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ratusha_core.triage.classify.calibration import expected_calibration_error, top1_brier
from ratusha_core.triage.classify.features import TOPIC_SEPARATOR, Embedder
from ratusha_core.triage.classify.folds import split_indices, stratified_folds
from ratusha_core.triage.classify.model import TrainedClassifier, train
from ratusha_core.triage.classify.routing import choose_threshold, routed_precision
from ratusha_core.triage.classify.types import ClassifierConfig, LabelledText, Prediction


@dataclass(frozen=True)
class ModelScores:
    """Cross-validated figures of one classifier configuration.

    - ``coverage_at_target``: share of appeals auto-routed at the lowest threshold that
      reaches the target precision on the pooled out-of-fold predictions (the threshold
      is chosen on the same predictions, so this is the best case);
    - ``routed_coverage`` / ``routed_precision``: what happened when each fold's model
      used its own threshold, chosen inside its training data (the honest figure);
    - ``ece``: expected calibration error of the top-1 probability, 10 bins;
    - ``train_seconds``: mean time to train on one fold's training part;
    - ``latency_p50_ms`` / ``latency_p95_ms``: one appeal at a time, model loaded,
      explanation included;
    - ``*_cpu_*``: the same in processor time of this process, which a busy shared
      machine inflates less than wall-clock time;
    - ``without_topic``: for a model that reads the citizen's topic, its top-1 and top-3
      accuracy on the same held-out appeals with their topics left out (an appeal
      filed with "I don't know", which its text-only twin predicts); None otherwise.
    """

    name: str
    accuracy: float
    macro_f1: float
    top3_accuracy: float
    coverage_at_target: float
    threshold_at_target: float | None
    routed_coverage: float
    routed_precision: float
    ece: float
    brier: float
    train_seconds: float
    latency_p50_ms: float
    latency_p95_ms: float
    train_cpu_seconds: float
    latency_cpu_p50_ms: float
    latency_cpu_p95_ms: float
    without_topic: tuple[float, float] | None = None


@dataclass(frozen=True)
class EvaluationReport:
    """Cross-validation of the classifier and of the plain baseline on one data set."""

    source: str
    text_column: str
    label_column: str
    examples: int
    labels: int
    skipped_rows: int
    folds: int
    random_state: int
    target_precision: float
    model: ModelScores
    baseline: ModelScores | None
    topic_column: str | None = None


def accuracy_at(truth: Sequence[str], predictions: Sequence[Prediction], k: int) -> float:
    """Give the share of appeals whose true label is among the top ``k`` predicted."""
    if not truth:
        return 0.0
    hits = sum(
        t in [label for label, _ in p.top[:k]] for t, p in zip(truth, predictions, strict=True)
    )
    return hits / len(truth)


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """Give the unweighted mean F1 over every label that is true or predicted somewhere.

    >>> macro_f1(["a", "a", "b"], ["a", "b", "b"])
    0.6666666666666666
    """
    labels = sorted(set(truth) | set(predicted))
    if not labels:
        return 0.0
    scores = []
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(truth, predicted, strict=True))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted, strict=True))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


def _latencies(
    model: TrainedClassifier, examples: Sequence[LabelledText]
) -> tuple[list[float], list[float]]:
    """Give wall and processor milliseconds per single-appeal prediction, after a warm-up."""
    if not examples:
        return [0.0], [0.0]
    model.predict(examples[0].text, examples[0].topic)
    wall, cpu = [], []
    for example in examples:
        started, started_cpu = time.perf_counter(), time.process_time()
        model.predict(example.text, example.topic)
        wall.append((time.perf_counter() - started) * 1000.0)
        cpu.append((time.process_time() - started_cpu) * 1000.0)
    return wall, cpu


def cross_validate(
    examples: Sequence[LabelledText],
    config: ClassifierConfig,
    folds: int,
    random_state: int,
    name: str = "model",
    embedder: Embedder | None = None,
    latency_embedder: Embedder | None = None,
    latency_sample: int = 200,
) -> ModelScores:
    """Give the figures of one configuration from stratified k-fold cross-validation.

    Labels rarer than ``folds`` still appear in some test fold; when absent from the
    training part they count as errors, as they would in production. ``latency_embedder``
    replaces ``embedder`` while timing (pass an uncached one so that embedding counts).
    Deterministic for a given ``random_state`` except for the timings.
    """
    if config.use_embedding and embedder is None:
        # Embed each text once for all folds (in production the vectors are stored).
        from ratusha_core.triage.classify.features import CachedEmbedder, E5Embedder

        embedder = CachedEmbedder(E5Embedder())
    truth = [e.label for e in examples]
    assignment = stratified_folds(truth, folds, random_state)
    predictions: list[Prediction | None] = [None] * len(examples)
    blind: list[Prediction | None] = [None] * len(examples)
    thresholds: list[float | None] = [None] * len(examples)
    train_seconds: list[float] = []
    train_cpu: list[float] = []
    latencies: tuple[list[float], list[float]] = ([0.0], [0.0])
    for fold in range(folds):
        train_idx, test_idx = split_indices(assignment, fold)
        started, started_cpu = time.perf_counter(), time.process_time()
        model = train([examples[i] for i in train_idx], config, random_state, embedder)
        train_seconds.append(time.perf_counter() - started)
        train_cpu.append(time.process_time() - started_cpu)
        test_texts = [examples[i].text for i in test_idx]
        topics = [examples[i].topic for i in test_idx]
        found = model.predict_many(test_texts, explain_size=0, topics=topics)
        for i, topic, p in zip(test_idx, topics, found, strict=True):
            predictions[i] = p
            thresholds[i] = model.for_topic(topic).threshold
        if model.reads_topic:
            for i, p in zip(test_idx, model.predict_many(test_texts, explain_size=0), strict=True):
                blind[i] = p
        if fold == 0:
            timed = model if latency_embedder is None else replace(model, embedder=latency_embedder)
            latencies = _latencies(timed, [examples[i] for i in test_idx[:latency_sample]])
    done = [p for p in predictions if p is not None]
    without = [p for p in blind if p is not None]
    top1 = [p.label for p in done]
    confidence = [p.confidence for p in done]
    correct = [t == p for t, p in zip(truth, top1, strict=True)]
    choice = choose_threshold(confidence, correct, config.target_precision)
    coverage, precision = routed_precision(confidence, correct, thresholds)
    return ModelScores(
        name=name,
        accuracy=sum(correct) / len(correct),
        macro_f1=macro_f1(truth, top1),
        top3_accuracy=accuracy_at(truth, done, 3),
        coverage_at_target=choice.coverage,
        threshold_at_target=choice.threshold,
        routed_coverage=coverage,
        routed_precision=precision,
        ece=expected_calibration_error(confidence, correct),
        brier=top1_brier(confidence, correct),
        train_seconds=float(np.mean(train_seconds)),
        latency_p50_ms=float(np.percentile(latencies[0], 50)),
        latency_p95_ms=float(np.percentile(latencies[0], 95)),
        train_cpu_seconds=float(np.mean(train_cpu)),
        latency_cpu_p50_ms=float(np.percentile(latencies[1], 50)),
        latency_cpu_p95_ms=float(np.percentile(latencies[1], 95)),
        without_topic=(
            (accuracy_at(truth, without, 1), accuracy_at(truth, without, 3))
            if len(without) == len(truth)
            else None
        ),
    )


def load_csv(
    path: str | Path, text_column: str, label_column: str, topic_column: str | None = None
) -> tuple[list[LabelledText], int]:
    """Give the labelled appeals of a CSV file and how many rows were skipped.

    Rows with an empty text or an empty label are skipped (they cannot teach anything).
    ``topic_column`` names the topic the citizen chose, if the file has one (an empty
    cell is an appeal without a topic); several columns, comma-separated and broadest
    first (``"category,theme"``), make a topic path (``features.topic_levels``).
    """
    examples: list[LabelledText] = []
    skipped = 0
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        # Several topic columns, broadest first ("category,theme"), make a topic path.
        topic_columns = [c.strip() for c in (topic_column or "").split(",") if c.strip()]
        wanted = {text_column, label_column, *topic_columns}
        missing = wanted - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: no column(s) {', '.join(sorted(missing))}")
        for row in reader:
            text = (row[text_column] or "").strip()
            label = (row[label_column] or "").strip()
            named: list[str] = []
            for level in ((row[c] or "").strip() for c in topic_columns):
                if not level:
                    break  # a finer level without its parent is not a path
                named.append(level.replace(TOPIC_SEPARATOR, " "))
            topic = TOPIC_SEPARATOR.join(named)
            if text and label:
                examples.append(LabelledText(text=text, label=label, topic=topic or None))
            else:
                skipped += 1
    return examples, skipped


def evaluate(
    examples: Sequence[LabelledText],
    folds: int = 5,
    random_state: int = 0,
    config: ClassifierConfig | None = None,
    with_baseline: bool = True,
    source: str = "",
    text_column: str = "text",
    label_column: str = "label",
    skipped_rows: int = 0,
    embedder: Embedder | None = None,
    topic_column: str | None = None,
) -> EvaluationReport:
    """Give the cross-validated report of the classifier and, in the same run, the baseline.

    With ``topic_column`` the classifier also reads the citizens' topics
    (``ClassifierConfig.use_topic``); the baseline reads the text only.
    """
    config = config or ClassifierConfig()
    if topic_column:
        config = replace(config, use_topic=True)
    model = cross_validate(examples, config, folds, random_state, "classifier", embedder)
    baseline = None
    if with_baseline:
        plain = replace(ClassifierConfig.plain_baseline(), target_precision=config.target_precision)
        baseline = cross_validate(examples, plain, folds, random_state, "baseline (TF-IDF + LR)")
    return EvaluationReport(
        source=source,
        text_column=text_column,
        label_column=label_column,
        examples=len(examples),
        labels=len({e.label for e in examples}),
        skipped_rows=skipped_rows,
        folds=folds,
        random_state=random_state,
        target_precision=config.target_precision,
        model=model,
        baseline=baseline,
        topic_column=topic_column,
    )


def evaluate_csv(
    path: str | Path,
    text_column: str,
    label_column: str,
    folds: int = 5,
    random_state: int = 0,
    config: ClassifierConfig | None = None,
    topic_column: str | None = None,
) -> EvaluationReport:
    """Give the cross-validated report for the appeals in a CSV file."""
    examples, skipped = load_csv(path, text_column, label_column, topic_column)
    return evaluate(
        examples,
        folds=folds,
        random_state=random_state,
        config=config,
        source=str(path),
        text_column=text_column,
        label_column=label_column,
        skipped_rows=skipped,
        topic_column=topic_column,
    )


def _pct(value: float) -> str:
    return f"{100 * value:5.1f}%"


def format_report(report: EvaluationReport) -> str:
    """Give the report as a plain-text table for the terminal."""
    target = _pct(report.target_precision).strip()
    topic = f"  topic={report.topic_column}" if report.topic_column else ""
    lines = [
        f"data: {report.source or '-'}  text={report.text_column}  label={report.label_column}"
        f"{topic}",
        f"appeals: {report.examples} ({report.skipped_rows} rows skipped), "
        f"labels: {report.labels}, {report.folds}-fold stratified CV, "
        f"random_state={report.random_state}",
        "",
        f"{'':24} {'accuracy':>9} {'macro-F1':>9} {'top-3':>7} "
        f"{'cover@' + target:>12} {'own thr. cover/prec':>20} {'ECE':>6} "
        f"{'train s':>8} {'p50 ms':>7} {'p95 ms':>7}",
    ]
    for s in [report.model] + ([report.baseline] if report.baseline else []):
        lines.append(
            f"{s.name[:24]:24} {_pct(s.accuracy):>9} {_pct(s.macro_f1):>9} "
            f"{_pct(s.top3_accuracy):>7} "
            f"{_pct(s.coverage_at_target):>12} "
            f"{_pct(s.routed_coverage) + ' / ' + _pct(s.routed_precision).strip():>20} "
            f"{s.ece:6.3f} {s.train_seconds:8.2f} {s.latency_p50_ms:7.1f} {s.latency_p95_ms:7.1f}"
        )
        if s.without_topic is not None:
            top1, top3 = s.without_topic
            lines.append(
                f"{'  the same, no topic':24} {_pct(top1):>9} {'':>9} {_pct(top3):>7}"
                "   (each held-out appeal's topic left out)"
            )
    return "\n".join(lines)
