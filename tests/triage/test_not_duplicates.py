"""Officers' word that appeals are not duplicates: taking an appeal out of its cluster,
keeping a pair apart from the comparison page, withdrawing the mark, rights, the record."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ratusha.appeals.actions import TransitionNotAllowed
from ratusha.appeals.models import Appeal
from ratusha.triage.actions import do_triage_appeal
from ratusha.triage.actions_not_duplicates import check_keep_apart, check_take_out
from ratusha.triage.clusters import cluster_of
from ratusha.triage.duplicate_explain import NOT_DUPLICATE, compare_appeals
from ratusha.triage.models import NotDuplicate, TriageResult

pytestmark = pytest.mark.django_db


def _members(user: Any, appeal: Appeal) -> set[int]:
    cluster = cluster_of(user, appeal)
    return {m.pk for m in cluster.members} if cluster is not None else set()


def _linked(appeal: Appeal) -> set[int]:
    return {int(pk) for pk, _score in TriageResult.objects.get(appeal=appeal).duplicates}


def test_taking_an_appeal_out_splits_the_cluster_and_triage_keeps_it_out(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    first, second, third, _other = manholes
    clerk = town.users["clerk"]
    assert _linked(second) == {first.pk} and _linked(third) == {first.pk}  # first is the hub
    assert _members(clerk, second) == {first.pk, second.pk, third.pk}
    client.force_login(clerk)
    page = reverse("triage:cluster", args=[second.pk])
    response = client.post(
        reverse("triage:cluster-take-out", args=[second.pk]),
        {"member": third.pk, "next": page},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == page
    text = response.content.decode()
    assert f"{third.number} was taken out of the cluster" in text
    mark = NotDuplicate.objects.get(withdrawn_at__isnull=True)
    assert (mark.first_id, mark.second_id) == (first.pk, third.pk)
    assert mark.by == clerk and mark.by_role == "registry_clerk"
    assert mark.score == dict(TriageResult.objects.get(appeal=third).duplicates)[first.pk]
    assert _members(clerk, second) == {first.pk, second.pk}
    assert _members(clerk, third) == set()
    # The mark is listed on the page of a member, with a way back.
    assert "Marked as not duplicates" in text
    assert f"Withdraw the mark on {first.number} and {third.number}" in text
    # A new triage run never links the two again, while the untouched link stays.
    do_triage_appeal(Appeal.objects.get(pk=third.pk))
    assert _linked(third) == set()
    do_triage_appeal(Appeal.objects.get(pk=second.pk))
    assert _linked(second) == {first.pk}


def test_withdrawing_the_mark_brings_the_link_back_and_keeps_the_record(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    first, second, third, _other = manholes
    clerk = town.users["clerk"]
    check_take_out(clerk, first, third)
    assert _members(clerk, third) == set()
    client.force_login(town.users["admin"])
    response = client.post(
        reverse("triage:withdraw-apart", args=[first.pk]), {"other": third.pk}, follow=True
    )
    assert "is withdrawn: their links count again" in response.content.decode()
    withdrawn = NotDuplicate.objects.get(first=first, second=third)
    assert withdrawn.withdrawn_by == town.users["admin"] and withdrawn.withdrawn_at
    assert _members(clerk, third) == {first.pk, second.pk, third.pk}
    # Withdrawing again changes nothing and says so; marking again is a new row.
    again = client.post(
        reverse("triage:withdraw-apart", args=[third.pk]), {"other": first.pk}, follow=True
    )
    assert "were not marked as not duplicates" in again.content.decode()
    check_keep_apart(clerk, third, first)
    assert NotDuplicate.objects.filter(first=first, second=third).count() == 2


def test_the_comparison_page_marks_the_pair_and_says_why_it_is_never_compared(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    first, _second, third, _other = manholes
    client.force_login(town.users["clerk"])
    url = reverse("triage:compare", args=[third.pk])
    before = client.get(url, {"other": first.number}).content.decode()
    assert "Mark as not duplicates" in before and ": they are linked." in before
    here = f"{url}?other={first.number}"
    done = client.post(
        reverse("triage:keep-apart", args=[third.pk]),
        {"other": first.pk, "next": here},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == here
    page = done.content.decode()
    assert "are marked as not duplicates: triage will not link them again" in page
    assert "Marked as not duplicates by Clerk" in page and "Withdraw the mark" in page
    assert "an officer marked them as not duplicates" in page and ": they are linked." not in page
    found = compare_appeals(town.users["clerk"], third, first)
    assert found.outside == (NOT_DUPLICATE,) and not found.linked_now
    assert found.verdict is not None and found.verdict.by == town.users["clerk"]
    # Twice is once.
    client.post(reverse("triage:keep-apart", args=[first.pk]), {"other": third.number})
    assert NotDuplicate.objects.count() == 1


def test_who_may_keep_appeals_apart(town: Any, manholes: list[Appeal], client: Any) -> None:
    first, second, third, _other = manholes
    # The auditor sees the appeals but acts on none: refused, nothing recorded.
    client.force_login(town.users["auditor"])
    page = client.get(reverse("triage:compare", args=[third.pk]), {"other": first.number})
    assert page.status_code == 200 and "Mark as not duplicates" not in page.content.decode()
    refused = client.post(
        reverse("triage:keep-apart", args=[third.pk]), {"other": first.pk}, follow=True
    )
    assert "may say that two appeals are not duplicates" in refused.content.decode()
    # Another body's officer does not reach the appeal at all; GET changes nothing.
    client.force_login(town.users["officer_b"])
    url = reverse("triage:keep-apart", args=[third.pk])
    assert client.post(url, {"other": first.pk}).status_code == 404
    client.force_login(town.users["clerk"])
    assert client.get(url, {"other": first.pk}).status_code == 405
    assert not NotDuplicate.objects.exists()
    # An officer of the department of one of the two may.
    Appeal.objects.filter(pk=second.pk).update(department=town.departments["A1"])
    check_keep_apart(town.users["officer"], Appeal.objects.get(pk=second.pk), first)
    assert NotDuplicate.objects.get().by_role == "department_officer"
    with pytest.raises(TransitionNotAllowed) as no:
        check_keep_apart(town.users["officer_a2"], third, first)
    assert no.value.code == "role_not_permitted"


def test_merged_appeals_and_strangers_are_refused(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    first, _second, third, _other = manholes
    clerk = town.users["clerk"]
    Appeal.objects.filter(pk=first.pk).update(merged_into=third, state="merged")
    with pytest.raises(TransitionNotAllowed) as merged:
        check_keep_apart(clerk, third, Appeal.objects.get(pk=first.pk))
    assert merged.value.code == "merged"
    with pytest.raises(TransitionNotAllowed) as itself:
        check_keep_apart(clerk, third, third)
    assert itself.value.code == "bad_other_appeal"
    client.force_login(clerk)
    cut = client.post(
        reverse("triage:cluster-take-out", args=[third.pk]), {"member": "x"}, follow=True
    )
    assert "Choose an appeal of the cluster." in cut.content.decode()
    assert not NotDuplicate.objects.exists()


def test_the_take_out_buttons_belong_to_their_own_form(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    """The buttons sit in the merge table but submit a separate form, so Enter in the merge
    form never takes an appeal out."""
    third = manholes[2]
    client.force_login(town.users["clerk"])
    page = client.get(reverse("triage:cluster", args=[third.pk])).content.decode()
    action = reverse("triage:cluster-take-out", args=[third.pk])
    assert f'action="{action}" id="take-out-form"' in page
    assert page.count('form="take-out-form" name="member"') == 3  # one per appeal
    merge_form = page[page.index('action="' + reverse("triage:cluster-merge", args=[third.pk])) :]
    merge_form = merge_form[: merge_form.index("</form>")]
    assert 'formaction="' not in merge_form and 'id="take-out-form"' not in merge_form


def test_one_standing_mark_per_pair_and_pairs_in_order(town: Any, manholes: list[Appeal]) -> None:
    first, second, _third, _other = manholes
    values = {"body": town.bodies["A"], "by_role": "registry_clerk", "at": timezone.now()}
    NotDuplicate.objects.create(first=first, second=second, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        NotDuplicate.objects.create(first=first, second=second, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        NotDuplicate.objects.create(first=second, second=first, **values)


def test_the_appeal_page_lists_its_marks_and_withdraws_back_to_itself(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    first, _second, third, other = manholes
    check_take_out(town.users["clerk"], first, third)
    client.force_login(town.users["clerk"])
    panel = reverse("triage:cluster-panel", args=[third.pk])
    text = client.get(panel, headers={"HX-Request": "true"}).content.decode()
    assert '<h3 id="kept-apart-heading">Marked as not duplicates</h3>' in text
    appeal_page = reverse("appeals:appeal", args=[third.pk])
    assert f'name="next" value="{appeal_page}"' in text
    assert f"Withdraw the mark on {first.number} and {third.number}" in text
    # An appeal without marks shows no such list.
    calm = client.get(
        reverse("triage:cluster-panel", args=[other.pk]), headers={"HX-Request": "true"}
    )
    assert "Marked as not duplicates" not in calm.content.decode()
    done = client.post(
        reverse("triage:withdraw-apart", args=[first.pk]),
        {"other": third.pk, "next": appeal_page},
    )
    assert done.status_code == 302 and done["Location"] == appeal_page
    assert not NotDuplicate.objects.filter(withdrawn_at__isnull=True).exists()
    # The auditor reads the mark but is offered no button.
    check_keep_apart(town.users["clerk"], first, third)
    client.force_login(town.users["auditor"])
    seen = client.get(panel, headers={"HX-Request": "true"}).content.decode()
    assert "Marked as not duplicates" in seen and "Withdraw the mark" not in seen
