"""The staff page comparing two appeals: the panel form, the steps, errors, reach, languages."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ratusha.appeals.actions import check_transition
from ratusha.appeals.models import Appeal

pytestmark = pytest.mark.django_db


def _compare(client: Any, appeal: Appeal, typed: str, **headers: str) -> Any:
    return client.get(reverse("triage:compare", args=[appeal.pk]), {"other": typed}, **headers)


def test_the_panel_offers_the_form_without_another_query(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    from django.template.loader import render_to_string

    first = manholes[0]
    client.force_login(town.users["clerk"])
    url = reverse("triage:cluster-panel", args=[first.pk])
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    action = reverse("triage:compare", args=[first.pk])
    assert f'action="{action}"' in page and 'method="get"' in page
    field = re.search(r'<label for="([^"]+)">Registration number or id', page)
    assert field is not None and f'id="{field.group(1)}"' in page and 'name="other"' in page
    # The form reads nothing: the panel with nothing to show renders without a query.
    appeal = Appeal.objects.select_related("body").get(pk=first.pk)
    quiet = {"appeal": appeal, "repeat": None, "cluster": None, "merged_into": None}
    with CaptureQueriesContext(connection) as rendering:
        html = render_to_string("triage/cluster_panel.html", quiet)
    assert f'action="{action}"' in html and len(rendering.captured_queries) == 0


def test_a_linked_pair_lists_each_step_and_says_it_is_linked(
    town: Any, manholes: list[Appeal], client: Any
) -> None:
    first, _second, third, _other = manholes
    client.force_login(town.users["clerk"])
    response = _compare(client, third, first.number)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Words in common (character n-grams)" in page and '<th scope="row">' in page
    assert "Meaning (sentence vectors)" in page and "switched off" in page  # off in tests
    assert "At least one of the two has no pin on the map" in page
    assert "The same street." in page and "they are linked" in page
    assert f"The triage of {third.number} linked the two" in page
    back = reverse("triage:compare", args=[first.pk])
    assert f'href="{back}?other={third.number}"' in page  # the other way round


def test_a_pair_never_compared_says_why(
    town: Any, register: Any, manholes: list[Appeal], client: Any
) -> None:
    first = manholes[0]
    older = register(manholes[1].text, address="вул. Гагарына, 14", applicant_email="o@x.org")
    Appeal.objects.filter(pk=older.pk).update(registered_at=first.registered_at - timedelta(41))
    client.force_login(town.users["clerk"])
    page = _compare(client, first, older.number).content.decode()
    assert "Never compared: registered 41 days apart (the window is 30 days either side)" in page
    assert "If they were compared: score" in page


def test_errors_keep_what_was_typed(town: Any, manholes: list[Appeal], client: Any) -> None:
    first, second = manholes[:2]
    client.force_login(town.users["clerk"])
    unknown = _compare(client, first, "A-1999-000042")
    page = unknown.content.decode()
    assert unknown.status_code == 200 and 'value="A-1999-000042"' in page
    assert "No appeal you can see has the number or id “A-1999-000042”." in page
    assert 'aria-invalid="true"' in page and 'role="alert"' in page
    assert "Words in common" not in page
    same = _compare(client, first, first.number).content.decode()
    assert "That is this appeal." in same and f'value="{first.number}"' in same
    # An appeal out of the officer's reach is "not found", whether or not it exists.
    for appeal in (first, second):
        department = town.departments["A1" if appeal == first else "A2"]
        check_transition(appeal.pk, "assign", town.users["clerk"], {"department": department.pk})
    client.force_login(town.users["officer"])
    hidden = _compare(client, first, second.number).content.decode()
    assert "No appeal you can see has the number" in hidden and second.number in hidden


def test_a_clerk_of_another_body_gets_404(town: Any, manholes: list[Appeal], client: Any) -> None:
    from ratusha.accounts.actions import check_grant_role
    from ratusha.accounts.models import User
    from ratusha_core.permissions import Role

    clerk_b = User.objects.create_user(
        "clerk_b@example.org", "correct-horse-battery-staple", full_name="Clerk B"
    )
    check_grant_role(clerk_b, Role.REGISTRY_CLERK, town.bodies["B"], None)
    client.force_login(clerk_b)
    assert _compare(client, manholes[2], manholes[0].number).status_code == 404
    client.force_login(town.users["citizen"])
    assert _compare(client, manholes[2], manholes[0].number).status_code == 404


@pytest.mark.parametrize("language", ["be", "ru"])
def test_the_page_speaks_belarusian_and_russian(
    town: Any, manholes: list[Appeal], client: Any, language: str
) -> None:
    first, _second, third, _other = manholes
    client.force_login(town.users["clerk"])
    response = _compare(client, third, first.number, HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 200 and f'<html lang="{language}">' in page
    with translation.override(language):
        staff = translation.gettext("Staff")
        similar = translation.gettext("Similar appeals")
    assert staff != "Staff" and staff in page and similar in page
    assert re.search(r'<td class="nowrap">\d,\d\d</td>', page)  # a decimal comma
