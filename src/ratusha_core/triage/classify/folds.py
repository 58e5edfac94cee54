"""Stratified k-fold splits that also cope with labels rarer than the number of folds."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def stratified_folds(labels: Sequence[str], folds: int, random_state: int) -> list[int]:
    """Give a fold number (0 .. folds-1) for each item, spreading every label evenly.

    Items of each label are shuffled and dealt to the folds in turn; the dealing goes on
    from where the previous label stopped, so a label with fewer items than folds still
    lands in different folds from its neighbours and the folds stay equal in size.
    Deterministic for a given ``random_state``.

    >>> stratified_folds(["a", "a", "b", "b"], 2, random_state=0)
    [1, 0, 1, 0]
    """
    if folds < 2:
        raise ValueError("need at least two folds")
    if len(labels) < folds:
        raise ValueError(f"need at least {folds} items for {folds} folds, got {len(labels)}")
    rng = np.random.default_rng(random_state)
    by_label: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, []).append(index)
    assignment = [0] * len(labels)
    # Big labels first, so the rare ones fill whichever folds are short.
    order = sorted(by_label, key=lambda lab: (-len(by_label[lab]), lab))
    next_fold = int(rng.integers(folds))
    for label in order:
        members = np.array(by_label[label])
        rng.shuffle(members)
        for index in members:
            assignment[int(index)] = next_fold
            next_fold = (next_fold + 1) % folds
    return assignment


def split_indices(assignment: Sequence[int], fold: int) -> tuple[list[int], list[int]]:
    """Give (training indices, test indices) for one fold of an assignment."""
    train = [i for i, f in enumerate(assignment) if f != fold]
    test = [i for i, f in enumerate(assignment) if f == fold]
    return train, test
