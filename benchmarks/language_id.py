"""Language ID on short appeal texts: py3langid vs lingua, each with and without orthography.

Prints accuracy per expected language (be/ru/en/other), the accuracy of the
"accepted" flag, load time and per-text latency (p50/p95, model loaded) on the
hand-written labelled set ``tests/core/triage/data/language_id.jsonl``.

    .venv/bin/python benchmarks/language_id.py

lingua (``lingua-language-detector``) is optional: without it only py3langid runs.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ratusha_core.triage.language import (  # noqa: E402
    CANDIDATE_LANGUAGES,
    LanguageScorer,
    detect_language,
    py3langid_scorer,
)

DATA_DIR = REPO / "tests" / "core" / "triage" / "data"
# The development set shaped the orthographic rules; the hold-out set was written after
# they were frozen, so its figures are the honest ones.
DATA_FILES = ("language_id.jsonl", "language_id_holdout.jsonl")


def lingua_scorer() -> LanguageScorer:
    """Gives a scorer backed by lingua restricted to the same candidate languages."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in CANDIDATE_LANGUAGES]
    detector = (
        LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        .with_preloaded_language_models()
        .build()
    )

    def score(text: str) -> Mapping[str, float]:
        values = detector.compute_language_confidence_values(text)
        return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values}

    return score


def evaluate(name: str, make: Callable[[], LanguageScorer], rows: list[dict[str, str]]) -> None:
    started = time.perf_counter()
    scorer = make()
    scorer("warm up")
    load_s = time.perf_counter() - started
    for use_orthography in (False, True):
        hits: dict[str, list[bool]] = defaultdict(list)
        flag_hits: list[bool] = []
        latencies: list[float] = []
        misses: list[str] = []
        for row in rows:
            t0 = time.perf_counter()
            result = detect_language(row["text"], scorer=scorer, use_orthography=use_orthography)
            latencies.append((time.perf_counter() - t0) * 1000)
            ok = result.language == row["language"]
            hits[row["language"]].append(ok)
            hits["all"].append(ok)
            flag_hits.append(result.accepted == (row["language"] != "other"))
            if not ok:
                misses.append(f"    {row['language']}->{result.detected}: {row['text'][:60]}")
        quantiles = statistics.quantiles(latencies, n=20)
        label = f"{name}{' + orthography' if use_orthography else ''}"
        per_language = "  ".join(
            f"{code} {sum(hits[code]) / len(hits[code]):.3f} ({len(hits[code])})"
            for code in ("be", "ru", "en", "other", "all")
        )
        print(f"{label:<26} {per_language}")
        print(
            f"{'':<26} accepted-flag {sum(flag_hits) / len(flag_hits):.3f}  "
            f"latency p50 {quantiles[9]:.3f} ms p95 {quantiles[18]:.3f} ms  load {load_s:.2f} s"
        )
        if "-v" in sys.argv:
            print("\n".join(misses))


def main() -> None:
    try:
        import lingua  # noqa: F401

        scorers = [("py3langid", py3langid_scorer), ("lingua", lingua_scorer)]
    except ImportError:
        print("lingua: not installed (pip install lingua-language-detector) - skipped")
        scorers = [("py3langid", py3langid_scorer)]
    for name in DATA_FILES:
        path = DATA_DIR / name
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        print(f"\n{len(rows)} texts from {path.relative_to(REPO)}")
        for label, make in scorers:
            evaluate(label, make, rows)


if __name__ == "__main__":
    main()
