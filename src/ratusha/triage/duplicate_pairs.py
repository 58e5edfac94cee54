"""The duplicate decision scored on labelled pairs of reports (the tests and the benchmark).

A pair is ``{"a": {"text", "address"?, "category"}, "b": {...}, "duplicate": bool,
"kind": ...}``, as in ``tests/triage/data/duplicate_pairs.jsonl``; ``kind`` is "cross",
"rephrase", "other_place" or "other_problem", and ``category`` the demo town's category
an officer would give the report (for measuring a classifier, never read when scoring).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ratusha.triage.duplicates import Candidate, find_duplicates
from ratusha.triage.street_names import street_key, street_marks
from ratusha_core.triage.duplicates_score import EMBEDDING_FLOOR, SAME_LANGUAGE_FLOOR

Guesses = tuple[tuple[str, float], ...]


def languages_of(texts: Sequence[str]) -> list[str]:
    """Give the accepted language of each text as the stored vectors record it ('' if none)."""
    from ratusha.triage.embeddings import embedding_text
    from ratusha_core.triage.language import detect_language

    found = [detect_language(embedding_text(t)) for t in texts]
    return [f.language if f.accepted else "" for f in found]


def demo_classifier() -> tuple[Callable[[str], Guesses], int]:
    """Give the demo town's cold-start category guesses and its number of categories.

    Built as the triage run builds it for a body with no trained model
    (``actions.cold_start_for``): each category's keywords and three names, and its
    example appeals (``demo_examples``), in the order of the category codes.
    """
    from ratusha.demo.catalogue import DEPARTMENTS
    from ratusha.triage.demo_examples import EXAMPLES
    from ratusha_core.triage.classify import CategoryDescription, cold_start

    described = sorted(
        (
            CategoryDescription(
                code,
                keywords=(*(w.strip() for w in words.split(";") if w.strip()), be, ru, en),
                examples=EXAMPLES.get(("ZAR", code), ()),
            )
            for _dept, _be, _ru, _en, categories in DEPARTMENTS
            for code, be, ru, en, words in categories
        ),
        key=lambda c: c.label,
    )
    classifier = cold_start(described)
    return (lambda text: classifier.predict(text).top), len(described)


def pair_decisions(
    pairs: Sequence[dict[str, Any]],
    vectors: Any,
    floors: tuple[float, float] = (SAME_LANGUAGE_FLOOR, EMBEDDING_FLOOR),
    guesses: Sequence[Guesses] | None = None,
    labels: int = 0,
) -> list[bool]:
    """Tell for each pair whether its b side is found a duplicate of its a side.

    ``vectors`` holds the a sides' vectors, then the b sides' (None: n-grams only), and
    ``guesses`` the category suggestions of each text in the same order, out of
    ``labels`` categories (None: no category signal). Every text of the set is the
    TF-IDF background.
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
            categories=() if guesses is None else guesses[n + i],
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
            categories=() if guesses is None else guesses[i],
            labels=labels,
        )
        decisions.append(bool(found))
    return decisions


def pair_metrics(pairs: Sequence[dict[str, Any]], decisions: Sequence[bool]) -> dict[str, Any]:
    """Give precision, recall, F1, the recall on cross-language pairs and false links by kind.

    ``other_problem_one_language`` counts the false links between two reports in one
    language of different problems at one place (the hardest negatives for the embedding).
    """
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
    one_language = sum(
        d for p, d in judged if p["kind"] == "other_problem" and p["a"]["lang"] == p["b"]["lang"]
    )
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "cross_recall": sum(cross) / len(cross) if cross else 0.0,
        **false_links,
        "other_problem_one_language": one_language,
    }


def place_folds(pairs: Sequence[dict[str, Any]], folds: int = 5, seed: int = 0) -> list[int]:
    """Give each pair a fold (0..folds-1); the pairs about one street share their fold.

    Several pairs describe one place (one report with a duplicate, with another problem
    there, with the same problem elsewhere), so a classifier tested on one fold has never
    seen a report about that place.
    """
    import random

    def place(pair: dict[str, Any]) -> str:
        side = pair["a"]
        marks = street_marks(street_key(side.get("address", "")), side["text"])
        return min(marks) if marks else pair["id"]

    places = sorted({place(p) for p in pairs})
    random.Random(seed).shuffle(places)
    fold_of = {name: i % folds for i, name in enumerate(places)}
    return [fold_of[place(p)] for p in pairs]


def trained_guesses(
    pairs: Sequence[dict[str, Any]], folds: Sequence[int]
) -> tuple[list[Guesses], int]:
    """Give each text's category suggestions by a classifier trained without its fold.

    The triage classifier (``ratusha_core.triage.classify.train``, default settings) is
    trained, per fold, on the demo town's example appeals and the categories of the other
    folds' reports, as a body with some history would have it. Gives the suggestions of
    the a sides, then the b sides, and the number of categories the models know.
    """
    from ratusha.triage.demo_examples import EXAMPLES
    from ratusha_core.triage.classify import ClassifierConfig, LabelledText, train

    examples = [
        LabelledText(t, c) for (body, c), texts in EXAMPLES.items() if body == "ZAR" for t in texts
    ]
    n = len(pairs)
    guesses: list[Guesses] = [() for _ in range(2 * n)]
    labels = 0
    for fold in sorted(set(folds)):
        history = examples + [
            LabelledText(p[side]["text"], p[side]["category"])
            for p, f in zip(pairs, folds, strict=True)
            if f != fold
            for side in ("a", "b")
        ]
        model = train(history, ClassifierConfig(), random_state=0)
        labels = max(labels, len(model.labels))
        for i, (pair, f) in enumerate(zip(pairs, folds, strict=True)):
            if f == fold:
                guesses[i] = model.predict(pair["a"]["text"]).top
                guesses[n + i] = model.predict(pair["b"]["text"]).top
    return guesses, labels
