"""The what-if table of duplicate thresholds: counts on a small hand-made set of links."""

from __future__ import annotations

import doctest

from ratusha_core.triage import link_what_if
from ratusha_core.triage.link_what_if import THRESHOLDS, WhatIfRow, what_if

LINKS = {
    (1, 2): 0.5,  # exactly the default threshold
    (3, 4): 0.549,  # just below 0.55
    (5, 6): 0.55,  # exactly 0.55
    (7, 8): 0.68,
    (9, 10): 0.9,  # exactly the highest row
    (11, 12): 1.0,  # a merge read as a link, or identical texts
}
MARKED = {(1, 2), (3, 4), (7, 8), (20, 21)}  # (20, 21) was never linked: not counted
MERGED = {(5, 6), (9, 10), (11, 12), (30, 31)}  # (30, 31) neither


def test_the_docstring_example_holds() -> None:
    assert doctest.testmod(link_what_if).failed == 0


def test_the_rows_run_from_half_to_nine_tenths_by_five_hundredths() -> None:
    assert THRESHOLDS == (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def test_each_threshold_keeps_the_links_that_reach_it() -> None:
    rows = {row.threshold: row for row in what_if(LINKS, MARKED, MERGED)}
    got = {t: (r.kept, r.marked, r.merged) for t, r in rows.items()}
    assert got == {
        0.5: (6, 3, 3),
        0.55: (4, 1, 3),  # 0.5 and 0.549 go, both marked; 0.55 itself stays
        0.6: (3, 1, 2),  # the merged 0.55 goes: a right link lost
        0.65: (3, 1, 2),
        0.7: (2, 0, 2),  # the marked 0.68 goes
        0.75: (2, 0, 2),
        0.8: (2, 0, 2),
        0.85: (2, 0, 2),
        0.9: (2, 0, 2),  # 0.9 reaches 0.9
    }
    assert rows[0.5].marked_share == 0.5
    assert rows[0.55].marked_share == 0.25
    assert rows[0.9].marked_share == 0.0


def test_thresholds_come_back_in_the_order_given_and_nothing_linked_has_no_share() -> None:
    rows = what_if(LINKS, MARKED, MERGED, thresholds=(0.95, 0.3))
    assert [(r.threshold, r.kept, r.marked, r.merged) for r in rows] == [
        (0.95, 1, 0, 1),
        (0.3, 6, 3, 3),
    ]
    empty = what_if({}, MARKED, MERGED, thresholds=(0.5,))
    assert empty == (WhatIfRow(0.5, 0, 0, 0),)
    assert empty[0].marked_share is None
