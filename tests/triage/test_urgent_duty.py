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


def test_the_duty_officer_passing_it_on_is_not_a_correction_of_the_ai(
    town: Any, duty: Department, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal, result = _process(register(GAS), django_capture_on_commit_callbacks)
    assert result.decision == Decision.URGENT_RULE
    with django_capture_on_commit_callbacks(execute=True):
        check_transition(
            appeal.pk,
            "reassign",
            town.users["admin"],
            {"department": str(town.departments["A1"].pk), "reason": "Газ: аварыйная служба A1."},
        )
    assert Appeal.objects.get(pk=appeal.pk).department_id == town.departments["A1"].pk
    assert not TriageLabel.objects.filter(appeal=appeal).exists()


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
