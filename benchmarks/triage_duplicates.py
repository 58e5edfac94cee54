"""Duplicate detection: n-grams only against n-grams plus the multilingual embedding.

Prints, on the labelled be/ru/en pairs of tests/triage/data/duplicate_pairs.jsonl:

- precision, recall and F1 of the duplicate decision (score >= 0.5 after the place
  rules), recall on the cross-language pairs, and false positives per kind of negative,
  for TF-IDF only and for TF-IDF + e5 at several embedding floors;
- a split-half check of the floor (chosen on one half, measured on the other);
- the CPU and wall time per appeal of embedding one appeal (one at a time, and in a
  batch of 8), and of scoring it against a pool of stored candidates (default 200);
- with ../shared/data/appeals-ru-ryazan (RATUSHA_SHARED_DATA), how many real appeals of
  other citizens each appeal would be linked to in such a pool: the false-alarm pressure.

    .venv/bin/python benchmarks/triage_duplicates.py [--pool 200] [--no-ryazan]
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
FLOORS = [0.62, 0.66, 0.68, 0.70, 0.72, 0.74, 0.76, 0.80, 0.84]


def _setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.test")
    import django

    django.setup()


def _load() -> tuple[int, float]:
    return os.getloadavg()[0], os.getloadavg()[1]


def _row(name: str, m: dict[str, Any]) -> str:
    return (
        f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
        f"{m['cross_recall']:.3f} | {m['other_place']} | {m['other_problem']} |"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", type=int, default=200, help="stored candidates per appeal")
    parser.add_argument("--queries", type=int, default=40, help="appeals timed against the pool")
    parser.add_argument("--no-ryazan", action="store_true", help="skip the real-appeal pool")
    args = parser.parse_args()
    _setup()
    import numpy as np
    import sklearn.feature_extraction.text  # noqa: F401  (imported once per worker)

    from ratusha.triage.duplicate_pairs import languages_of, pair_decisions, pair_metrics
    from ratusha.triage.duplicates import Candidate, find_duplicates
    from ratusha.triage.embeddings import embed_texts, from_bytes, to_bytes
    from ratusha_core.triage.duplicates_score import EMBEDDING_FLOOR, SAME_LANGUAGE_FLOOR

    print(f"load average at start: {_load()[0]:.2f} (1 min), {_load()[1]:.2f} (5 min)")
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
    _batch, batch_wall, batch_cpu = _timed(lambda: embed_texts(texts[:64]))
    print(f"\n{len(pairs)} labelled pairs, {sum(p['duplicate'] for p in pairs)} duplicates")
    print(
        f"embedding one appeal ({len(texts)} texts, 40-230 chars): CPU p50 "
        f"{_pct(one_cpu, 0.5):.0f} ms, p95 {_pct(one_cpu, 0.95):.0f} ms; wall p50 "
        f"{_pct(one_wall, 0.5):.0f} ms; batches of 64: {batch_cpu / 64:.0f} ms CPU, "
        f"{batch_wall / 64:.0f} ms wall per text"
    )
    print("\n| method | precision | recall | F1 | cross-language recall | FP other place "
          "| FP other problem |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
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
    metrics = pair_metrics(
        pairs, pair_decisions(pairs, vectors, (EMBEDDING_FLOOR, EMBEDDING_FLOOR))
    )
    print(_row(f"+ e5, one floor {EMBEDDING_FLOOR:.2f} for all pairs", metrics))
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
    real = [] if args.no_ryazan else _ryazan()
    pool_texts = (real or texts)[: args.pool + args.queries]
    print(f"\nembedding {len(pool_texts)} pool texts ({'Ryazan' if real else 'labelled set'})...")
    cut_cpu: list[float] = []
    pool_rows = []
    for text in pool_texts:
        row, _wall, cpu = _timed(lambda text=text: embed_texts([text])[0])
        pool_rows.append(from_bytes(to_bytes(row)))
        cut_cpu.append(cpu)
    pool_languages = languages_of(pool_texts)
    pool = [
        Candidate(i, t, vector=v, language=lang)
        for i, (t, v, lang) in enumerate(
            zip(pool_texts[: args.pool], pool_rows, pool_languages, strict=False)
        )
    ]
    plain = [Candidate(c.appeal_id, c.text) for c in pool]
    queries = list(
        zip(
            pool_texts[args.pool :],
            pool_rows[args.pool :],
            pool_languages[args.pool :],
            strict=True,
        )
    )
    costs: dict[str, list[float]] = {"tfidf": [], "tfidf+e5 compare": []}
    flags: dict[str, list[int]] = {"tfidf": [], **{f"{f:.2f}": [] for f in FLOORS}}
    for text, vector, lang in queries:
        found, _w, cpu = _timed(lambda text=text: find_duplicates(text, None, plain, limit=999))
        costs["tfidf"].append(cpu)
        flags["tfidf"].append(len(found))
        _f, _w, cpu = _timed(
            lambda t=text, v=vector, g=lang: find_duplicates(t, None, pool, vector=v, language=g)
        )
        costs["tfidf+e5 compare"].append(cpu)
        for floor in FLOORS:
            found = find_duplicates(
                text, None, pool, vector=vector, language=lang, limit=999, floors=(floor, floor)
            )
            flags[f"{floor:.2f}"].append(len(found))
    print(
        f"\nper appeal against a pool of {len(pool)} stored candidates ({len(queries)} appeals, "
        f"texts cut to 300 chars for e5): embedding CPU p50 {_pct(cut_cpu, 0.5):.0f} ms, "
        f"p95 {_pct(cut_cpu, 0.95):.0f} ms"
    )
    for name, values in costs.items():
        print(f"  {name}: CPU p50 {_pct(values, 0.5):.1f} ms, p95 {_pct(values, 0.95):.1f} ms")
    if real:
        print("\nlinks per appeal to other real appeals in the pool (mean; appeals with any):")
        for name, counts in flags.items():
            label = name if name == "tfidf" else f"+ e5, same-language floor {name}"
            share = sum(c > 0 for c in counts) / len(counts)
            print(f"  {label}: {statistics.mean(counts):.2f}; {share:.0%}")
    print(f"\nload average at end: {_load()[0]:.2f} (1 min), {_load()[1]:.2f} (5 min)")


if __name__ == "__main__":
    main()
