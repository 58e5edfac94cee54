"""Train the category (or department) classifier on a body's labelled appeals."""

from __future__ import annotations

import multiprocessing
import time
import warnings
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from ratusha_core.triage.classify.calibration import (
    expected_calibration_error,
    fit_temperature,
    multiclass_brier,
    softmax,
)
from ratusha_core.triage.classify.explain import explain, label_weights
from ratusha_core.triage.classify.features import (
    E5Embedder,
    Embedder,
    FeatureSpace,
    fit_features,
    topic_levels,
)
from ratusha_core.triage.classify.folds import split_indices, stratified_folds
from ratusha_core.triage.classify.routing import (
    ThresholdChoice,
    choose_threshold,
    decide,
    routing_table,
)
from ratusha_core.triage.classify.routing import (
    at_precision as choice_at,
)
from ratusha_core.triage.classify.types import (
    ClassifierConfig,
    Decision,
    LabelledText,
    Prediction,
)

Metric = float | int | str | None
# Score of a label the inner model never saw: its probability becomes zero.
_ABSENT = -1.0e6


@dataclass(frozen=True, eq=False)
class TrainedClassifier:
    """A fitted classifier with its calibration, auto-route threshold and metrics.

    ``metrics`` are measured by the inner cross-validation on the training data.
    ``embedder`` is not stored with the model; it is attached again when loading.
    """

    config: ClassifierConfig
    labels: tuple[str, ...]
    space: FeatureSpace
    model: Any
    temperature: float
    threshold: float | None
    metrics: Mapping[str, Metric]
    embedder: Embedder | None = field(default=None, repr=False)
    # The threshold for each precision a body may ask (``routing_table``); empty in
    # models stored before it was kept, which route at ``threshold`` only.
    routing: tuple[ThresholdChoice, ...] = field(default=(), repr=False)
    # For a model that reads topics: the same model fitted on the text alone, which
    # predicts an appeal whose topic is missing or unknown (stored without its embedder;
    # ``for_topic`` attaches this one's). None in models stored before it existed.
    text_only: TrainedClassifier | None = field(default=None, repr=False)

    def for_topic(self, topic: str | None) -> TrainedClassifier:
        """Give the model that predicts an appeal filed under ``topic`` (None: none).

        A model that reads topics hands an appeal without a known topic to its
        text-only twin, which was fitted, calibrated and given a threshold for exactly
        that case; everything else is predicted by this model.
        """
        if self.text_only is None or self.knows_topic(topic):
            return self
        return replace(self.text_only, embedder=self.embedder)

    def knows_topic(self, topic: str | None) -> bool:
        """Tell whether this model reads ``topic``: one of its levels has a column."""
        known = set(self.space.topics)
        return bool(topic) and any(level in known for level in topic_levels(topic or ""))

    def probabilities(
        self, texts: Sequence[str], topics: Sequence[str | None] | None = None
    ) -> np.ndarray[Any, Any]:
        """Give calibrated probabilities, one row per text, one column per label."""
        features = self.space.transform(texts, self.embedder, topics)
        return softmax(_scores(self.model, features, self.config), self.temperature)

    def predict_many(
        self,
        texts: Sequence[str],
        explain_size: int | None = None,
        topics: Sequence[str | None] | None = None,
    ) -> list[Prediction]:
        """Give a prediction for each text (faster than one by one).

        ``topics`` are the topics the citizens chose, one per text (None: none chosen);
        a model trained without topics ignores them.
        """
        if not texts:
            return []
        if self.text_only is not None:
            return self._predict_split(texts, explain_size, topics)
        size = self.config.explanation_size if explain_size is None else explain_size
        features = self.space.transform(texts, self.embedder, topics)
        probs = softmax(_scores(self.model, features, self.config), self.temperature)
        out = []
        for i, text in enumerate(texts):
            order = np.argsort(-probs[i], kind="stable")[:3]
            top = tuple((self.labels[j], float(probs[i, j])) for j in order)
            words: tuple[str, ...] = ()
            if size > 0:
                weights = label_weights(self.model, int(order[0]))
                words = explain(text, features[i], weights, self.space, size)
            out.append(Prediction(top=top, explanation=words))
        return out

    def _predict_split(
        self,
        texts: Sequence[str],
        explain_size: int | None,
        topics: Sequence[str | None] | None,
    ) -> list[Prediction]:
        """Predict the texts with a known topic here, the others with the text-only twin."""
        given = list(topics) if topics is not None else [None] * len(texts)
        known = [self.knows_topic(t) for t in given]
        out: list[Prediction | None] = [None] * len(texts)
        for model, reads in ((replace(self, text_only=None), True), (self.for_topic(None), False)):
            rows = [i for i, k in enumerate(known) if k == reads]
            if rows:
                found = model.predict_many(
                    [texts[i] for i in rows], explain_size, [given[i] for i in rows]
                )
                for i, prediction in zip(rows, found, strict=True):
                    out[i] = prediction
        return [p for p in out if p is not None]

    def predict(self, text: str, topic: str | None = None) -> Prediction:
        """Give the top-3 labels with calibrated probabilities and the words behind them."""
        return self.predict_many([text], topics=[topic])[0]

    @property
    def reads_topic(self) -> bool:
        """Tell whether the citizen's topic is one of this model's features."""
        return bool(self.space.topics)

    def decide(self, prediction: Prediction) -> Decision:
        """Give 'auto_route' or 'suggest' for a prediction of this model.

        For a model with a text-only twin, decide with ``for_topic(topic)``: an appeal
        without a known topic is routed at the twin's threshold.
        """
        return decide(prediction, self.threshold)

    def at_precision(self, precision: float) -> TrainedClassifier:
        """Give this model routing at the threshold for another target precision.

        The threshold comes from the same inner out-of-fold predictions that chose the
        trained one, so no training is needed. A model without the table (stored
        before it was kept), or a precision not in it, is given back unchanged.
        """
        choice = choice_at(self.routing, precision)
        twin = self.text_only.at_precision(precision) if self.text_only is not None else None
        if (choice is None or choice.threshold == self.threshold) and twin is self.text_only:
            return self
        threshold = self.threshold if choice is None else choice.threshold
        return replace(self, threshold=threshold, text_only=twin)


