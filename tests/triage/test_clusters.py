"""Clusters of duplicate appeals: grouping, reach, the open list, merging through the pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals.actions import check_transition
from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.triage.clusters import address_summary, cluster_of, group_clusters, open_clusters
from ratusha.triage.models import TriageResult


def test_groups_are_connected_transitively_and_largest_first() -> None:
    assert group_clusters([(5, 6), (1, 2), (2, 3), (9, 3)], [7]) == [[1, 2, 3, 9], [5, 6], [7]]
    assert group_clusters([]) == []


def test_the_same_words_about_another_street_are_another_problem() -> None:
    from ratusha.triage.duplicates import Candidate, find_duplicates
    from ratusha.triage.street_names import street_key

    assert street_key("вул. Леніна, 5") == street_key("ул. Ленина, 48") == "ленина"
    text = "Стояк у кватэры холодны больш за месяц, прашу прыслаць слесара."
    here = Candidate(1, text, street=street_key("вул. Леніна, 5"))
    there = Candidate(2, text, street=street_key("вул. Пушкіна, 33"))
    found = dict(find_duplicates(text, None, [here, there], min_score=0, street="ленина"))
    assert found[1] == 1.0 and found[2] == 0.5
    near = Candidate(2, text, (53.9, 27.56), street=street_key("вул. Пушкіна, 33"))
    close = dict(find_duplicates(text, (53.9001, 27.5601), [near], min_score=0, street="ленина"))
    assert close[2] == 1.0  # pins 15 m apart: a corner house has two streets


def test_the_address_summary_keeps_streets_without_house_numbers() -> None:
    summary = address_summary(["вул. Гагарына, 14", "вул. Гагарына, 16-3", "вул. Міра, 2", ""])
    assert summary[0] == ("вул. Гагарына", 2)
    assert all(not any(ch.isdigit() for ch in street) for street, _n in summary)


@pytest.mark.django_db
def test_a_cluster_joins_the_reports_and_leaves_out_other_problems(
    town: Any, manholes: list[Appeal]
) -> None:
    first, second, third, other = manholes
    # The first report was triaged before the others existed: its links point back to it.
    assert TriageResult.objects.get(appeal=first).duplicates == []
    cluster = cluster_of(town.users["clerk"], first)
    assert cluster is not None
    assert [a.pk for a in cluster.members] == [first.pk, second.pk, third.pk]
    assert cluster.main == first and cluster.open_count == 3
    assert cluster.streets == [("вул. Гагарына", 3)]
    assert cluster_of(town.users["clerk"], other) is None


@pytest.mark.django_db
def test_links_are_followed_beyond_thirty_days_and_only_through_appeals_in_reach(
    town: Any, register: Any
) -> None:
    now = timezone.now()
    a, b, c = (register(f"Зварот {n} пра ліхтар на вуліцы Міра.") for n in range(3))
    for appeal, days, department in ((a, 80, "A2"), (b, 50, "A1"), (c, 20, "A2")):
        Appeal.objects.filter(pk=appeal.pk).update(
            registered_at=now - timedelta(days=days), department=town.departments[department]
        )
    for appeal, duplicates in ((b, [[a.pk, 0.7]]), (c, [[b.pk, 0.6]])):
        TriageResult.objects.create(
            appeal=appeal, language="be", decision="suggest", created_at=now, duplicates=duplicates
        )
    a.refresh_from_db()
    whole = cluster_of(town.users["clerk"], a)
    assert whole is not None and [m.pk for m in whole.members] == [a.pk, b.pk, c.pk]
    # The officer of A2 sees a and c, but not b that links them: no cluster for them.
    assert cluster_of(town.users["officer_a2"], a) is None
    assert cluster_of(town.users["officer_b"], a) is None


@pytest.mark.django_db
def test_the_open_list_keeps_clusters_owing_an_answer_by_department(
    town: Any, manholes: list[Appeal]
) -> None:
    clerk, body = town.users["clerk"], town.bodies["A"]
    [cluster] = open_clusters(clerk, body)
    assert cluster.size == 3 and cluster.first == manholes[0].registered_at
    assert open_clusters(clerk, body, town.departments["A1"]) == []
    check_transition(manholes[1].pk, "assign", clerk, {"department": town.departments["A1"].pk})
    assert len(open_clusters(clerk, body, town.departments["A1"])) == 1
    Appeal.objects.filter(pk__in=[a.pk for a in manholes]).update(state=State.ANSWERED)
    assert open_clusters(clerk, body) == []


@pytest.mark.django_db
def test_merging_from_the_cluster_page_asks_first_then_merges_all(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    first, second, third, _other = manholes
    client.force_login(town.users["clerk"])
    page = client.get(reverse("triage:cluster", args=[second.pk])).content.decode()
    assert first.number in page and third.number in page and 'name="main"' in page
    chosen = {
        "main": first.pk,
        "appeal": [f"{second.pk}:{second.version}", f"{third.pk}:{third.version}"],
    }
    url = reverse("triage:cluster-merge", args=[second.pk])
    asked = client.post(url, chosen)
    assert asked.status_code == 200 and "Merge 2 appeals into" in asked.content.decode()
    assert not Appeal.objects.filter(state=State.MERGED).exists()
    done = client.post(url, {**chosen, "confirm": "yes"})
    assert done.status_code == 302 and done.url == reverse("triage:cluster", args=[first.pk])
    merged = Appeal.objects.filter(merged_into=first, state=State.MERGED)
    assert set(merged.values_list("pk", flat=True)) == {second.pk, third.pk}
    listed = client.get(reverse("triage:clusters", args=[town.bodies["A"].pk])).content.decode()
    assert "1 open cluster" in listed and "3 appeals" in listed and "2 merged" in listed


@pytest.mark.django_db
def test_out_of_reach_is_404_and_an_officer_sees_no_merge_controls(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    first = manholes[0]
    for appeal in manholes[:3]:
        check_transition(
            appeal.pk, "assign", town.users["clerk"], {"department": town.departments["A1"].pk}
        )
    client.force_login(town.users["officer_b"])
    assert client.get(reverse("triage:cluster", args=[first.pk])).status_code == 404
    client.force_login(town.users["officer"])
    page = client.get(reverse("triage:cluster", args=[first.pk])).content.decode()
    assert manholes[2].number in page and 'name="appeal"' not in page
    panel = client.get(
        reverse("triage:cluster-panel", args=[first.pk]), headers={"HX-Request": "true"}
    )
    assert "3 appeals in a cluster" in panel.content.decode()
    department = client.get(reverse("triage:department-clusters", args=[town.departments["A1"].pk]))
    assert "1 open cluster" in department.content.decode()


@pytest.mark.django_db
def test_the_head_answers_the_whole_cluster_from_its_page(
    town: Any, manholes: list[Appeal], client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.appeals.actions import check_draft_answer
    from ratusha.appeals.actions.clusters import check_merge_appeals

    first, second, third, _other = manholes
    clerk = town.users["clerk"]
    check_transition(first.pk, "assign", clerk, {"department": town.departments["A1"].pk})
    check_merge_appeals(clerk, first.pk, [(second.pk, None), (third.pk, None)])
    # Not yet routed, the merged appeals joined the main appeal's department.
    assert set(Appeal.objects.filter(merged_into=first).values_list("department", flat=True)) == {
        town.departments["A1"].pk
    }
    Appeal.objects.get(pk=first.pk).questions.create(text="Калі закрыюць люк?")
    questions = list(Appeal.objects.get(pk=first.pk).questions.values_list("pk", flat=True))
    check_draft_answer(first.pk, town.users["officer"], "Люк закрылі вечкам 3 сакавіка.", questions)
    client.force_login(town.users["head"])
    page = client.get(reverse("triage:cluster", args=[second.pk])).content.decode()
    assert "Answer the whole cluster" in page and "applicants of 2 merged appeals" in page
    main = Appeal.objects.get(pk=first.pk)
    url = reverse("triage:cluster-answer", args=[first.pk])
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"expected_version": main.version, "confirm": "yes"})
    assert sent.status_code == 302
    for appeal in (first, second, third):
        answer = Appeal.objects.get(pk=appeal.pk).answers.get()
        assert answer.sent_at is not None and not answer.is_public  # "public" was left unticked
