"""Duplicate clusters through the REST API: the list, one cluster, merging, answering once."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from ratusha.appeals.actions import check_draft_answer, check_transition
from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from tests.api.conftest import Api
from tests.triage.conftest import MANHOLE

pytestmark = pytest.mark.django_db
PROBLEMS = "https://ratusha.example/problems/"


def assign_all(town: Any, appeals: list[Appeal], department: str = "A1") -> None:
    for appeal in appeals:
        check_transition(
            appeal.pk,
            "assign",
            town.users["clerk"],
            {"department": town.departments[department].pk},
        )


def problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    found = response.json()
    assert found["type"] == PROBLEMS + code and found["status"] == status and found["detail"]
    return found


def fields(found: dict[str, Any]) -> dict[str | None, str]:
    return {e["field"]: e["message"] for e in found["errors"]}


def test_the_list_gives_the_bodys_open_clusters_with_their_appeals(
    api: Api, tokens: dict[str, str], town: Any, manholes: list[Appeal]
) -> None:
    first, second, _third, other = manholes
    page = api.get("/clusters", {"body": "A"}, token=tokens["clerk"])
    assert page.status_code == 200, page.content
    listed = page.json()
    assert (listed["count"], listed["page"], listed["pages"]) == (1, 1, 1)
    [cluster] = listed["items"]
    assert [m["number"] for m in cluster["members"]] == [a.number for a in manholes[:3]]
    assert other.number not in page.content.decode()
    assert cluster["main"] == first.pk and cluster["size"] == 3 and cluster["open_count"] == 3
    assert cluster["streets"] == [{"street": "вул. Гагарына", "count": 3}]
    member = cluster["members"][1]
    assert member["id"] == second.pk and member["version"] == second.version
    assert member["state"] == second.state and member["may_be_main"] is True
    assert member["may_merge"] is None  # only in one appeal's cluster, as on the pages
    assert 0 < member["score"] <= 1 and cluster["answer"] is None
    linked = {(link["a"], link["b"]) for link in cluster["links"]}
    assert (first.pk, second.pk) in linked and all(0 < x["score"] <= 1 for x in cluster["links"])
    # Pages, and the department filter: none of these appeals is routed yet.
    empty = api.get("/clusters", {"body": "A", "page": 2, "page_size": 1}, token=tokens["clerk"])
    assert empty.json()["items"] == [] and empty.json()["count"] == 1
    by_department = {"body": "A", "department": "A1"}
    assert api.get("/clusters", by_department, token=tokens["clerk"]).json()["count"] == 0
    assign_all(town, [second])
    routed = api.get("/clusters", by_department, token=tokens["clerk"]).json()
    assert routed["count"] == 1 and routed["items"][0]["departments"] == ["A1"]
    member = routed["items"][0]["members"][1]
    assert (member["department"], member["category"]) == ("A1", None)


def test_settled_clusters_are_listed_apart(
    api: Api, tokens: dict[str, str], manholes: list[Appeal]
) -> None:
    settled = {"body": "A", "open": "false"}
    assert api.get("/clusters", settled, token=tokens["clerk"]).json()["count"] == 0
    Appeal.objects.filter(pk__in=[a.pk for a in manholes]).update(state=State.ANSWERED)
    assert api.get("/clusters", {"body": "A"}, token=tokens["clerk"]).json()["count"] == 0
    [cluster] = api.get("/clusters", settled, token=tokens["clerk"]).json()["items"]
    assert cluster["size"] == 3 and cluster["open_count"] == 0 and cluster["main"] is None


def test_bad_filters_are_field_errors(api: Api, tokens: dict[str, str], town: Any) -> None:
    found = problem(
        api.get("/clusters", {"body": "NOPE"}, token=tokens["clerk"]), 422, "invalid-input"
    )
    assert list(fields(found)) == ["body"]
    found = problem(
        api.get("/clusters", {"body": "A", "department": "B1"}, token=tokens["clerk"]),
        422,
        "invalid-input",
    )
    assert list(fields(found)) == ["department"]
    found = problem(
        api.get("/clusters", {"page_size": 0}, token=tokens["clerk"]), 422, "invalid-input"
    )
    assert set(fields(found)) == {"body", "page_size"}


def test_one_appeals_cluster_shows_what_the_caller_may_merge(
    api: Api, tokens: dict[str, str], manholes: list[Appeal]
) -> None:
    first, second, third, other = manholes
    response = api.get(f"/appeals/{third.pk}/cluster", token=tokens["clerk"])
    assert response.status_code == 200, response.content
    cluster = response.json()
    assert [m["id"] for m in cluster["members"]] == [first.pk, second.pk, third.pk]
    assert [m["may_merge"] for m in cluster["members"]] == [True, True, True]
    assert cluster["main"] == first.pk and cluster["answer"] is None
    alone = api.get(f"/appeals/{other.pk}/cluster", token=tokens["clerk"]).json()
    assert alone["size"] == 1 and [m["id"] for m in alone["members"]] == [other.pk]
    assert alone["links"] == [] and alone["main"] == other.pk


def test_every_read_is_scoped_and_staff_only(
    api: Api, tokens: dict[str, str], town: Any, manholes: list[Appeal], register: Any
) -> None:
    first = manholes[0]
    assign_all(town, manholes[:3])
    # Out of reach is exactly like nothing there: another body's officer, another department.
    for outsider in ("officer_b", "officer_a2"):
        problem(api.get(f"/appeals/{first.pk}/cluster", token=tokens[outsider]), 404, "not-found")
    problem(api.get("/appeals/999999/cluster", token=tokens["clerk"]), 404, "not-found")
    # A body out of reach reads like a body that does not exist.
    elsewhere = api.get("/clusters", {"body": "A"}, token=tokens["officer_b"])
    assert list(fields(problem(elsewhere, 422, "invalid-input"))) == ["body"]
    # The officer of A1 sees the cluster of their department, but may merge nothing.
    seen = api.get(f"/appeals/{first.pk}/cluster", token=tokens["officer"]).json()
    assert seen["size"] == 3 and not any(m["may_merge"] for m in seen["members"])
    # A citizen's token, even for their own appeal, is not a staff member's: 403.
    own = register(MANHOLE[0], citizen=town.users["citizen"])
    citizen = tokens["citizen"]
    problem(api.get(f"/appeals/{own.pk}/cluster", token=citizen), 403, "staff-only")
    problem(api.get("/clusters", {"body": "A"}, token=citizen), 403, "staff-only")
    merge = {"main": first.pk, "appeals": [{"id": own.pk, "expected_version": own.version}]}
    problem(api.post("/clusters/merge", merge, token=citizen), 403, "staff-only")
    # No token, or a bad one: 401.
    problem(api.get("/clusters", {"body": "A"}), 401, "unauthorized")
    problem(api.get(f"/appeals/{first.pk}/cluster", token="not-a-token"), 401, "unauthorized")
    problem(api.post("/clusters/merge", merge), 401, "unauthorized")
    problem(api.post("/clusters/answer", {"main": 1, "expected_version": 1}), 401, "unauthorized")


def test_merging_checks_every_version_and_merges_all_or_none(
    api: Api, tokens: dict[str, str], town: Any, manholes: list[Appeal]
) -> None:
    first, second, third, _other = manholes
    clerk = tokens["clerk"]
    stale = {
        "main": first.pk,
        "appeals": [
            {"id": second.pk, "expected_version": second.version},
            {"id": third.pk, "expected_version": third.version - 1},
        ],
    }
    refused = problem(api.post("/clusters/merge", stale, token=clerk), 409, "conflict")
    assert third.number in refused["detail"]
    assert not Appeal.objects.filter(state=State.MERGED).exists()  # the first one is undone too
    fresh = {
        **stale,
        "appeals": [{"id": a.pk, "expected_version": a.version} for a in (second, third)],
    }
    done = api.post("/clusters/merge", fresh, token=clerk)
    assert done.status_code == 200, done.content
    cluster = done.json()
    states = {m["id"]: (m["state"], m["merged_into"]) for m in cluster["members"]}
    assert states[second.pk] == states[third.pk] == ("merged", first.number)
    assert cluster["main"] == first.pk and cluster["merged_count"] == 2
    assert set(Appeal.objects.filter(merged_into=first).values_list("pk", flat=True)) == {
        second.pk,
        third.pk,
    }
    # The same request again: the versions have moved on, nothing changes twice.
    problem(api.post("/clusters/merge", fresh, token=clerk), 409, "conflict")


def test_merge_refusals_name_the_field_in_the_callers_language(
    api: Api, tokens: dict[str, str], town: Any, manholes: list[Appeal], register: Any
) -> None:
    first, second, _third, other = manholes
    clerk = tokens["clerk"]
    b_appeal = register(MANHOLE[0], body=town.bodies["B"])

    def send(main: int, *ids: int) -> Any:
        chosen = [{"id": pk, "expected_version": 1} for pk in ids]
        return api.post("/clusters/merge", {"main": main, "appeals": chosen}, token=clerk)

    found = fields(
        problem(send(first.pk, second.pk, second.pk, first.pk, b_appeal.pk), 422, "invalid-input")
    )
    assert set(found) == {"appeals.1.id", "appeals.2.id", "appeals.3.id"}
    found = fields(problem(send(999999), 422, "invalid-input"))
    assert set(found) == {"main", "appeals"}
    found = fields(
        problem(api.post("/clusters/merge", {"appeals": "x"}, token=clerk), 422, "invalid-input")
    )
    assert set(found) == {"main", "appeals"}
    # A main appeal already answered takes no merged appeals: its answer has gone.
    Appeal.objects.filter(pk=other.pk).update(state=State.ANSWERED)
    late = {"main": other.pk, "appeals": [{"id": second.pk, "expected_version": second.version}]}
    refused = api.post("/clusters/merge", late, token=clerk, **{"Accept-Language": "be"})
    found = problem(refused, 409, "target-takes-no-merged")
    message = (
        "%(number)s can no longer take merged appeals: its answer is sent or it "
        "is closed. Choose another appeal."
    )
    with translation.override("be"):
        expected = gettext(message) % {"number": other.number}
    assert found["detail"] == expected and found["detail"] != message % {"number": other.number}
    # An officer of the department sees the appeals but may not merge them.
    assign_all(town, [first, second])
    first.refresh_from_db()
    second.refresh_from_db()
    mine = {"main": first.pk, "appeals": [{"id": second.pk, "expected_version": second.version}]}
    problem(api.post("/clusters/merge", mine, token=tokens["officer"]), 403, "role-not-permitted")
    assert not Appeal.objects.filter(state=State.MERGED).exists()


def test_the_head_answers_the_whole_cluster_once(
    api: Api,
    tokens: dict[str, str],
    town: Any,
    manholes: list[Appeal],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from ratusha.appeals.actions.clusters import check_merge_appeals

    first, second, third, _other = manholes
    assign_all(town, [first])
    check_merge_appeals(town.users["clerk"], first.pk, [(second.pk, None), (third.pk, None)])
    questions = list(Appeal.objects.get(pk=first.pk).questions.values_list("pk", flat=True))
    check_draft_answer(first.pk, town.users["officer"], "Люк закрылі вечкам 3 сакавіка.", questions)
    main = Appeal.objects.get(pk=first.pk)
    # The officer drafted it; only the head may approve it, and only the head is offered it.
    assert (
        api.get(f"/appeals/{second.pk}/cluster", token=tokens["officer"]).json()["answer"] is None
    )
    offered = api.get(f"/appeals/{second.pk}/cluster", token=tokens["head"]).json()["answer"]
    draft = main.answers.get()
    assert offered == {"main": first.pk, "draft": draft.pk, "reaches": 2}
    send = {"main": first.pk, "expected_version": main.version, "public": False}
    problem(api.post("/clusters/answer", send, token=tokens["officer"]), 403, "role-not-permitted")
    stale = {**send, "expected_version": main.version - 1}
    problem(api.post("/clusters/answer", stale, token=tokens["head"]), 409, "conflict")
    assert draft.is_public and Appeal.objects.get(pk=first.pk).answers.get().is_public  # as it was
    with django_capture_on_commit_callbacks(execute=True):
        sent = api.post("/clusters/answer", send, token=tokens["head"])
    assert sent.status_code == 200, sent.content
    cluster = sent.json()
    assert all(m["answered_at"] for m in cluster["members"]) and cluster["answer"] is None
    assert {m["id"]: m["state"] for m in cluster["members"]}[first.pk] == "answered"
    assert not Appeal.objects.get(pk=first.pk).answers.get().is_public  # "public": false
    for appeal in (second, third):
        copy = Appeal.objects.get(pk=appeal.pk).answers.get()
        assert copy.sent_at is not None and not copy.is_public
    # Once is once: the answer has gone, a second call is refused.
    again = {**send, "expected_version": Appeal.objects.get(pk=first.pk).version}
    assert api.post("/clusters/answer", again, token=tokens["head"]).status_code == 409
    unknown = api.post("/clusters/answer", {**send, "main": 999999}, token=tokens["head"])
    assert list(fields(problem(unknown, 422, "invalid-input"))) == ["main"]