WEIGHTINGS = ("none", "balanced")


def _make_model(config: ClassifierConfig, c: float, weighting: str, random_state: int) -> Any:
    if weighting not in WEIGHTINGS:
        raise ValueError(f"unknown class weighting {weighting!r}: use one of {WEIGHTINGS}")
    weights = "balanced" if weighting == "balanced" else None
    if config.baseline:
        return LogisticRegression(C=c, max_iter=1000, class_weight=weights)
    return LinearSVC(C=c, dual=True, max_iter=5000, random_state=random_state, class_weight=weights)


def _scores(model: Any, features: Any, config: ClassifierConfig) -> np.ndarray[Any, Any]:
    """Give one score per label; log-probabilities for the baseline, margins otherwise."""
    if config.baseline:
        return np.log(np.clip(model.predict_proba(features), 1e-12, None))  # type: ignore[no-any-return]
    raw = np.asarray(model.decision_function(features), dtype=np.float64)
    if raw.ndim == 1:
        raw = np.column_stack([-raw, raw])
    return raw


def _single_precision(model: Any) -> Any:
    """Keep the fitted weights in 32 bits, as the features are: half the stored size.

    The weights are a dense labels x features matrix (65 x 88,000 for the Ryazan
    departments), most of a stored model; 32 bits change no ranking of labels.
    """
    model.coef_ = np.asarray(model.coef_, dtype=np.float32)
    return model


def _fit(
    config: ClassifierConfig,
    c: float,
    weighting: str,
    features: Any,
    y: np.ndarray[Any, Any],
    seed: int,
) -> Any:
    model = _make_model(config, c, weighting, seed)
    with warnings.catch_warnings():
        # A few unconverged iterations do not change the ranking of labels.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(features, y)
    return model


