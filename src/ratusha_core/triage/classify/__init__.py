"""Suggest the category or the department of an appeal, with calibrated confidence.

Train on a body's labelled history with ``train``; start a body with no history with
``cold_start``; store models with ``classifier_to_bytes`` / ``classifier_from_bytes``.

>>> from ratusha_core.triage.classify import ClassifierConfig, LabelledText, train
>>> model = train(history, ClassifierConfig(), random_state=0)  # doctest: +SKIP
>>> prediction = model.predict("Не горит фонарь у дома 5")  # doctest: +SKIP
>>> model.decide(prediction)  # doctest: +SKIP
'suggest'


Names load on first use (PEP 562): importing the package costs nothing until a model is
trained or applied, so a web process that only reads stored results never loads
scikit-learn or SciPy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "CachedEmbedder": "ratusha_core.triage.classify.features",
    "CategoryDescription": "ratusha_core.triage.classify.cold_start",
    "ClassifierConfig": "ratusha_core.triage.classify.types",
    "ColdStartClassifier": "ratusha_core.triage.classify.cold_start",
    "Decision": "ratusha_core.triage.classify.types",
    "E5Embedder": "ratusha_core.triage.classify.features",
    "Embedder": "ratusha_core.triage.classify.features",
    "FORMAT_VERSION": "ratusha_core.triage.classify.storage",
    "IncompatibleModel": "ratusha_core.triage.classify.storage",
    "LabelledText": "ratusha_core.triage.classify.types",
    "Prediction": "ratusha_core.triage.classify.types",
    "ThresholdChoice": "ratusha_core.triage.classify.routing",
    "TrainedClassifier": "ratusha_core.triage.classify.model",
    "choose_threshold": "ratusha_core.triage.classify.routing",
    "classifier_from_bytes": "ratusha_core.triage.classify.storage",
    "classifier_to_bytes": "ratusha_core.triage.classify.storage",
    "cold_start": "ratusha_core.triage.classify.cold_start",
    "decide": "ratusha_core.triage.classify.routing",
    "read_header": "ratusha_core.triage.classify.storage",
    "train": "ratusha_core.triage.classify.model",
}


def __getattr__(name: str) -> Any:
    """Give a name of the package, importing its module on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(_WHERE[name])
    # Bind every name of that module at once: importing ``classify.cold_start`` also
    # sets the package attribute ``cold_start`` to the submodule, which the function of
    # the same name must replace.
    for other, where in _WHERE.items():
        if where == _WHERE[name]:
            globals()[other] = getattr(module, other)
    return globals()[name]


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
