"""``ratusha seed-demo``: the whole demo district, deterministic and idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from ratusha.accounts.models import RoleGrant, User
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body, Category, Department
from ratusha.ledger.models import SignedDocument, SigningKey
from ratusha_core.permissions import Role

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[Any, ...]:
    return (
        sorted(User.objects.values_list("email", "full_name", "address", "phone")),
        sorted(
            RoleGrant.objects.values_list("user__email", "role", "body__code", "department__code")
        ),
        Category.objects.count(),
    )


def test_seed_demo_builds_every_role_and_is_idempotent(capsys: Any) -> None:
    call_command("seed_demo")
    first = snapshot()
    town = Body.objects.get(code="ZAR")
    assert town.departments.count() == 8
    assert Category.objects.filter(body=town).count() == 40
    assert Department.objects.filter(body=town, categories__isnull=True).count() == 0
    assert town.urgent_department is not None and town.urgent_department.code == "HOUS"
    roles = set(RoleGrant.objects.values_list("role", flat=True))
    assert roles == {role.value for role in Role}
    assert User.objects.filter(role_grants__isnull=True).count() >= 10  # citizens
    out = capsys.readouterr().out
    assert "sysadmin@demo.ratusha.example" in out and "demo-ratusha-2026" in out
    call_command("seed_demo", "--quiet-logins")
    assert snapshot() == first


def test_a_reseed_keeps_an_administrator_s_choice_of_no_duty_department() -> None:
    call_command("seed_demo", "--quiet-logins")
    Body.objects.filter(code="ZAR").update(urgent_department=None)
    call_command("seed_demo", "--quiet-logins")
    assert Body.objects.get(code="ZAR").urgent_department is None


def test_seed_demo_is_deterministic_with_a_seed() -> None:
    call_command("seed_demo", "--seed", "7", "--quiet-logins")
    first = snapshot()
    # Answers approved in the demo are signed with officials' keys, which keep their users.
    Appeal.objects.all().delete()
    SignedDocument.objects.filter(key__official__isnull=False).delete()
    SigningKey.objects.filter(official__isnull=False).delete()
    User.objects.all().delete()
    call_command("seed_demo", "--seed", "7", "--quiet-logins")
    assert snapshot() == first
