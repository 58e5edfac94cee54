"""Turn a trained classifier into bytes for the database, and back.

The bytes are a short JSON header (format version, library versions, labels, metrics)
followed by a compressed pickle of the fitted objects. Pickle runs code when loading,
so load only models this installation trained itself.
"""

from __future__ import annotations

import io
import json
import pickle
from dataclasses import asdict, replace
from typing import Any

import joblib
import sklearn

from ratusha_core.triage.classify.features import Embedder
from ratusha_core.triage.classify.model import TrainedClassifier

FORMAT_VERSION = 1
_MAGIC = b"RATUSHA-CLASSIFIER\n"


class IncompatibleModel(ValueError):
    """The stored bytes are not a classifier this version of Ratusha can load."""


def classifier_to_bytes(classifier: TrainedClassifier) -> bytes:
    """Give the classifier as bytes: a readable header, then the fitted objects."""
    header = {
        "format_version": FORMAT_VERSION,
        "sklearn_version": sklearn.__version__,
        "labels": list(classifier.labels),
        "config": asdict(classifier.config),
        "metrics": dict(classifier.metrics),
    }
    body = io.BytesIO()
    joblib.dump(
        replace(classifier, embedder=None), body, compress=3, protocol=pickle.HIGHEST_PROTOCOL
    )
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return _MAGIC + len(head).to_bytes(4, "big") + head + body.getvalue()


def read_header(data: bytes) -> dict[str, Any]:
    """Give the JSON header of stored classifier bytes without unpickling anything."""
    if not data.startswith(_MAGIC):
        raise IncompatibleModel("not a Ratusha classifier")
    start = len(_MAGIC)
    length = int.from_bytes(data[start : start + 4], "big")
    header: dict[str, Any] = json.loads(data[start + 4 : start + 4 + length].decode("utf-8"))
    return header


def classifier_from_bytes(data: bytes, embedder: Embedder | None = None) -> TrainedClassifier:
    """Give the classifier stored by ``classifier_to_bytes``.

    A model trained with embeddings gets ``embedder`` attached, or the bundled e5 model
    when none is given. Raises ``IncompatibleModel`` on a different format version or
    scikit-learn version (pickles are not portable across them: retrain instead).
    """
    header = read_header(data)
    if header.get("format_version") != FORMAT_VERSION:
        raise IncompatibleModel(
            f"format version {header.get('format_version')} is not {FORMAT_VERSION}"
        )
    if header.get("sklearn_version") != sklearn.__version__:
        raise IncompatibleModel(
            f"trained with scikit-learn {header.get('sklearn_version')}, "
            f"running {sklearn.__version__}: retrain the model"
        )
    start = len(_MAGIC) + 4 + int.from_bytes(data[len(_MAGIC) : len(_MAGIC) + 4], "big")
    loaded = joblib.load(io.BytesIO(data[start:]))
    if not isinstance(loaded, TrainedClassifier):
        raise IncompatibleModel("the stored object is not a trained classifier")
    if loaded.config.use_embedding:
        from ratusha_core.triage.classify.features import E5Embedder

        return replace(loaded, embedder=embedder if embedder is not None else E5Embedder())
    return loaded
