"""The review queue: who sees which texts, approving, editing with a recheck, rejecting."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ratusha.ledger.models import PendingEntry
from ratusha.publication.models import Publication, Status

pytestmark = pytest.mark.django_db

TEXT_BE = "Мяне завуць Ганна Жук, тэл. +375 29 123-45-67. Каля школы няма пераходу."

ENGLISH = {"accept-language": "en"}  # the messages these tests read are English


@pytest.fixture
def pending(register: Any, world: Any) -> dict[str, Publication]:
    """One consenting appeal in A and one in B, waiting for review."""
    a = register(text=TEXT_BE, consent_to_publish=True)
    b = register(
        text="Просьба отремонтировать дорогу у дома.",
        consent_to_publish=True,
        body=world.bodies["B"],
        category=world.categories["B1"],
    )
    return {"A": a.publication, "B": b.publication}


def client_of(world: Any, name: str) -> Client:
    client = Client(headers=ENGLISH)
    client.force_login(world.users[name])
    return client


def test_clerk_sees_only_own_body_and_admin_sees_the_tree(world: Any, pending: Any) -> None:
    from ratusha.accounts.actions import check_grant_role
    from ratusha.accounts.models import User
    from ratusha_core.permissions import Role

    page = client_of(world, "clerk").get(reverse("publication:queue"))
    assert page.status_code == 200
    assert pending["A"].appeal.number in page.text
    assert pending["B"].appeal.number not in page.text
    assert "[NAME]" in page.text and "<mark" in page.text  # proposal and highlights
    district = client_of(world, "district_admin").get(reverse("publication:queue"))
    assert pending["A"].appeal.number in district.text
    assert pending["B"].appeal.number in district.text
    only_b = client_of(world, "district_admin").get(reverse("publication:queue") + "?body=B")
    assert pending["A"].appeal.number not in only_b.text
    clerk_b = User.objects.create_user("clerk.b@example.org", world.PASSWORD)
    check_grant_role(clerk_b, Role.REGISTRY_CLERK, world.bodies["B"], None)
    client = Client(headers=ENGLISH)
    client.force_login(clerk_b)
    # The clerk of B cannot open or approve A's item.
    answer = client.post(
        reverse("publication:approve", args=[pending["A"].pk]), {"text": "Каля школы."}
    )
    assert answer.status_code == 404


@pytest.mark.parametrize("name", ["officer", "head", "auditor", "citizen"])
def test_others_get_404(world: Any, pending: Any, name: str) -> None:
    client = client_of(world, name)
    assert client.get(reverse("publication:queue")).status_code == 404
    url = reverse("publication:approve", args=[pending["A"].pk])
    assert client.post(url, {"text": "Каля школы няма пераходу."}).status_code == 404
    assert Publication.objects.get(pk=pending["A"].pk).status == Status.PENDING


def test_approve_with_htmx_records_the_act_in_the_ledger(
    world: Any, pending: Any, django_capture_on_commit_callbacks: Any
) -> None:
    publication = pending["A"]
    url = reverse("publication:approve", args=[publication.pk])
    with django_capture_on_commit_callbacks(execute=True):
        answer = client_of(world, "clerk").post(
            url, {"text": publication.proposed_text}, HTTP_HX_REQUEST="true"
        )
    assert answer.status_code == 200 and "approved for publication" in answer.text
    publication.refresh_from_db()
    assert publication.status == Status.APPROVED and publication.reviewer == world.users["clerk"]
    assert publication.edited_text == "" and publication.reviewed_at
    entry = PendingEntry.objects.get(event_type="publication.approved")
    leaf = entry.leaf_input
    leaf = leaf if isinstance(leaf, str) else bytes(leaf).decode()
    assert publication.appeal.number in leaf and "text_sha256" in leaf
    assert "Ганна" not in leaf and "Жук" not in leaf and "школы" not in leaf


def test_edit_is_rechecked_and_override_needs_the_box(world: Any, pending: Any) -> None:
    publication = pending["A"]
    url = reverse("publication:approve", args=[publication.pk])
    clerk = client_of(world, "clerk")
    leaked = "Ганна просіць зрабіць пераход каля школы. Пішыце hanna.zhuk@example.org"
    refused = clerk.post(url, {"text": leaked}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200 and 'role="alert"' in refused.text
    assert "hanna.zhuk@example.org" in refused.text and 'name="override"' in refused.text
    assert Publication.objects.get(pk=publication.pk).status == Status.PENDING
    edited = "Заяўніца просіць зрабіць пераход каля школы."
    clerk.post(url, {"text": edited}, HTTP_HX_REQUEST="true")
    publication.refresh_from_db()
    assert publication.status == Status.APPROVED and publication.edited_text == edited
    assert not publication.override


def test_override_publishes_a_false_alarm(world: Any, register: Any) -> None:
    appeal = register(text="Каля школы няма пераходу.", consent_to_publish=True)
    url = reverse("publication:approve", args=[appeal.publication.pk])
    text = "Каля школы па вул. Савецкая, 12 няма пераходу."  # a public building, not a home
    client_of(world, "clerk").post(url, {"text": text, "override": "on"})
    appeal.publication.refresh_from_db()
    assert appeal.publication.status == Status.APPROVED and appeal.publication.override


def test_reject_asks_for_confirmation_first(world: Any, pending: Any) -> None:
    publication = pending["A"]
    url = reverse("publication:reject", args=[publication.pk])
    clerk = client_of(world, "clerk")
    ask = clerk.post(url)
    assert ask.status_code == 200 and 'name="confirm"' in ask.text
    assert Publication.objects.get(pk=publication.pk).status == Status.PENDING
    done = clerk.post(url, {"confirm": "yes"})
    assert done.status_code == 302
    assert Publication.objects.get(pk=publication.pk).status == Status.REJECTED
    again = clerk.post(url, {"confirm": "yes"}, HTTP_HX_REQUEST="true")
    assert "reviewed this text meanwhile" in again.text
