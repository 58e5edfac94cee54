"""Category suggestions that point to different problems keep two reports at one place apart."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ratusha.appeals.tasks import process_appeal
from ratusha.triage.duplicate_candidates import appeal_duplicates
from ratusha.triage.duplicates import Candidate, find_duplicates
from ratusha.triage.models import TriageResult
from ratusha_core.triage.duplicates_score import category_ratio, with_categories

LIGHT = "На вуліцы Гагарына каля дома 14 не гараць ліхтары, вечарам цёмна і небяспечна."
AGAIN = "Вечарам на вуліцы Гагарына каля дома 14 цёмна, не гараць ліхтары, небяспечна ісці."
# A trained classifier's suggestions for a report of a dark street and of a pothole.
SURE_LIGHT = (("light", 0.99), ("road", 0.005))
SURE_ROAD = (("road", 0.99), ("light", 0.005))

guesses = st.lists(
    st.tuples(st.sampled_from("abcdefgh"), st.floats(0.0, 1.0)), min_size=1, max_size=3
).map(
    lambda top: tuple(
        dict((label, p / max(1.0, sum(q for _l, q in top))) for label, p in top).items()
    )
)


def test_unsure_suggestions_say_nothing_and_sure_different_ones_say_much() -> None:
    uniform = tuple((c, 0.1) for c in "abc")
    assert category_ratio(uniform, SURE_LIGHT, 10) == pytest.approx(1.0)
    assert category_ratio(SURE_LIGHT, SURE_LIGHT, 10) > 8
    assert category_ratio(SURE_LIGHT, SURE_ROAD, 10) < 0.1
    # Sure, but each leaves the other's category its prior share (0.1): no evidence.
    assert category_ratio((("a", 0.8), ("b", 0.1)), (("b", 0.8), ("a", 0.1)), 10) > 1.0
    assert category_ratio((), SURE_ROAD, 10) == 1.0  # not triaged: no evidence
    assert category_ratio((("a", 1.0),), (("a", 1.0),), 1) == 1.0  # one category


# Pure arithmetic; on a busy shared machine a stalled draw is no failure.
RELAXED = hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RELAXED
@given(guesses, st.integers(2, 40))
def test_the_same_suggestions_on_both_sides_never_count_against(top: Any, labels: int) -> None:
    assert category_ratio(top, top, labels) >= 1.0 - 1e-6


@RELAXED
@given(st.floats(0.01, 0.99), st.floats(0.001, 0.999))
def test_disagreeing_categories_ask_for_a_score_of_one_over_one_plus_the_ratio(
    score: float, ratio: float
) -> None:
    updated = with_categories(score, ratio)
    assert updated <= score
    if abs(score - 1 / (1 + ratio)) > 1e-4:
        assert (updated >= 0.5) == (score >= 1 / (1 + ratio))
    assert with_categories(score, 1 + ratio) == score


def test_near_words_about_two_problems_part_but_the_same_report_stays() -> None:
    here = Candidate(1, AGAIN, street="гагарына", categories=SURE_ROAD)
    plain = Candidate(1, AGAIN, street="гагарына")
    same = Candidate(2, LIGHT, street="гагарына", categories=SURE_ROAD)
    kept = dict(find_duplicates(LIGHT, None, [plain], street="гагарына"))
    assert 0.7 < kept[1] < 0.9
    found = dict(
        find_duplicates(
            LIGHT, None, [here, same], street="гагарына", categories=SURE_LIGHT, labels=20
        )
    )
    assert 1 not in found  # the words agree, the categories do not
    assert found[2] == 1.0  # one text is one report, whatever the classifier says
    agree = Candidate(1, AGAIN, street="гагарына", categories=SURE_LIGHT)
    assert dict(find_duplicates(LIGHT, None, [agree], categories=SURE_LIGHT, labels=20)) == {
        1: kept[1]
    }


@pytest.mark.django_db
def test_the_triage_pool_reads_each_candidates_own_suggestions(
    register: Any, town: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_EMBEDDINGS = False
    first = register(LIGHT, address="вул. Гагарына, 14")
    process_appeal.call(first.pk)
    second = register(AGAIN, address="вул. Гагарына, 14", applicant_email="p2@example.org")
    light, road = (str(town.categories[code].pk) for code in ("A1", "A2"))
    TriageResult.objects.filter(appeal=first).update(categories=[[int(light), 0.97]])

    def links(categories: list[list[Any]]) -> list[int]:
        return [pk for pk, _score in appeal_duplicates(second, None, None, None, categories)]

    assert links([]) == [first.pk]
    assert links([[int(light), 0.9], [int(road), 0.05]]) == [first.pk]
    assert links([[int(road), 0.97], [int(light), 0.01]]) == []
    TriageResult.objects.filter(appeal=first).delete()  # never triaged: no evidence
    assert links([[int(road), 0.97], [int(light), 0.01]]) == [first.pk]
