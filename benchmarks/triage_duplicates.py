"""Duplicate detection: n-grams, + the multilingual embedding, + categories; and its cost.

Prints, on the labelled be/ru/en pairs of tests/triage/data/duplicate_pairs.jsonl:

- precision, recall and F1 of the duplicate decision (score >= 0.5 after the place
  rules), recall on the cross-language pairs, and false positives per kind of negative,
  for TF-IDF only and for TF-IDF + e5 at several embedding floors, with a split-half
  check of the floors;
- the category signal (``duplicates_score.category_ratio``): none, the demo town's
  cold-start suggestions, and a trained triage classifier (5 folds grouped by place:
  ``duplicate_pairs.trained_guesses``), on all pairs and on the first 74 (the set
  before it grew);
- the CPU and wall time of embedding one appeal, and of scoring one appeal against a
  pool of candidates (default 200): the TF-IDF fitted on every call (before) against the
  n-gram counts kept per worker (``ratusha.triage.ngrams``), for the worker's first
  appeal and the following ones, with the largest difference of the two scores;
- with ../shared/data/appeals-ru-ryazan (RATUSHA_SHARED_DATA), how many real appeals of
  other citizens each appeal would be linked to in such a pool: the false-alarm pressure.

    .venv/bin/python benchmarks/triage_duplicates.py [--pool 200] [--no-ryazan] [--no-trained]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "triage" / "data" / "duplicate_pairs.jsonl"
FLOORS = [0.62, 0.66, 0.70, 0.72, 0.74, 0.76, 0.80, 0.84]
FIRST_SET = 74  # pairs in the set before it grew (the first lines of the file)


def _setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.test")
    import django

    django.setup()


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def _row(name: str, m: dict[str, Any]) -> str:
    return (
        f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
        f"{m['cross_recall']:.3f} | {m['other_place']} | {m['other_problem']} "
        f"({m['other_problem_one_language']}) |"
    )


def _timed(fn: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ryazan() -> list[str]:
    shared = Path(os.environ.get("RATUSHA_SHARED_DATA", ROOT.parent / "shared" / "data"))
    path = shared / "appeals-ru-ryazan" / "train.csv"
    if not path.exists():
        print(f"(skipped: missing {path})")
        return []
    with path.open(encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]


def _header() -> None:
    print(
        "\n| method | precision | recall | F1 | cross-language recall | FP other place "
        "| FP other problem (one language) |"
    )
    print("|---|---|---|---|---|---|---|")


def _floors(pairs: list[dict[str, Any]], vectors: Any) -> None:
    import numpy as np

    from ratusha.triage.duplicate_pairs import pair_decisions, pair_metrics
    from ratusha_core.triage.duplicates_score import EMBEDDING_FLOOR, SAME_LANGUAGE_FLOOR

    _header()
    print(_row("TF-IDF only", pair_metrics(pairs, pair_decisions(pairs, None))))
    used = (SAME_LANGUAGE_FLOOR, EMBEDDING_FLOOR)
    for floor in FLOORS:
        mark = " (used)" if abs(floor - EMBEDDING_FLOOR) < 1e-9 else ""
        metrics = pair_metrics(pairs, pair_decisions(pairs, vectors, (used[0], floor)))
        print(_row(f"+ e5, cross floor {floor:.2f}, same {used[0]:.2f}{mark}", metrics))
    for floor in FLOORS:
        mark = " (used)" if abs(floor - SAME_LANGUAGE_FLOOR) < 1e-9 else ""
        metrics = pair_metrics(pairs, pair_decisions(pairs, vectors, (floor, used[1])))
        print(_row(f"+ e5, same floor {floor:.2f}, cross {used[1]:.2f}{mark}", metrics))
    n = len(pairs)
    halves = ([i for i in range(n) if i % 2 == 0], [i for i in range(n) if i % 2])
    grid = [(same, cross) for same in FLOORS for cross in FLOORS if same >= cross]
    print("\nsplit-half check (floors with the best F1 on one half, measured on the other):")
    for fit, held in (halves, halves[::-1]):
        fit_pairs = [pairs[i] for i in fit]
        fit_vectors = np.vstack([vectors[fit], vectors[[n + i for i in fit]]])
        best = max(
            grid,
            key=lambda f: pair_metrics(fit_pairs, pair_decisions(fit_pairs, fit_vectors, f))["f1"],
        )
        held_pairs = [pairs[i] for i in held]
        held_vectors = np.vstack([vectors[held], vectors[[n + i for i in held]]])
        m = pair_metrics(held_pairs, pair_decisions(held_pairs, held_vectors, best))
        print(
            f"  chosen same {best[0]:.2f}, cross {best[1]:.2f}: held-out F1 {m['f1']:.3f}, "
            f"cross recall {m['cross_recall']:.3f}"
        )


def _categories(pairs: list[dict[str, Any]], vectors: Any, trained: bool) -> None:
    import numpy as np

    from ratusha.triage.duplicate_pairs import (
        demo_classifier,
        pair_decisions,
        pair_metrics,
        place_folds,
        trained_guesses,
    )

    texts = [p["a"]["text"] for p in pairs] + [p["b"]["text"] for p in pairs]
    truth = [p["a"]["category"] for p in pairs] + [p["b"]["category"] for p in pairs]
    predict, labels = demo_classifier()
    signals: list[tuple[str, Any, int]] = [("no categories", None, 0)]
    cold = [predict(t) for t in texts]
    signals.append(("+ categories, demo cold start", cold, labels))
    hits = [g[0][0] == c for g, c in zip(cold, truth, strict=True)]
    accuracy = {"demo cold start": np.mean(hits)}
    if trained:
        folds = place_folds(pairs)
        (learned, known), _wall, cpu = _timed(lambda: trained_guesses(pairs, folds))
        signals.append(("+ categories, trained (5 folds by place)", learned, known))
        hits = [g[0][0] == c for g, c in zip(learned, truth, strict=True)]
        accuracy["trained"] = np.mean(hits)
        print(f"\ntrained {len(set(folds))} classifiers in {cpu / 1000:.0f} s of CPU")
    print("top-1 category accuracy on the labelled texts: " + ", ".join(
        f"{name} {value:.3f}" for name, value in accuracy.items()
    ))  # fmt: skip
    n, first = len(pairs), min(FIRST_SET, len(pairs))
    for name, chosen in ((f"all {n} pairs", range(n)), (f"the first {first}", range(first))):
        print(f"\n{name}:")
        _header()
        subset = [pairs[i] for i in chosen]
        rows = np.vstack([vectors[list(chosen)], vectors[[n + i for i in chosen]]])
        for label, guesses, count in signals:
            picked = None if guesses is None else [guesses[i] for i in chosen]
            if picked is not None:
                picked += [guesses[n + i] for i in chosen]
            decisions = pair_decisions(subset, rows, guesses=picked, labels=count)
            print(_row(label, pair_metrics(subset, decisions)))


def _cost(texts: list[str], pool_size: int, queries: int) -> None:
    """Time find_duplicates against a pool, with the TF-IDF fitted per call and kept."""
    from ratusha.triage import duplicates
    from ratusha.triage.duplicates import Candidate, find_duplicates
    from ratusha.triage.ngrams import COUNTS, fitted_similarities, similarities

    pool = [Candidate(i, t) for i, t in enumerate(texts[:pool_size])]
    asked = texts[pool_size : pool_size + queries]
    print(
        f"\nscoring one appeal against {len(pool)} candidates ({len(asked)} appeals, texts of "
        f"{statistics.median(len(t) for t in texts[: pool_size + queries]):.0f} characters "
        f"median); load average {_load()}"
    )
    worst = 0.0
    for text in asked:
        fitted = fitted_similarities(text, [c.text for c in pool])
        worst = max(worst, float(abs(fitted - similarities(text, [c.text for c in pool])).max()))
    print(f"  largest difference of the kept and the fitted TF-IDF cosine: {worst:.4f}")
    runs: dict[str, tuple[list[float], list[float]]] = {}
    duplicates.similarities = fitted_similarities  # type: ignore[assignment]
    try:
        runs["TF-IDF fitted per appeal (before)"] = _runs(asked, pool)
    finally:
        duplicates.similarities = similarities  # type: ignore[assignment]
    COUNTS.clear()
    first, first_wall, first_cpu = _timed(lambda: find_duplicates(asked[0], None, pool))
    runs["n-gram counts kept (after)"] = _runs(asked, pool)
    for name, (cpu, wall) in runs.items():
        print(
            f"  {name}: CPU p50 {_pct(cpu, 0.5):.1f} ms, p95 {_pct(cpu, 0.95):.1f} ms; "
            f"wall p50 {_pct(wall, 0.5):.1f} ms"
        )
    print(
        f"  the worker's first appeal (counting the {len(pool)} candidates): "
        f"CPU {first_cpu:.0f} ms, wall {first_wall:.0f} ms; {len(first)} found"
    )
    print(f"  load average after: {_load()}")


def _runs(asked: list[str], pool: list[Any]) -> tuple[list[float], list[float]]:
    from ratusha.triage.duplicates import find_duplicates

    cpu, wall = [], []
    for text in asked:
        _found, spent_wall, spent_cpu = _timed(lambda text=text: find_duplicates(text, None, pool))
        cpu.append(spent_cpu)
        wall.append(spent_wall)
    return cpu, wall


def _pressure(real: list[str], pool_size: int, queries: int) -> None:
    from ratusha.triage.duplicate_pairs import languages_of
    from ratusha.triage.duplicates import Candidate, find_duplicates
    from ratusha.triage.embeddings import embed_texts, from_bytes, to_bytes

    texts = real[: pool_size + queries]
    print(f"\nembedding {len(texts)} Ryazan texts...")
    rows, cut_cpu = [], []
    for text in texts:
        row, _wall, cpu = _timed(lambda text=text: embed_texts([text])[0])
        rows.append(from_bytes(to_bytes(row)))
        cut_cpu.append(cpu)
    print(
        f"embedding one real appeal cut to 300 characters: CPU p50 {_pct(cut_cpu, 0.5):.0f} ms, "
        f"p95 {_pct(cut_cpu, 0.95):.0f} ms"
    )
    languages = languages_of(texts)
    pool = [
        Candidate(i, t, vector=v, language=g)
        for i, (t, v, g) in enumerate(zip(texts[:pool_size], rows, languages, strict=False))
    ]
    plain = [Candidate(c.appeal_id, c.text) for c in pool]
    flags: dict[str, list[int]] = {"tfidf": [], **{f"{f:.2f}": [] for f in FLOORS}}
    for text, vector, language in zip(
        texts[pool_size:], rows[pool_size:], languages[pool_size:], strict=True
    ):
        flags["tfidf"].append(len(find_duplicates(text, None, plain, limit=999)))
        for floor in FLOORS:
            found = find_duplicates(
                text, None, pool, vector=vector, language=language, limit=999, floors=(floor, floor)
            )
            flags[f"{floor:.2f}"].append(len(found))
    print("\nlinks per appeal to other real appeals in the pool (mean; appeals with any):")
    for name, counts in flags.items():
        label = name if name == "tfidf" else f"+ e5, same-language floor {name}"
        share = sum(c > 0 for c in counts) / len(counts)
        print(f"  {label}: {statistics.mean(counts):.2f}; {share:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", type=int, default=200, help="candidates per appeal")
    parser.add_argument("--queries", type=int, default=40, help="appeals timed against the pool")
    parser.add_argument("--no-ryazan", action="store_true", help="skip the real-appeal pool")
    parser.add_argument("--no-trained", action="store_true", help="skip training classifiers")
    args = parser.parse_args()
    _setup()
    import numpy as np
    import sklearn.feature_extraction.text  # noqa: F401  (imported once per worker)

    from ratusha.triage.embeddings import embed_texts, from_bytes, to_bytes

    print(f"load average at start: {_load()}")
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]
    texts = [p["a"]["text"] for p in pairs] + [p["b"]["text"] for p in pairs]
    embed_texts(texts[:1])  # load the engine (not timed)
    one_wall, one_cpu, rows = [], [], []
    for text in texts:
        row, wall, cpu = _timed(lambda text=text: embed_texts([text])[0])
        rows.append(row)
        one_wall.append(wall)
        one_cpu.append(cpu)
    vectors = np.vstack([from_bytes(to_bytes(r)) for r in rows])  # as stored (float16)
    kinds = {k: sum(p["kind"] == k for p in pairs) for k in dict.fromkeys(p["kind"] for p in pairs)}
    print(
        f"\n{len(pairs)} labelled pairs ({kinds}), {sum(p['duplicate'] for p in pairs)} duplicates"
    )
    print(
        f"embedding one appeal ({len(texts)} texts, {min(map(len, texts))}-"
        f"{max(map(len, texts))} chars): CPU p50 {_pct(one_cpu, 0.5):.0f} ms, p95 "
        f"{_pct(one_cpu, 0.95):.0f} ms; wall p50 {_pct(one_wall, 0.5):.0f} ms"
    )
    _floors(pairs, vectors)
    _categories(pairs, vectors, trained=not args.no_trained)
    real = [] if args.no_ryazan else _ryazan()
    _cost(real or texts, args.pool, args.queries)
    if real:
        _pressure(real, args.pool, args.queries)
    print(f"\nload average at end: {_load()}")


if __name__ == "__main__":
    main()