def _inner_scores(
    config: ClassifierConfig,
    c: float,
    weighting: str,
    features: Any,
    y: np.ndarray[Any, Any],
    n_labels: int,
    assignment: list[int],
    folds: int,
    seed: int,
) -> np.ndarray[Any, Any]:
    """Give out-of-fold scores of every training item in the full label space."""
    scores = np.full((len(y), n_labels), _ABSENT)
    for fold in range(folds):
        train_idx, test_idx = split_indices(assignment, fold)
        if len(set(y[train_idx].tolist())) < 2:
            continue
        model = _fit(config, c, weighting, features[train_idx], y[train_idx], seed)
        scores[np.ix_(test_idx, model.classes_)] = _scores(model, features[test_idx], config)
    return scores


def _top_k_hits(scores: np.ndarray[Any, Any], y: np.ndarray[Any, Any], k: int) -> float:
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return float(np.mean([y[i] in top[i] for i in range(len(y))]))


@dataclass(frozen=True, eq=False)
class _Choice:
    """One setting tried by the inner cross-validation, with its calibrated predictions.

    Settings are compared by the Brier score of the calibrated out-of-fold probabilities:
    a proper score, so it rewards a right top label and an honest confidence together.
    The confidence matters as much as the label here: it decides auto-routing.
    """

    c: float
    weighting: str
    temperature: float
    probs: np.ndarray[Any, Any]
    brier: float

    @classmethod
    def of(
        cls,
        c: float,
        weighting: str,
        oof: np.ndarray[Any, Any],
        y: np.ndarray[Any, Any],
        baseline: bool,
    ) -> _Choice:
        seen = oof[np.arange(len(y)), y] > _ABSENT
        temperature = 1.0 if baseline else fit_temperature(oof[seen], y[seen].tolist())
        probs = softmax(oof, temperature)
        return cls(c, weighting, temperature, probs, multiclass_brier(probs, y.tolist()))


