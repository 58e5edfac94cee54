"""Suggest the category or the department of an appeal, with calibrated confidence.

Train on a body's labelled history with ``train``; start a body with no history with
``cold_start``; store models with ``classifier_to_bytes`` / ``classifier_from_bytes``.

>>> from ratusha_core.triage.classify import ClassifierConfig, LabelledText, train
>>> model = train(history, ClassifierConfig(), random_state=0)  # doctest: +SKIP
>>> prediction = model.predict("Не горит фонарь у дома 5")  # doctest: +SKIP
>>> model.decide(prediction)  # doctest: +SKIP
'suggest'
"""

from ratusha_core.triage.classify.cold_start import (
    CategoryDescription,
    ColdStartClassifier,
    cold_start,
)
from ratusha_core.triage.classify.features import CachedEmbedder, E5Embedder, Embedder
from ratusha_core.triage.classify.model import TrainedClassifier, train
from ratusha_core.triage.classify.routing import ThresholdChoice, choose_threshold, decide
from ratusha_core.triage.classify.storage import (
    FORMAT_VERSION,
    IncompatibleModel,
    classifier_from_bytes,
    classifier_to_bytes,
    read_header,
)
from ratusha_core.triage.classify.types import (
    ClassifierConfig,
    Decision,
    LabelledText,
    Prediction,
)

__all__ = [
    "FORMAT_VERSION",
    "CachedEmbedder",
    "CategoryDescription",
    "ClassifierConfig",
    "ColdStartClassifier",
    "Decision",
    "E5Embedder",
    "Embedder",
    "IncompatibleModel",
    "LabelledText",
    "Prediction",
    "ThresholdChoice",
    "TrainedClassifier",
    "choose_threshold",
    "classifier_from_bytes",
    "classifier_to_bytes",
    "cold_start",
    "decide",
    "read_header",
    "train",
]
