"""The body's rule for urgent appeals the AI does not route: straight to a duty department."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from ratusha.accounts.actions import check_grant_role
from ratusha.accounts.models import Role, User
from ratusha.appeals.actions import check_transition
from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.bodies.models import Body, Category, Department
from ratusha.ledger.models import PendingEntry
from ratusha.triage.models import Decision, TriageLabel, TriageResult

pytestmark = pytest.mark.django_db

GAS = "В подъезде сильно пахнет газом!"  # an emergency (gas_smell)
CALM = "Прашу пакасіць траву ў двары."


def _process(appeal: Appeal, capture: Any) -> tuple[Appeal, TriageResult]:
    with capture(execute=True):
        process_appeal.call(appeal.pk)
    return Appeal.objects.get(pk=appeal.pk), TriageResult.objects.get(appeal=appeal)


@pytest.fixture
def duty(town: Any) -> Department:
    """Make A3 body A's duty department, with a head of its own."""
    department = town.departments["A3"]
    Body.objects.filter(pk=town.bodies["A"].pk).update(urgent_department=department)
    head = User.objects.create_user("duty.head@example.org", "x" * 12, full_name="Duty Head")
    check_grant_role(head, Role.DEPARTMENT_HEAD, town.bodies["A"], department)
    return department


def test_an_urgent_appeal_nobody_would_route_goes_to_the_duty_department_at_once(
    town: Any, duty: Department, register: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    # "I don't know" as the topic and no trained model: it would wait for a clerk.
    appeal, result = _process(register(GAS), django_capture_on_commit_callbacks)
    assert result.urgency == "emergency"
    assert result.decision == Decision.URGENT_RULE and result.routed_department_id == duty.pk
    assert appeal.state == State.ASSIGNED and appeal.department_id == duty.pk
    # Its head is told at once, the others' are not.
    heads = [m.to for m in mail.outbox if m.to != [appeal.applicant_email]]
    assert heads == [["duty.head@example.org"]]
    # A public act: in the ledger as the body's rule, not a model's.
    leaf = json.loads(PendingEntry.objects.get(event_type="triage.routed").leaf_input)
    assert leaf["decision"] == "urgent_rule" and leaf["department"] == "A3"
    assert leaf["model_target"] is None and leaf["model_version"] is None
    # The officer sees why, and that the suggestions are still the AI's.
    client.force_login(town.users["clerk"])
    panel = client.get(reverse("triage:suggestions", args=[appeal.pk]), HTTP_HX_REQUEST="1")
    assert "sent to the duty department" in panel.text
    assert "the body's rule for urgent appeals sent it at once to Dept A3" in panel.text


def test_the_rule_leaves_alone_what_other_rules_route_or_a_clerk_decides(
    town: Any, duty: Department, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    calm, result = _process(register(CALM), django_capture_on_commit_callbacks)
    assert result.decision == Decision.SUGGEST and calm.state == State.TRIAGE  # not urgent
    # The citizen's category routes it to its own department, urgent or not.
    chosen, result = _process(
        register(GAS, category=town.categories["A1"], applicant_email="a1@example.org"),
        django_capture_on_commit_callbacks,
    )
    assert result.decision == Decision.SUGGEST
    assert chosen.department_id == town.departments["A1"].pk
    # A category a clerk always decides stays with the clerk, urgent or not.
    Category.objects.filter(pk=town.categories["A2"].pk).update(auto_route=False)
    sensitive, result = _process(
        register(GAS, category=town.categories["A2"], applicant_email="a2@example.org"),
        django_capture_on_commit_callbacks,
    )
    assert result.decision == Decision.SUGGEST and sensitive.state == State.TRIAGE
    # A duty department closed since is not used.
    Department.objects.filter(pk=duty.pk).update(is_active=False)
    waiting, result = _process(
        register(GAS, applicant_email="closed@example.org"), django_capture_on_commit_callbacks
    )
    assert result.decision == Decision.SUGGEST and waiting.state == State.TRIAGE
    assert not PendingEntry.objects.filter(event_type="triage.routed").exists()


def _suggest(appeal: Appeal, *departments: Department) -> None:
    """Give the appeal's triage result these department suggestions, best first."""
    pairs = [[d.pk, p] for d, p in zip(departments, (0.6, 0.2, 0.1), strict=False)]
    TriageResult.objects.filter(appeal=appeal).update(departments=pairs)


def test_the_duty_head_passes_it_on_to_the_ai_suggestion_in_one_click(
    town: Any, duty: Department, register: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    a1, a2 = town.departments["A1"], town.departments["A2"]
    appeal, result = _process(register(GAS), django_capture_on_commit_callbacks)
    assert result.decision == Decision.URGENT_RULE
    _suggest(appeal, a1, a2)
    panel_url = reverse("triage:suggestions", args=[appeal.pk])
    # The registry clerk may not give an assigned appeal to another department.
    client.force_login(town.users["clerk"])
    assert "Pass on to" not in client.get(panel_url, HTTP_HX_REQUEST="1").text
    client.force_login(User.objects.get(email="duty.head@example.org"))
    panel = client.get(panel_url, HTTP_HX_REQUEST="1").text
    assert "Pass on to: Dept A1" in panel and 'for="correct-' in panel
    with django_capture_on_commit_callbacks(execute=True):
        accept = reverse("triage:accept", args=[appeal.pk])
        client.post(accept, {"expected_version": appeal.version})
    moved = Appeal.objects.get(pk=appeal.pk)
    assert moved.department_id == a1.pk and moved.state == State.ASSIGNED
    event = moved.events.get(action="reassign")
    assert event.reason.startswith("Passed on by the duty department")
    label = TriageLabel.objects.get(appeal=appeal)  # an accept of the AI's suggestion
    assert (label.suggested, label.chosen, label.accepted) == (str(a1.pk), str(a1.pk), True)
    # Passed on, it is no longer the duty department's to pass on.
    assert "Pass on to" not in client.get(panel_url, HTTP_HX_REQUEST="1").text
    client.force_login(town.users["admin"])
    again = client.post(
        reverse("triage:correct", args=[appeal.pk]),
        {"expected_version": moved.version, "department": a2.pk},
        follow=True,
    )
    assert "no longer waiting for a department" in again.text
    assert Appeal.objects.get(pk=appeal.pk).department_id == a1.pk


def test_passing_it_on_by_hand_is_a_label_too(
    town: Any, duty: Department, register: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    a1, a2 = town.departments["A1"], town.departments["A2"]
    appeal, _result = _process(register(GAS), django_capture_on_commit_callbacks)
    # The AI's first suggestion is the duty department itself: nothing to accept, a choice.
    _suggest(appeal, duty, a1)
    client.force_login(town.users["admin"])
    panel = client.get(reverse("triage:suggestions", args=[appeal.pk]), HTTP_HX_REQUEST="1").text
    assert "Pass on to: Dept A3" not in panel and "Pass on to" in panel
    with django_capture_on_commit_callbacks(execute=True):
        check_transition(
            appeal.pk,
            "reassign",
            town.users["admin"],
            {"department": str(a2.pk), "reason": "Газ: аварыйная служба A2."},
        )
    label = TriageLabel.objects.get(appeal=appeal)  # the AI said the duty department
    assert (label.suggested, label.chosen, label.accepted) == (str(duty.pk), str(a2.pk), False)


def test_an_administrator_names_the_duty_department_on_the_models_page(
    town: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    client.force_login(town.users["admin"])
    page = client.get(reverse("triage:models", args=[body.pk])).text
    assert "wait in the triage queue like the others" in page
    url = reverse("triage:routing-policy", args=[body.pk])
    chosen = town.departments["A3"]
    form = {"auto_route": "on", "precision_percent": "90", "urgent_department": str(chosen.pk)}
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, form, follow=True)
    assert Body.objects.get(pk=body.pk).urgent_department_id == chosen.pk
    assert "Urgent and emergency appeals the AI does not route go straight to Dept A3" in done.text
    leaf = json.loads(PendingEntry.objects.get(event_type="triage.routing_policy").leaf_input)
    assert leaf["urgent_department"] == "A3"
    read = client.get(reverse("ledger:read", args=["A"]), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Department for urgent appeals" in read
    # Another body's department is no choice: the form says so and keeps the rest.
    other = town.departments["B1"]
    refused = client.post(url, {**form, "precision_percent": "80", "urgent_department": other.pk})
    assert refused.status_code == 422 and 'id="policy-urgent_department_error"' in refused.text
    assert 'name="precision_percent" value="80"' in refused.text
    assert Body.objects.get(pk=body.pk).urgent_department_id == chosen.pk
    # Emptied: no duty department any more, recorded as none.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**form, "urgent_department": ""})
    assert Body.objects.get(pk=body.pk).urgent_department_id is None
    last = PendingEntry.objects.filter(event_type="triage.routing_policy").order_by("-pk")[0]
    assert json.loads(last.leaf_input)["urgent_department"] is None