def _inner_sample(labels: Sequence[str], limit: int, random_state: int) -> list[int]:
    """Give the indices used by the inner cross-validation: all, or a stratified share."""
    if len(labels) <= limit:
        return list(range(len(labels)))
    parts = -(-len(labels) // limit)
    assignment = stratified_folds(labels, parts, random_state)
    return [i for i, part in enumerate(assignment) if part == 0]


def train(
    examples: Sequence[LabelledText],
    config: ClassifierConfig,
    random_state: int,
    embedder: Embedder | None = None,
) -> TrainedClassifier:
    """Give a classifier trained on labelled appeals, calibrated and with its threshold.

    An inner cross-validation on ``examples`` (a stratified sample of
    ``config.inner_max_examples`` when there are more) picks the regularisation from
    ``config.c_grid`` and the label weighting from ``config.class_weights`` (the pair
    whose calibrated probabilities have the lowest Brier score), fits the temperature
    that calibrates probabilities and chooses the lowest auto-route threshold reaching
    ``config.target_precision``. The final model is then fitted on all examples. With
    ``config.use_embedding`` and no ``embedder`` given, the bundled multilingual-e5-small
    is used.

    A model that reads topics (``config.use_topic`` and ``config.text_only_twin``) also
    gets a twin fitted on the text alone, for appeals without a known topic
    (``TrainedClassifier.for_topic``): the feature matrix without its topic columns, the
    same inner folds and choices, so it is the model a training without topics would
    give. From ``config.twin_process_from`` appeals the twin is fitted in a spawned
    second process while the model is fitted here (the same result, about half the wall
    time on two cores); as with any multiprocessing, the caller's main module must then
    be safe to import (``if __name__ == "__main__":``), as Ratusha's entry points are.
    """
    started = time.perf_counter()
    labels = tuple(sorted({e.label for e in examples}))
    if len(labels) < 2:
        raise ValueError("need appeals with at least two different labels to train")
    if config.use_embedding and embedder is None:
        embedder = E5Embedder()
    texts = [e.text for e in examples]
    index = {label: i for i, label in enumerate(labels)}
    y = np.array([index[e.label] for e in examples])
    space, features = fit_features(texts, config, embedder, [e.topic for e in examples])

    # A long history is sampled (stratified) for the inner cross-validation: a few
    # thousand out-of-fold predictions fix C, the temperature and the threshold well.
    inner = _inner_sample([e.label for e in examples], config.inner_max_examples, random_state)
    folds = max(2, min(config.inner_folds, len(inner) // 2))
    fitting = _Fitting(config, labels, y, inner, folds, random_state)
    grid = (config.class_weights, config.c_grid)
    if space.topics and config.text_only_twin:
        text_only = replace(space, topics=())
        twin_features = features[:, : features.shape[1] - len(space.topics)]
        if len(examples) >= config.twin_process_from:
            # A long history fits the twin in a second process meanwhile. Not a thread:
            # liblinear draws from one random generator per process, so two fits in
            # threads would not give the same model twice. Spawned, not forked: a fork of
            # a process whose thread pools are running can hang.
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
                later = pool.submit(fitting.fit, text_only, twin_features, *grid)
                classifier = fitting.fit(space, features, *grid)
                twin = later.result()
        else:
            classifier = fitting.fit(space, features, *grid)
            twin = fitting.fit(text_only, twin_features, *grid)
        twin_metrics = {
            f"text_only_{key}": twin.metrics[key]
            for key in ("inner_accuracy", "inner_top3_accuracy", "threshold", "inner_coverage")
        }
        classifier = replace(
            classifier,
            text_only=twin,
            metrics={**classifier.metrics, **twin_metrics},
        )
    else:
        classifier = fitting.fit(space, features, *grid)
    seconds = {"train_seconds": time.perf_counter() - started}
    return replace(
        classifier,
        metrics={**classifier.metrics, **seconds},
        embedder=embedder if config.use_embedding else None,
    )


@dataclass(frozen=True)
class _Fitting:
    """What every model fitted from one training set shares: labels, inner folds."""

    config: ClassifierConfig
    labels: tuple[str, ...]
    y: np.ndarray[Any, Any]
    inner: list[int]
    folds: int
    random_state: int

    def fit(
        self,
        space: FeatureSpace,
        features: Any,
        weightings: Sequence[str],
        c_grid: Sequence[float],
    ) -> TrainedClassifier:
        """Choose the setting, calibrate, choose the threshold and fit on all examples."""
        config, y, inner = self.config, self.y, self.inner
        inner_y = y[inner]
        assignment = stratified_folds(inner_y.tolist(), self.folds, self.random_state)
        best: _Choice | None = None
        for weighting in weightings:
            for c in c_grid:
                oof = _inner_scores(
                    config,
                    c,
                    weighting,
                    features[inner],
                    inner_y,
                    len(self.labels),
                    assignment,
                    self.folds,
                    self.random_state,
                )
                choice = _Choice.of(c, weighting, oof, inner_y, config.baseline)
                # Ties keep the earlier choice: no weighting, stronger regularisation.
                if best is None or choice.brier < best.brier:
                    best = choice
        assert best is not None
        probs = best.probs
        confidence = probs.max(axis=1).tolist()
        correct = (probs.argmax(axis=1) == inner_y).tolist()
        margin = config.threshold_margin_z
        routing = choose_threshold(confidence, correct, config.target_precision, margin)
        metrics: dict[str, Metric] = {
            "examples": len(y),
            "inner_examples": len(inner),
            "labels": len(self.labels),
            "c": best.c,
            "class_weight": best.weighting,
            "temperature": best.temperature,
            "inner_folds": self.folds,
            "inner_accuracy": _top_k_hits(probs, inner_y, 1),
            "inner_top3_accuracy": _top_k_hits(probs, inner_y, 3),
            "inner_ece": expected_calibration_error(confidence, correct),
            "inner_brier": best.brier,
            "threshold": routing.threshold,
            "inner_coverage": routing.coverage,
            "inner_routed_precision": routing.precision,
        }
        return TrainedClassifier(
            config=config,
            labels=self.labels,
            space=space,
            model=_single_precision(
                _fit(config, best.c, best.weighting, features, y, self.random_state)
            ),
            temperature=best.temperature,
            threshold=routing.threshold,
            metrics=metrics,
            routing=routing_table(confidence, correct, margin),
        )
