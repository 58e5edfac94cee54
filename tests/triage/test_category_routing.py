"""Categories a clerk always decides: triage never routes them; their page and its count."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.bodies.models import Body, Category
from ratusha.ledger.models import PendingEntry
from ratusha.triage.actions_category_routing import check_set_category_routing
from ratusha.triage.models import Target, TriageResult
from ratusha.triage.routing_rules import routing_allowed
from ratusha.triage.training import do_train_model
from ratusha_core.triage.classify import ClassifierConfig

pytestmark = pytest.mark.django_db

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)
CLEAR = "Вялікая яма на дарозе па вуліцы Лесной, разбіты асфальт."  # roads: A1, category CA1
EVENT = "triage.category_routing"


def _processed(appeal: Appeal, capture: Any) -> tuple[Appeal, TriageResult]:
    with capture(execute=True):
        process_appeal.call(appeal.pk)
    return Appeal.objects.get(pk=appeal.pk), TriageResult.objects.get(appeal_id=appeal.pk)


def _manual(*categories: Any) -> None:
    Category.objects.filter(pk__in=[c.pk for c in categories]).update(auto_route=False)


def _routed_entries() -> int:
    return PendingEntry.objects.filter(event_type="triage.routed").count()


def _assert_waits(appeal: Appeal, result: TriageResult, town: Any) -> None:
    assert result.decision == "suggest" and result.routed_department_id is None
    assert appeal.state == State.TRIAGE and appeal.department is None
    assert result.departments[0][0] == town.departments["A1"].pk  # still suggested


# The triage decision ----------------------------------------------------------------------


def test_a_category_routed_automatically_routes_as_before(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    do_train_model(town.bodies["A"], Target.DEPARTMENT, config=FAST)
    _manual(town.categories["A3"])  # another category: no effect on this appeal
    appeal, result = _processed(
        register(CLEAR, category=town.categories["A1"]), django_capture_on_commit_callbacks
    )
    assert result.decision == "auto_route"
    assert appeal.state == State.ASSIGNED and appeal.department == town.departments["A1"]
    assert _routed_entries() == 1


def test_the_citizen_s_category_a_clerk_decides_holds_a_sure_appeal_back_for_a_clerk(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    do_train_model(town.bodies["A"], Target.DEPARTMENT, config=FAST)
    _manual(town.categories["A2"])
    appeal, result = _processed(
        register(CLEAR, category=town.categories["A2"]), django_capture_on_commit_callbacks
    )
    # Not routed by triage, so no public routing act; nor does the category's default
    # department take it: it waits for a clerk, with the suggestions.
    _assert_waits(appeal, result, town)
    assert _routed_entries() == 0


def test_the_predicted_category_a_clerk_decides_holds_the_department_model_back(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    do_train_model(body, Target.CATEGORY, config=FAST)
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    _manual(town.categories["A1"])
    appeal, result = _processed(register(CLEAR), django_capture_on_commit_callbacks)
    assert result.categories[0][0] == town.categories["A1"].pk
    _assert_waits(appeal, result, town)
    assert _routed_entries() == 0


def test_the_predicted_category_a_clerk_decides_holds_the_category_model_back(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # No department model: the category model routes through the default department.
    do_train_model(town.bodies["A"], Target.CATEGORY, config=FAST)
    routed, result = _processed(register(CLEAR), django_capture_on_commit_callbacks)
    assert result.decision == "auto_route" and routed.state == State.ASSIGNED
    _manual(town.categories["A1"])
    waiting, held = _processed(
        register(CLEAR, applicant_email="two@example.org"), django_capture_on_commit_callbacks
    )
    assert held.decision == "suggest" and held.routed_department_id is None
    assert waiting.state == State.TRIAGE
    assert held.categories[0][0] == town.categories["A1"].pk  # still suggested
    assert _routed_entries() == 1


def test_with_the_body_s_routing_off_every_category_waits_as_before(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    Body.objects.filter(pk=body.pk).update(auto_route=False)
    appeal, result = _processed(register(CLEAR), django_capture_on_commit_callbacks)
    _assert_waits(appeal, result, town)
    assert _routed_entries() == 0


def test_the_rule_costs_one_query_and_reads_only_the_body_s_categories(
    town: Any, register: Any, django_assert_num_queries: Any
) -> None:
    appeal = register(CLEAR, category=town.categories["A1"])
    appeal.body  # noqa: B018 - loaded, as triage has it
    with django_assert_num_queries(1):
        assert routing_allowed(appeal, town.categories["A2"].pk)
    _manual(town.categories["B1"])  # another body's category never counts
    assert routing_allowed(appeal, town.categories["B1"].pk)
    _manual(town.categories["A2"])
    assert not routing_allowed(appeal, town.categories["A2"].pk)
    assert routing_allowed(appeal, None)  # the citizen's A1 is still allowed
    _manual(town.categories["A1"])
    assert not routing_allowed(appeal, None)


# The action --------------------------------------------------------------------------------


def test_the_action_refuses_other_bodies_categories_and_non_administrators(
    town: Any,
) -> None:
    body = town.bodies["A"]
    with pytest.raises(ValidationError):
        check_set_category_routing(town.users["admin"], body, {town.categories["B1"].pk})
    for name in ("clerk", "auditor", "head"):
        with pytest.raises(PermissionDenied):
            check_set_category_routing(town.users[name], body, {town.categories["A1"].pk})
    assert not Category.objects.filter(auto_route=False).exists()
    assert not PendingEntry.objects.filter(event_type=EVENT).exists()


# The page ----------------------------------------------------------------------------------


def _page(town: Any) -> str:
    return reverse("triage:category-routing", args=[town.bodies["A"].pk])


def test_an_administrator_sees_the_body_s_categories_as_a_tree(town: Any, client: Any) -> None:
    a1 = town.categories["A1"]
    Category.objects.filter(pk=a1.pk).update(name_en="Roads", name_ru="Дороги")
    sub = Category.objects.create(
        body=town.bodies["A"], code="CA1-PIT", name_be="Ямы", name_en="Potholes", parent=a1
    )
    _manual(sub)
    client.force_login(town.users["admin"])
    page = client.get(_page(town)).text
    assert "<legend>Categories routed automatically</legend>" in page
    roads = page.index("Roads")
    potholes = page.index("Potholes")
    assert roads < potholes
    # The sub-category sits in a list inside its parent's item.
    assert page[roads:potholes].count("<ul") == 1 and "</li>" not in page[roads:potholes]
    assert f'value="{a1.pk}" id="routing-auto_{a1.pk}" checked' in page
    assert f'value="{sub.pk}" id="routing-auto_{sub.pk}">' in page  # a clerk decides it
    assert f'<label class="choice" for="routing-auto_{sub.pk}">' in page
    assert "CB1" not in page  # body B's category is not listed
    assert 'name="csrfmiddlewaretoken"' in page and "novalidate" in page
    russian = client.get(_page(town), HTTP_ACCEPT_LANGUAGE="ru").text
    assert "Дороги" in russian and "Roads" not in russian


def test_an_administrator_saves_and_the_change_is_recorded_once(
    town: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body, cats = town.bodies["A"], town.categories
    client.force_login(town.users["admin"])
    models_url = reverse("triage:models", args=[body.pk])
    assert "Categories a clerk always decides</a>: 0" in client.get(models_url).text
    ticked = {"auto": [cats["A1"].pk, cats["A3"].pk]}  # A2 unticked: a clerk decides
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(_page(town), ticked, follow=True)
    assert done.redirect_chain[-1][0] == models_url
    assert "a clerk always decides the appeals of 1 category" in done.text
    assert "Categories a clerk always decides</a>: 1" in done.text
    assert set(Category.objects.filter(auto_route=False).values_list("code", flat=True)) == {"CA2"}
    entry = PendingEntry.objects.get(event_type=EVENT)
    leaf = json.loads(entry.leaf_input)
    assert (leaf["auto_route_off"], leaf["auto_route_on"]) == (["CA2"], [])
    assert leaf["body"] == body.code
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(_page(town), ticked, follow=True)
    assert "nothing changed" in again.text
    assert PendingEntry.objects.filter(event_type=EVENT).count() == 1
    every = {"auto": [cats["A1"].pk, cats["A2"].pk, cats["A3"].pk]}
    with django_capture_on_commit_callbacks(execute=True):
        back = client.post(_page(town), every, follow=True)
    assert "appeals of every category are routed automatically" in back.text
    last = PendingEntry.objects.filter(event_type=EVENT).order_by("pk").last()
    leaf = json.loads(last.leaf_input)
    assert (leaf["auto_route_off"], leaf["auto_route_on"]) == ([], ["CA2"])
    assert not Category.objects.filter(auto_route=False).exists()


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Select a valid choice."), ("ru", "Выберите корректный вариант.")],
)
def test_another_body_s_category_is_refused_and_the_ticks_are_kept(
    town: Any, client: Any, language: str, text: str
) -> None:
    client.force_login(town.users["admin"])
    a1, a2 = town.categories["A1"], town.categories["A2"]
    foreign = town.categories["B1"]
    posted = {"auto": [a1.pk, foreign.pk]}
    refused = client.post(_page(town), posted, HTTP_ACCEPT_LANGUAGE=language)
    assert refused.status_code == 422
    page = refused.text
    assert text in page and 'id="error-summary"' in page
    assert 'href="#routing-auto"' in page and 'id="routing-auto_error"' in page
    assert f'value="{a1.pk}" id="routing-auto_{a1.pk}" checked aria-invalid="true"' in page
    assert f'value="{a2.pk}" id="routing-auto_{a2.pk}" aria-invalid="true"' in page  # kept off
    assert not Category.objects.filter(auto_route=False).exists()
    assert not PendingEntry.objects.filter(event_type=EVENT).exists()


def test_only_administrators_of_the_body_or_a_higher_one_may(town: Any, client: Any) -> None:
    url = _page(town)
    for name in ("clerk", "head", "auditor", "officer", "officer_b"):
        client.force_login(town.users[name])
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"auto": []}).status_code in (403, 404)
    assert not Category.objects.filter(auto_route=False).exists()
    client.force_login(town.users["district_admin"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"auto": [town.categories["A1"].pk]}).status_code == 302
    assert set(Category.objects.filter(auto_route=False).values_list("code", flat=True)) == {
        "CA2",
        "CA3",
    }
