"""The duplicate decision scored on labelled pairs of reports (the tests and the benchmark).

A pair is ``{"a": {"text", "address"?}, "b": {...}, "duplicate": bool, "kind": ...}``,
as in ``tests/triage/data/duplicate_pairs.jsonl``; ``kind`` is "cross", "rephrase",
"other_place" or "other_problem".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ratusha.triage.duplicates import Candidate, find_duplicates, street_key
from ratusha_core.triage.duplicates_score import EMBEDDING_FLOOR, SAME_LANGUAGE_FLOOR


def languages_of(texts: Sequence[str]) -> list[str]:
    """Give the accepted language of each text as the stored vectors record it ('' if none)."""
    from ratusha.triage.embeddings import embedding_text
    from ratusha_core.triage.language import detect_language

    found = [detect_language(embedding_text(t)) for t in texts]
    return [f.language if f.accepted else "" for f in found]


def pair_decisions(
    pairs: Sequence[dict[str, Any]],
    vectors: Any,
    floors: tuple[float, float] = (SAME_LANGUAGE_FLOOR, EMBEDDING_FLOOR),
) -> list[bool]:
    """Tell for each pair whether its b side is found a duplicate of its a side.

    ``vectors`` holds the a sides' vectors, then the b sides' (None: n-grams only). Every
    text of the set is the TF-IDF background.
    """
    background = [p[side]["text"] for p in pairs for side in ("a", "b")]
    n = len(pairs)
    languages = languages_of(background[0::2] + background[1::2])
    decisions = []
    for i, pair in enumerate(pairs):
        a, b = pair["a"], pair["b"]
        other = Candidate(
            1,
            b["text"],
            street=street_key(b.get("address", "")),
            vector=None if vectors is None else vectors[n + i],
            language=languages[n + i],
        )
        found = find_duplicates(
            a["text"],
            None,
            [other],
            background=background,
            street=street_key(a.get("address", "")),
            vector=None if vectors is None else vectors[i],
            language=languages[i],
            floors=floors,
        )
        decisions.append(bool(found))
    return decisions


def pair_metrics(pairs: Sequence[dict[str, Any]], decisions: Sequence[bool]) -> dict[str, Any]:
    """Give precision, recall, F1, the recall on cross-language pairs and false links by kind."""
    judged = list(zip(pairs, decisions, strict=True))
    tp = sum(d and p["duplicate"] for p, d in judged)
    fp = sum(d and not p["duplicate"] for p, d in judged)
    positives = sum(p["duplicate"] for p in pairs)
    cross = [d for p, d in judged if p["kind"] == "cross"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / positives if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    false_links = {
        kind: sum(d for p, d in judged if p["kind"] == kind)
        for kind in ("other_place", "other_problem")
    }
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "cross_recall": sum(cross) / len(cross) if cross else 0.0,
        **false_links,
    }
