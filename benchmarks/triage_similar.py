"""Similar answered appeals: what the search adds to one appeal's triage, and how useful it is.

Reads ../shared/data/appeals-ru-ryazan/train.csv (override with RATUSHA_SHARED_DATA). The
first POOL appeals play the body's answered history; each later one is triaged in turn and
then joins the history (as an answered appeal would), so the cached vectors are extended
the way a worker extends them. Prints:

- the cost of building the vectors of a pool (once per body per worker process);
- the added latency per appeal with the cache (p50/p95, wall and CPU), and without it;
- how often the most similar appeal has the same category (and the same executor): a
  rough figure of how useful the precedents are to the officer.

    .venv/bin/python benchmarks/triage_similar.py [--quick]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.test")
    import django

    django.setup()


def _rows() -> list[dict[str, str]]:
    shared = Path(os.environ.get("RATUSHA_SHARED_DATA", ROOT.parent / "shared" / "data"))
    path = shared / "appeals-ru-ryazan" / "train.csv"
    if not path.exists():
        sys.exit(f"missing {path}")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="pool 300, 60 appeals")
    args = parser.parse_args()
    _setup()
    import sklearn.feature_extraction.text  # noqa: F401  (imported once per worker, not timed)

    from ratusha.triage.similar import POOL, PoolCache, PoolVectors, rank_similar

    pool_size, queries = (300, 60) if args.quick else (POOL, 300)
    rows = _rows()
    history = [(i, r["text"]) for i, r in enumerate(rows[:pool_size])]
    incoming = list(enumerate(rows[pool_size : pool_size + queries], start=pool_size))
    print(f"load: {os.getloadavg()[0]:.2f} (2 cores, shared with other work)")
    print(f"pool: {len(history)} answered appeals, {len(incoming)} new appeals triaged in turn")

    wall, cpu = time.perf_counter(), time.process_time()
    PoolVectors.build(history)
    print(
        f"build the pool's vectors: {1000 * (time.perf_counter() - wall):.0f} ms wall, "
        f"{1000 * (time.process_time() - cpu):.0f} ms CPU (once per body and worker)"
    )

    cache = PoolCache()
    cache.vectors_for(1, history)
    walls, cpus, same_category, same_executor, with_match = [], [], 0, 0, 0
    best_pairs: list[tuple[float, bool]] = []  # (best score, same category) at no threshold
    label = {i: (r["category"], r["executor"]) for i, r in enumerate(rows)}
    window = list(history)
    for pk, row in incoming:
        wall, cpu = time.perf_counter(), time.process_time()
        vectors = cache.vectors_for(1, window)
        found = rank_similar(row["text"], window, vectors)
        walls.append(1000 * (time.perf_counter() - wall))
        cpus.append(1000 * (time.process_time() - cpu))
        anything = rank_similar(row["text"], window, vectors, limit=1, min_score=0.0)
        if anything:
            best_pairs.append((anything[0][1], label[anything[0][0]][0] == row["category"]))
        if found:
            with_match += 1
            best = label[found[0][0]]
            same_category += best[0] == row["category"]
            same_executor += best[1] == row["executor"]
        window = [(pk, row["text"]), *window[:-1]]  # it is answered: the newest in the pool
    print(
        f"per appeal, cached: p50 {statistics.median(walls):.1f} ms, p95 {_pct(walls, 0.95):.1f}"
        f" ms wall; p50 {statistics.median(cpus):.1f} ms, p95 {_pct(cpus, 0.95):.1f} ms CPU"
    )
    cold, cold_cpu = [], []
    for _pk, row in incoming[:5]:
        wall, cpu = time.perf_counter(), time.process_time()
        rank_similar(row["text"], window, PoolVectors.build(window))
        cold.append(1000 * (time.perf_counter() - wall))
        cold_cpu.append(1000 * (time.process_time() - cpu))
    print(
        f"per appeal, no cache (fit every time): p50 {statistics.median(cold):.0f} ms wall, "
        f"{statistics.median(cold_cpu):.0f} ms CPU"
    )
    share = with_match / len(incoming)
    print(f"appeals with at least one similar answered appeal (score >= 0.2): {share:.0%}")
    if with_match:
        print(
            f"the most similar one has the same category: {same_category / with_match:.0%}, "
            f"the same executor: {same_executor / with_match:.0%}"
        )
    print("by the lowest score shown: share of appeals with a match, same category")
    for floor in (0.1, 0.15, 0.2, 0.3):
        kept = [same for score, same in best_pairs if score >= floor]
        if kept:
            print(
                f"  {floor:.2f}: {len(kept) / len(incoming):.0%} of appeals, "
                f"{sum(kept) / len(kept):.0%} same category"
            )


if __name__ == "__main__":
    main()
