"""Duplicate scoring on plain values: text similarity nudged by the distance between places."""

from __future__ import annotations

from ratusha.triage.duplicates import Candidate, distance_km, find_duplicates

TEXT = "На вуліцы Леніна каля дома 5 адкрыты каналізацыйны люк, небяспечна."


def test_distance_of_one_degree_of_latitude_is_about_111_km() -> None:
    assert 110 < distance_km((53.0, 27.0), (54.0, 27.0)) < 112


def test_the_same_words_far_away_score_lower_than_nearby() -> None:
    near = Candidate(1, TEXT.replace("адкрыты", "зноў адкрыты"), (53.9000, 27.5600))
    far = Candidate(2, TEXT.replace("адкрыты", "зноў адкрыты"), (53.9500, 27.7000))
    other = Candidate(3, "Прашу адрамантаваць дах школы нумар 3.", (53.9000, 27.5600))
    found = dict(find_duplicates(TEXT, (53.9001, 27.5601), [near, far, other], min_score=0.0))
    assert found[1] > 0.9 > found[2]
    assert found[3] < 0.3


def test_nothing_to_compare_gives_no_duplicates() -> None:
    assert find_duplicates(TEXT, None, []) == []
    assert find_duplicates("   ", None, [Candidate(1, TEXT)]) == []
