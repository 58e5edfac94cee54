"""Personal-data detection: recall and precision per kind, with and without natasha.

Reads the labelled sets in ``tests/core/triage/data/``: ``personal_data.jsonl`` (330
sentences in be/ru/en, the development set the rules grew on),
``personal_data_holdout.jsonl`` (60 sentences written after the rules were frozen, with
names missing from the lists, whose misses then shaped one more round of rules) and
``personal_data_holdout2.jsonl`` (26 sentences never used to change the rules).
Prints, per kind, labelled count, recall, precision and exact-boundary share, then
names per language, and latency per sentence.

    .venv/bin/python benchmarks/personal_data.py [-v]

``-v`` lists every miss and false find.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ratusha_core.triage.personal_data import (  # noqa: E402
    KINDS,
    PersonalDataSpan,
    find_personal_data,
    ner_available,
)
from ratusha_core.triage.personal_data.measure import (  # noqa: E402
    LabelledText,
    score_personal_data,
)

DATA_DIR = REPO / "tests" / "core" / "triage" / "data"
DATA_FILES = ("personal_data.jsonl", "personal_data_holdout.jsonl", "personal_data_holdout2.jsonl")


def load(path: Path) -> list[LabelledText]:
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans = tuple(
            PersonalDataSpan(s["start"], s["end"], s["kind"], s["text"]) for s in row["spans"]
        )
        examples.append(LabelledText(row["text"], row["language"], spans))
    return examples


def report(label: str, examples: list[LabelledText], use_ner: bool) -> None:
    latencies: list[float] = []

    def find(text: str, language: str) -> tuple[PersonalDataSpan, ...]:
        started = time.perf_counter()
        spans = find_personal_data(text, language, use_ner=use_ner)
        latencies.append((time.perf_counter() - started) * 1000)
        return spans

    scores = score_personal_data(examples, find)
    print(f"\n{label}")
    print(f"  {'kind':<12} {'labelled':>8} {'recall':>7} {'precision':>9} {'exact':>6}")
    for kind in KINDS:
        s = scores[kind]
        exact = s.exact / s.labelled if s.labelled else 1.0
        print(f"  {kind:<12} {s.labelled:>8} {s.recall:>7.3f} {s.precision:>9.3f} {exact:>6.3f}")
    for language in ("be", "ru", "en"):
        subset = [e for e in examples if e.language == language]
        names = score_personal_data(subset, find)["name"]
        print(
            f"  names/{language:<6} {names.labelled:>8} {names.recall:>7.3f} "
            f"{names.precision:>9.3f}"
        )
    q = statistics.quantiles(latencies, n=20)
    print(f"  latency per sentence: p50 {q[9]:.2f} ms, p95 {q[18]:.2f} ms")
    if "-v" in sys.argv:
        for example in examples:
            got = find(example.text, example.language)
            gold = {(s.start, s.end, s.kind) for s in example.spans}
            mine = {(s.start, s.end, s.kind) for s in got}
            if gold != mine:
                missed = [example.text[a:b] + f"<{k}>" for a, b, k in sorted(gold - mine)]
                extra = [example.text[a:b] + f"<{k}>" for a, b, k in sorted(mine - gold)]
                print(f"    [{example.language}] {example.text}\n      -{missed}\n      +{extra}")


def main() -> None:
    started = time.perf_counter()
    has_ner = ner_available()
    print(f"natasha: {f'loaded in {time.perf_counter() - started:.2f} s' if has_ner else 'absent'}")
    for name in DATA_FILES:
        path = DATA_DIR / name
        examples = load(path)
        spans = sum(len(e.spans) for e in examples)
        print(f"\n=== {len(examples)} sentences, {spans} spans from {path.relative_to(REPO)}")
        report("rules only", examples, use_ner=False)
        if has_ner:
            report("rules + natasha NER (ru, be)", examples, use_ner=True)


if __name__ == "__main__":
    main()
